export {
  openBenchRuntime,
  serviceEnvFor,
  startBenchInfra,
  type TBenchInfra,
} from './bench-infra.ts';
export { BENCH_ACTOR, BENCH_PEOPLE, BENCH_REPORT, loadBenchDirectory } from './directory.ts';
export { countUnfired, seedDueTimers, type TDueWindow } from './due-timers.ts';
export { actorHeaders, postAs, type THttpAnswer } from './http-client.ts';
export { percentile, waitUntil } from './measure.ts';
export {
  SeedTemplateError,
  seedCases,
  type TSeeded,
  type TSeedOptions,
  type TSeedRung,
} from './seed-cases.ts';
export {
  ServiceStartError,
  spawnService,
  type TServiceKind,
  type TServiceProcess,
} from './service-process.ts';
