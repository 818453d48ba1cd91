import type { TEngine } from '@ppda/engine';
import { createRedisConnection, parseJobPayload, type TQueueName, type TQueues } from '@ppda/queue';
import { type Job, Worker } from 'bullmq';
import type { Logger } from 'pino';

export interface TWorkerOptions {
  engine: TEngine;
  queues: TQueues;
  redisUrl: string;
  logger: Logger;
  concurrency: number;
  reconcileEveryMs: number;
  /** How long a job's lock lasts; a crashed worker's jobs are retried once it lapses. */
  lockDurationMs?: number;
}

export interface TRunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

/** Timer, notification and maintenance workers; each parses its payload on dequeue. */
export async function startWorkers(options: TWorkerOptions): Promise<TRunningWorkers> {
  const { engine, queues, logger, concurrency } = options;
  const connection = createRedisConnection(options.redisUrl, 'worker');
  connection.on('error', (error) => logger.warn({ err: error }, 'worker redis connection error'));
  const processors: Record<TQueueName, (job: Job) => Promise<unknown>> = {
    'case-timers': (job) => engine.fireTimerRung(parseJobPayload('case.timer.fire', job.data)),
    notifications: (job) =>
      engine.sendNotification(parseJobPayload('notification.send', job.data).notificationId),
    maintenance: async (job) => {
      if (job.name === 'engine.reconcile') return engine.reconcile();
      if (job.name === 'outbox.relay') return engine.relayOutbox();
      throw new Error(`unknown maintenance job ${job.name}`);
    },
  };
  const workers = (Object.keys(processors) as TQueueName[]).map((name) => {
    const worker = new Worker(name, processors[name], {
      connection,
      prefix: queues.prefix,
      concurrency: name === 'maintenance' ? 1 : concurrency,
      ...(options.lockDurationMs
        ? { lockDuration: options.lockDurationMs, stalledInterval: options.lockDurationMs }
        : {}),
    });
    const log = logger.child({ component: `worker.${name}` });
    // BullMQ's guide: always attach 'error', or a lost connection crashes the process.
    worker.on('error', (error) => log.error({ err: error }, 'worker error'));
    worker.on('failed', (job, error) =>
      log.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'job failed'),
    );
    return worker;
  });
  await queues.byName.maintenance.upsertJobScheduler(
    'engine.reconcile',
    { every: options.reconcileEveryMs },
    { name: 'engine.reconcile', data: {} },
  );
  await queues.byName.maintenance.upsertJobScheduler(
    'outbox.relay',
    { every: 10_000 },
    { name: 'outbox.relay', data: {} },
  );
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  return {
    workers,
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      connection.disconnect();
    },
  };
}
