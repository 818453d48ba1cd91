export { accessFromConfig, keyFiles, type TAccessSetup } from './access-config.ts';
export { buildApi, type TApiDeps } from './app.ts';
export { accessRequestOf, actorOf, principalOf } from './authenticate.ts';
export { OPS_BOARD_PATH } from './ops-board.ts';
export { ZReportAllegationBody } from './routes/cases.ts';
export type { THealthProbes } from './routes/health.ts';
