import { loadConfig } from '@ppda/config';
import { clockFromConfig, createLogger, openRuntime } from '@ppda/engine';
import { accessFromConfig } from './access-config.ts';
import { buildApi } from './app.ts';

/** The api as its own process, for production: needs real PostgreSQL, Redis and SMTP. */
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL).child({ process: 'api' });
if (!config.DATABASE_URL || !config.REDIS_URL || !config.SMTP_URL) {
  logger.fatal(
    'the standalone api needs DATABASE_URL, REDIS_URL and SMTP_URL; for one process on embedded defaults run `npm start`',
  );
  process.exit(2);
}
const access = await accessFromConfig(config);
const runtime = await openRuntime({
  databaseUrl: config.DATABASE_URL,
  redisUrl: config.REDIS_URL,
  smtpUrl: config.SMTP_URL,
  mailFrom: config.MAIL_FROM,
  queuePrefix: config.QUEUE_PREFIX,
  ...(config.POLICY_FILE ? { policyFile: config.POLICY_FILE } : {}),
  clock: clockFromConfig(config),
  logger,
  victimKey: access.victimKey,
});
const api = await buildApi({
  engine: runtime.engine,
  prisma: runtime.db.prisma,
  queues: runtime.queues,
  probes: runtime.probes,
  logger,
  verifier: access.verifier,
  ...(access.jwks ? { jwks: access.jwks } : {}),
});
await api.listen({ host: config.HOST, port: config.PORT });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    api
      .close()
      .then(() => runtime.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}
