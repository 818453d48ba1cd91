import type { TReconcileReport } from '@ppda/engine';
import type { THostPart } from '@ppda/host';
import { startWorkers, type TRunningWorkers, type TWorkerOptions } from './workers.ts';

export interface TWorkerPart extends TRunningWorkers {
  /** What the reconcile before taking work repaired. */
  reconciled: TReconcileReport;
}

/** The workers as a host part: reconcile first, then take work. */
export function workerPart(
  settings: Omit<TWorkerOptions, 'engine' | 'queues' | 'redisUrl' | 'logger'>,
): THostPart<TWorkerPart> {
  return {
    async start({ runtime, logger }) {
      // The database is the truth: make Redis agree before taking work.
      const reconciled = await runtime.engine.reconcile();
      const running = await startWorkers({
        engine: runtime.engine,
        queues: runtime.queues,
        redisUrl: runtime.redisUrl,
        logger,
        ...settings,
      });
      return { workers: running.workers, reconciled, close: () => running.close() };
    },
  };
}
