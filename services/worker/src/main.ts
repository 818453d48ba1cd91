import { loadConfig } from '@ppda/config';
import { clockFromConfig, createLogger, openRuntime } from '@ppda/engine';
import { startWorkers } from './workers.ts';

/** The worker as its own process, for production: needs real PostgreSQL, Redis and SMTP. */
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL).child({ process: 'worker' });
if (!config.DATABASE_URL || !config.REDIS_URL || !config.SMTP_URL) {
  logger.fatal(
    'the standalone worker needs DATABASE_URL, REDIS_URL and SMTP_URL; for one process on embedded defaults run `npm start`',
  );
  process.exit(2);
}
const runtime = await openRuntime({
  databaseUrl: config.DATABASE_URL,
  redisUrl: config.REDIS_URL,
  smtpUrl: config.SMTP_URL,
  mailFrom: config.MAIL_FROM,
  queuePrefix: config.QUEUE_PREFIX,
  ...(config.POLICY_FILE ? { policyFile: config.POLICY_FILE } : {}),
  clock: clockFromConfig(config),
  logger,
});
// The database is the truth: make Redis agree before taking work.
await runtime.engine.reconcile();
const workers = await startWorkers({
  engine: runtime.engine,
  queues: runtime.queues,
  redisUrl: runtime.redisUrl,
  logger,
  concurrency: config.WORKER_CONCURRENCY,
  reconcileEveryMs: config.RECONCILE_EVERY_MS,
  ...(config.WORKER_LOCK_MS ? { lockDurationMs: config.WORKER_LOCK_MS } : {}),
});
logger.info({ pid: process.pid, prefix: config.QUEUE_PREFIX }, 'worker ready');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    workers
      .close()
      .then(() => runtime.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}
