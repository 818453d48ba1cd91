import { loadConfig } from '@ppda/config';
import { createLogger, runtimeOptionsFromConfig } from '@ppda/engine';
import { closeOnSignals, startHost } from '@ppda/host';
import { accessFromConfig } from './access-config.ts';
import { apiPart } from './part.ts';

/** The api as its own process, for production: needs real PostgreSQL, Redis and SMTP. */
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL).child({ process: 'api' });
const access = await accessFromConfig(config);
const host = await startHost(
  runtimeOptionsFromConfig(config, { logger, victimKey: access.victimKey }),
  {
    parts: {
      api: apiPart({
        verifier: access.verifier,
        ...(access.jwks ? { jwks: access.jwks } : {}),
        production: config.NODE_ENV === 'production',
      }),
    },
  },
);
await host.parts.api.listen({ host: config.HOST, port: config.PORT });
closeOnSignals(host.close, logger);
