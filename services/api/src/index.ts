export { accessFromConfig, keyFiles, type TAccessSetup } from './access-config.ts';
export { buildApi, type TApiDeps } from './app.ts';
export { accessRequestOf, actorOf, principalOf } from './authenticate.ts';
export {
  isBoardRead,
  mountReadOnlyBoard,
  OPS_BOARD_PATH,
  OPS_BOARD_READ_ONLY,
  type TReadOnlyBoardOptions,
} from './ops-board.ts';
export { apiPart } from './part.ts';
export { ZReportAllegationBody } from './routes/cases.ts';
export type { THealthProbes } from './routes/health.ts';
