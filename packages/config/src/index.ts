export { ConfigError, loadConfig, type TEnv, ZEnv } from './config.ts';
