import { loadConfig } from '@ppda/config';
import { createLogger } from '@ppda/engine';
import { closeOnSignals } from '@ppda/host';
import { startEmbedded } from './embedded.ts';
import { writeEngineLock } from './engine-lock.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const engine = await startEmbedded(config, logger);
const address = await engine.api.listen({ host: config.HOST, port: config.PORT });
// The CLIs (verify, directory, token) read this to refuse touching a PGlite we hold.
const releaseLock = await writeEngineLock(config.DATA_DIR, { pid: process.pid, address });
const webAddress = await engine.web.app.listen({ host: config.HOST, port: config.WEB_PORT });

const where = [
  `PPDA case engine running (${config.CLOCK} clock, now ${engine.clock.now().toISOString()})`,
  `  Web        ${webAddress} (sign in: ${engine.localIssuer ? 'demo directory, loopback only' : 'OIDC'})`,
  `  API        ${address}`,
  `  OpenAPI    ${address}/openapi.json`,
  `  Health     ${address}/health`,
  `  Ops        ${webAddress}/ops (signed in as ops; Bull Board ${webAddress}/ops/queues, or the API's with an ops token)`,
  `  Metrics    ${address}/metrics (ops token, Prometheus)`,
  ...(engine.localIssuer
    ? [
        `  Tokens     POST ${address}/auth/demo-token {"personId":"psd-inv-1"}, or: pnpm -s token psd-inv-1`,
      ]
    : []),
  ...(engine.sink ? [`  Mail sink  ${address}/mail`] : []),
  ...(engine.time ? [`  Advance    POST ${address}/clock/advance {"days":1}`] : []),
  `  Database   ${config.DATABASE_URL ? 'DATABASE_URL' : `PGlite in ${config.DATA_DIR}/pglite`}`,
  `  Redis      ${config.REDIS_URL ? 'REDIS_URL' : `redis-server child at ${engine.redisServer?.url}`}`,
];
console.log(where.join('\n'));

closeOnSignals(() => engine.close().then(releaseLock), logger);
