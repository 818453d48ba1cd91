export { freePort } from './free-port.ts';
export {
  isLocalInfraError,
  LocalInfraError,
  type LocalInfraErrorCode,
} from './local-infra-error.ts';
export { POSTGRES_INSTALL_COMMAND } from './postgres-install.ts';
export {
  type PostgresServer,
  type StartPostgresOptions,
  startPostgres,
} from './postgres-server.ts';
export { type RedisSentinel, type StartSentinelOptions, startSentinel } from './redis-sentinel.ts';
export {
  REDIS_INSTALL_COMMAND,
  type RedisServer,
  type StartRedisOptions,
  startRedis,
} from './redis-server.ts';
export type { SinkMessage } from './sink-message.ts';
export {
  type SmtpSink,
  type StartSmtpSinkOptions,
  startSmtpSink,
  type WaitForMessagesOptions,
} from './smtp-sink.ts';
