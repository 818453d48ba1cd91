import { loadConfig } from '@ppda/config';
import { createLogger, openRuntime, runtimeOptionsFromConfig } from '@ppda/engine';
import { accessFromConfig } from './access-config.ts';
import { buildApi } from './app.ts';

/** The api as its own process, for production: needs real PostgreSQL, Redis and SMTP. */
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL).child({ process: 'api' });
const access = await accessFromConfig(config);
const runtime = await openRuntime(
  runtimeOptionsFromConfig(config, { logger, victimKey: access.victimKey }),
);
const api = await buildApi({
  engine: runtime.engine,
  prisma: runtime.db.prisma,
  queues: runtime.queues,
  probes: runtime.probes,
  logger,
  verifier: access.verifier,
  ...(access.jwks ? { jwks: access.jwks } : {}),
  production: config.NODE_ENV === 'production',
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
