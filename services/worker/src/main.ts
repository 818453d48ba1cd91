import { loadConfig } from '@ppda/config';
import { createLogger, runtimeOptionsFromConfig } from '@ppda/engine';
import { closeOnSignals, startHost } from '@ppda/host';
import { workerPart } from './part.ts';
import { workerSettingsFromConfig } from './workers.ts';

/** The worker as its own process, for production: needs real PostgreSQL, Redis and SMTP. */
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL).child({ process: 'worker' });
const host = await startHost(runtimeOptionsFromConfig(config, { logger }), {
  parts: { worker: workerPart(workerSettingsFromConfig(config)) },
});
logger.info({ pid: process.pid, prefix: config.QUEUE_PREFIX }, 'worker ready');
closeOnSignals(host.close, logger);
