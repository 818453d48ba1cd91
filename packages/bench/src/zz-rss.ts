import { openRuntime, systemClock } from '@ppda/engine';
import pino from 'pino';
import { startBenchInfra } from './bench-infra.ts';
import { loadBenchDirectory } from './directory.ts';
import { firedLateness, seedDueTimers, shiftDueWindow, waitForAllFired } from './due-timers.ts';
import { percentile } from './measure.ts';
import { spawnService } from './service-process.ts';
const infra = await startBenchInfra({ durablePostgres: true });
const databaseUrl = await infra.postgres.createDatabase('engine');
const runtime = await openRuntime({ databaseUrl, redisUrl: infra.redis.url, smtpUrl: infra.sink.url, mailFrom: 'b@x.test', queuePrefix: 'p', clock: systemClock, logger: pino({ level: 'silent' }) });
await loadBenchDirectory(runtime.db.prisma);
const env = { DATABASE_URL: databaseUrl, REDIS_URL: infra.redis.url, SMTP_URL: infra.sink.url, QUEUE_PREFIX: 'p', CLOCK: 'system', LOG_LEVEL: 'warn' };
for (const [label, extra] of [['plain', {}], ['semi2', { NODE_OPTIONS: '--max-semi-space-size=2' }], ['liftoff+semi2', { NODE_OPTIONS: '--max-semi-space-size=2', ZZ_V8: '--liftoff-only' }]] as const) {
  const w = await spawnService('worker', { ...env, ...extra, LOG_LEVEL: 'info' });
  const ph = new Date(Date.now() + 3600_000);
  const s = await seedDueTimers(runtime.db.prisma, runtime.engine, { count: 1500, window: { from: ph, to: ph } });
  const due = await shiftDueWindow(runtime.db.prisma, s.due, new Date(Date.now() + 8000));
  await runtime.engine.reconcile();
  await waitForAllFired(runtime.db.prisma, due, 120000);
  const l = await firedLateness(runtime.db.prisma, due);
  console.log(label, 'drain s', (percentile(l, 100) / 1000).toFixed(2), 'peak MB', Math.round((await w.memory()).peakRss / 1048576), 'rss', Math.round((await w.memory()).rss / 1048576));
  await w.stop();
}
await runtime.close(); await infra.close();
