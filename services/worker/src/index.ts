export {
  lostInRedis,
  startWorkers,
  type TRunningWorkers,
  type TWorkerOptions,
  workerSettingsFromConfig,
} from './workers.ts';
