export { startWorkers, type TRunningWorkers, type TWorkerOptions } from './workers.ts';
