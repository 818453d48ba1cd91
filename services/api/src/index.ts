export { buildApi, type TApiDeps } from './app.ts';
export { OPS_BOARD_PATH } from './ops-board.ts';
export { ZReportAllegationBody } from './routes/cases.ts';
export type { THealthProbes } from './routes/health.ts';
