export { type TWorkerPart, workerPart } from './part.ts';
export {
  lostInRedis,
  startWorkers,
  type TRunningWorkers,
  type TWorkerOptions,
  workerSettingsFromConfig,
} from './workers.ts';
