import { hostname } from 'node:os';
import type { TEnv } from '@ppda/config';
import { type TEngine, wallDelayMs } from '@ppda/engine';
import { createRedisConnection, parseJobPayload, type TQueueName, type TQueues } from '@ppda/queue';
import { DelayedError, ErrorCode, type Job, Worker } from 'bullmq';
import type { Logger } from 'pino';

export interface TWorkerOptions {
  engine: TEngine;
  queues: TQueues;
  redisUrl: string;
  logger: Logger;
  concurrency: number;
  reconcileEveryMs: number;
  /** How often to sign a checkpoint of every case head; unset: none scheduled. */
  checkpointEveryMs?: number;
  /** How long a job's lock lasts; a crashed worker's jobs are retried once it lapses. */
  lockDurationMs?: number;
  /** Stored on every job this process runs (`job.processedBy`); defaults to host and pid. */
  name?: string;
}

/** Worker tuning from config, shared by the standalone worker and the embedded engine. */
export function workerSettingsFromConfig(
  config: Pick<
    TEnv,
    'WORKER_CONCURRENCY' | 'RECONCILE_EVERY_MS' | 'WORKER_LOCK_MS' | 'CHECKPOINT_EVERY_MS'
  >,
): Pick<
  TWorkerOptions,
  'concurrency' | 'reconcileEveryMs' | 'lockDurationMs' | 'checkpointEveryMs'
> {
  return {
    concurrency: config.WORKER_CONCURRENCY,
    reconcileEveryMs: config.RECONCILE_EVERY_MS,
    checkpointEveryMs: config.CHECKPOINT_EVERY_MS,
    ...(config.WORKER_LOCK_MS ? { lockDurationMs: config.WORKER_LOCK_MS } : {}),
  };
}

export interface TRunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

const RELAY_EVERY_MS = 10_000;

/**
 * A running job whose key or lock vanished from Redis: Redis lost its data (flushed, or a
 * replica promoted before it caught up), or the lock lapsed and another worker took the job.
 * Nothing is lost with it (the database guards every effect, and the reconciler re-arms what
 * is due), so it is a warning, not an error that pages ops during a recovery that needs no one.
 */
export function lostInRedis(error: Error): boolean {
  return (
    (error as { code?: unknown }).code === ErrorCode.JobNotExist ||
    error.message.startsWith('could not renew lock for job ')
  );
}

/** Timer, notification and maintenance workers; each parses its payload on dequeue. */
export async function startWorkers(options: TWorkerOptions): Promise<TRunningWorkers> {
  const { engine, queues, logger, concurrency } = options;
  const connection = createRedisConnection(options.redisUrl, 'worker');
  connection.on('error', (error) => logger.warn({ err: error }, 'worker redis connection error'));
  const componentLog = (name: TQueueName) => logger.child({ component: `worker.${name}` });
  /**
   * Put a job that ran early back until `at` (business time): its payload carries `at` as
   * `fireAt`, so a virtual clock's time machine promotes it then; wall time waits the same.
   */
  const redelayUntil = async (job: Job, at: Date, token: string | undefined): Promise<never> => {
    await job.updateData({ ...job.data, fireAt: at.toISOString() });
    const businessMs = Math.max(1, at.getTime() - engine.deps.clock.now().getTime());
    await job.moveToDelayed(Date.now() + wallDelayMs(engine.deps.clock, businessMs), token);
    throw new DelayedError();
  };
  const processors: Record<TQueueName, (job: Job, token?: string) => Promise<unknown>> = {
    'case-timers': async (job, token) => {
      const outcome = await engine.fireTimerRung(parseJobPayload('case.timer.fire', job.data));
      if (typeof outcome === 'string') return outcome;
      // Run before its rung's time (promoted early): nothing was recorded. Put it back to wait
      // the business time left (on a virtual clock the time machine promotes it when due).
      componentLog('case-timers').warn(
        { jobId: job.id, fireAt: outcome.fireAt.toISOString() },
        'timer job ran before its rung was due: re-delayed, nothing recorded',
      );
      await redelayUntil(job, outcome.fireAt, token);
    },
    notifications: async (job, token) => {
      const outcome = await engine.sendNotification(
        parseJobPayload('notification.send', job.data).notificationId,
      );
      if (typeof outcome === 'string') return outcome;
      // Held for working hours and run early (promoted by hand): wait the business time left.
      await redelayUntil(job, outcome.sendAt, token);
    },
    maintenance: async (job) => {
      if (job.name === 'engine.reconcile') return engine.reconcile();
      if (job.name === 'outbox.relay') return engine.relayOutbox();
      if (job.name === 'digest.send') {
        return engine.sendDailyDigest(parseJobPayload('digest.send', job.data).day);
      }
      if (job.name === 'chain.checkpoint') return (await engine.writeCheckpoint())?.file ?? null;
      throw new Error(`unknown maintenance job ${job.name}`);
    },
  };
  const workers = (Object.keys(processors) as TQueueName[]).map((name) => {
    const worker = new Worker(name, processors[name], {
      connection,
      prefix: queues.prefix,
      concurrency: name === 'maintenance' ? 1 : concurrency,
      name: options.name ?? `${hostname()}-${process.pid}`,
      ...(options.lockDurationMs
        ? { lockDuration: options.lockDurationMs, stalledInterval: options.lockDurationMs }
        : {}),
    });
    const log = logger.child({ component: `worker.${name}` });
    // BullMQ's guide: always attach 'error', or a lost connection crashes the process.
    worker.on('error', (error) => {
      if (lostInRedis(error)) log.warn({ err: error }, 'a running job lost its Redis key or lock');
      else log.error({ err: error }, 'worker error');
    });
    worker.on('failed', (job, error) =>
      log.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'job failed'),
    );
    return worker;
  });
  const ensureSchedulers = () =>
    Promise.all([
      queues.byName.maintenance.upsertJobScheduler(
        'engine.reconcile',
        { every: options.reconcileEveryMs },
        { name: 'engine.reconcile', data: {} },
      ),
      queues.byName.maintenance.upsertJobScheduler(
        'outbox.relay',
        { every: RELAY_EVERY_MS },
        { name: 'outbox.relay', data: {} },
      ),
      ...(options.checkpointEveryMs
        ? [
            queues.byName.maintenance.upsertJobScheduler(
              'chain.checkpoint',
              { every: options.checkpointEveryMs },
              { name: 'chain.checkpoint', data: {} },
            ),
          ]
        : []),
    ]);
  await ensureSchedulers();
  // The schedulers live in Redis: a flushed or replaced Redis loses them, and with them the
  // reconciler that would repair the loss. Re-asserting them (idempotent) closes that gap.
  const keepSchedulers = setInterval(
    () => {
      ensureSchedulers().catch((error: unknown) =>
        logger.warn({ err: error }, 'job schedulers not re-asserted'),
      );
    },
    Math.min(options.reconcileEveryMs, RELAY_EVERY_MS),
  );
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  return {
    workers,
    async close() {
      clearInterval(keepSchedulers);
      await Promise.all(workers.map((worker) => worker.close()));
      connection.disconnect();
    },
  };
}
