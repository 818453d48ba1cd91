import { loadConfig } from '@ppda/config';
import { createLogger, openRuntime, runtimeOptionsFromConfig } from '@ppda/engine';
import { startWorkers, workerSettingsFromConfig } from './workers.ts';

/** The worker as its own process, for production: needs real PostgreSQL, Redis and SMTP. */
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL).child({ process: 'worker' });
const runtime = await openRuntime(runtimeOptionsFromConfig(config, { logger }));
// The database is the truth: make Redis agree before taking work.
await runtime.engine.reconcile();
const workers = await startWorkers({
  engine: runtime.engine,
  queues: runtime.queues,
  redisUrl: runtime.redisUrl,
  logger,
  ...workerSettingsFromConfig(config),
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
