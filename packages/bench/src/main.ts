import { parseArgs } from 'node:util';
import { bundleService, SERVICES } from '@ppda/build';
import { openRuntime, systemClock } from '@ppda/engine';
import { Redis } from 'ioredis';
import pino from 'pino';
import { startBenchInfra } from './bench-infra.ts';
import { BENCH_ACTOR, BENCH_REPORT, loadBenchDirectory } from './directory.ts';
import {
  countUnfired,
  firedLateness,
  seedDueTimers,
  shiftDueWindow,
  waitForAllFired,
} from './due-timers.ts';
import { measureInProcess, measureOverHttp } from './engine-throughput.ts';
import { describeMachine } from './machine.ts';
import { percentile } from './measure.ts';
import { measureRawFloor } from './raw-floor.ts';
import { measureRawAddBulk, measureRawDrain, measureRawLateness } from './raw-queue.ts';
import {
  formatTable,
  megabytes,
  millis,
  perSecond,
  ratio,
  seconds,
  type TBenchRow,
} from './report-table.ts';
import { seedCases } from './seed-cases.ts';
import { spawnService } from './service-process.ts';

const { values: args } = parseArgs({
  // pnpm passes a literal '--' through to the script.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    ops: { type: 'string', default: '2000' },
    /** Untimed runs before each subject's measured ones: V8 compiles its hot paths first. */
    'warm-up': { type: 'string', default: '4000' },
    'in-flight': { type: 'string', default: '8' },
    timers: { type: 'string', default: '100000' },
    'window-s': { type: 'string', default: '3600' },
    'measure-s': { type: 'string', default: '120' },
    drain: { type: 'string', default: '10000' },
    'fast-postgres': { type: 'boolean', default: false },
    /** `throughput` stops after the events/s rows (a minute or two instead of ten). */
    only: { type: 'string' },
  },
});
const OPS = Number(args.ops);
const WARM_UP = Number(args['warm-up']);
const IN_FLIGHT = Number(args['in-flight']);
const TIMERS = Number(args.timers);
const WINDOW_MS = Number(args['window-s']) * 1000;
const MEASURE_MS = Number(args['measure-s']) * 1000;
const DRAIN = Number(args.drain);
const QUEUE_PREFIX = 'bench';

const benchStarted = Date.now();
const say = (message: string) =>
  process.stderr.write(`bench: +${Math.round((Date.now() - benchStarted) / 1000)} s ${message}\n`);
const logger = pino({ level: 'warn' });
const rows: TBenchRow[] = [];
const notes: string[] = [];

say('building services/api and services/worker as production runs them');
for (const service of SERVICES) await bundleService(service);
say('starting PostgreSQL, redis-server and the SMTP sink');
const infra = await startBenchInfra({ durablePostgres: !args['fast-postgres'] });
const admin = new Redis(infra.redis.url);
try {
  const databaseUrl = await infra.postgres.createDatabase('engine');
  const runtime = await openRuntime({
    databaseUrl,
    redisUrl: infra.redis.url,
    smtpUrl: infra.sink.url,
    mailFrom: 'bench@psd.test',
    queuePrefix: QUEUE_PREFIX,
    clock: systemClock,
    logger,
  });
  const prisma = runtime.db.prisma;
  await loadBenchDirectory(prisma);
  say(`opening ${OPS * 6 + WARM_UP * 3} cases`);
  const { caseIds } = await seedCases(prisma, runtime.engine, {
    count: OPS * 6 + WARM_UP * 3,
    report: BENCH_REPORT,
    actor: BENCH_ACTOR,
  });
  const batch = (n: number) => caseIds.slice(n * OPS, (n + 1) * OPS);
  /**
   * The floor, the engine and the api each first run `WARM_UP` untimed events on cases of
   * their own, half one at a time and half `IN_FLIGHT` at a time: measured cold, a run spends
   * up to a third of its CPU in V8's optimising compiler (perf), which a long-running
   * service pays once. The api's own code takes some thousands of requests to settle.
   */
  let warmed = 0;
  const warmUp = async (run: (caseIds: string[], inFlight: number) => Promise<unknown>) => {
    const from = OPS * 6 + WARM_UP * warmed++;
    await run(caseIds.slice(from, from + WARM_UP / 2), 1);
    await run(caseIds.slice(from + WARM_UP / 2, from + WARM_UP), IN_FLIGHT);
  };

  // 1. The raw floor, on the same database and tables, on cases of its own.
  say('raw floor');
  const rawFloor = (cases: string[], inFlight: number) =>
    measureRawFloor({ databaseUrl, caseIds: cases, redis: admin, prefix: 'raw', inFlight });
  await warmUp(rawFloor);
  const floor = {
    sequential: await rawFloor(batch(0), 1),
    concurrent: await rawFloor(batch(1), IN_FLIGHT),
  };
  rows.push(
    row('raw floor, sequential (tx + delayed add)', '', perSecond(floor.sequential.perSecond)),
    row(`raw floor, ${IN_FLIGHT} in flight`, '', perSecond(floor.concurrent.perSecond)),
  );

  // 2. Engine events/s: the same work through the engine, in-process and over HTTP.
  say('engine in-process');
  const inProcessRun = (cases: string[], inFlight: number) =>
    measureInProcess(runtime.engine, cases, inFlight);
  await warmUp(inProcessRun);
  const inProcess = {
    sequential: await inProcessRun(batch(2), 1),
    concurrent: await inProcessRun(batch(3), IN_FLIGHT),
  };
  const serviceEnv = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: infra.redis.url,
    SMTP_URL: infra.sink.url,
    QUEUE_PREFIX,
    CLOCK: 'system',
  };
  say('engine over HTTP (services/api as its own process)');
  const api = await spawnService('api', serviceEnv);
  const httpRun = (cases: string[], inFlight: number) => measureOverHttp(api.url!, cases, inFlight);
  await warmUp(httpRun);
  const overHttp = {
    sequential: await httpRun(batch(4), 1),
    concurrent: await httpRun(batch(5), IN_FLIGHT),
  };
  await api.stop();
  const against = (engine: number, base: number, target: string, label: string) =>
    rows.push(row(label, perSecond(engine), perSecond(base), ratio(engine / base), target));
  against(
    inProcess.sequential.perSecond,
    floor.sequential.perSecond,
    '≥ 0.6',
    'engine in-process, sequential',
  );
  against(
    inProcess.concurrent.perSecond,
    floor.concurrent.perSecond,
    '≥ 0.6',
    `engine in-process, ${IN_FLIGHT} in flight`,
  );
  against(
    overHttp.sequential.perSecond,
    floor.sequential.perSecond,
    '≥ 0.4',
    'engine over HTTP, sequential',
  );
  against(
    overHttp.concurrent.perSecond,
    floor.concurrent.perSecond,
    '≥ 0.4',
    `engine over HTTP, ${IN_FLIGHT} in flight`,
  );

  if (args.only !== 'throughput') await measureTimers();
  const version = await prisma.$queryRaw<{ server_version: string }[]>`SHOW server_version`;
  const pgVersion = version[0]?.server_version ?? '?';
  await runtime.close();

  const redisInfo = await admin.info('server');
  const redisVersion = /redis_version:(\S+)/.exec(redisInfo)?.[1] ?? '?';
  console.log(describeMachine({ postgres: pgVersion, redis: redisVersion }));
  console.log(
    `PostgreSQL ${args['fast-postgres'] ? 'with fsync off' : 'durable (fsync on)'}; redis-server with AOF everysec; ${IN_FLIGHT} in flight; ${OPS} events per throughput run, each after ${WARM_UP} untimed`,
  );
  console.log(formatTable(rows));
  for (const note of notes) console.log(`note: ${note}`);

  async function measureTimers() {
    // 3+4+5. Re-arm after Redis loss, then lateness and worker memory with the timers firing.
    say(`opening ${TIMERS} cases, each with a clock due within a ${WINDOW_MS / 1000} s window`);
    const placeholder = new Date(Date.now() + 24 * 3600_000);
    const seeded = await seedDueTimers(prisma, runtime.engine, {
      count: TIMERS,
      window: { from: placeholder, to: new Date(placeholder.getTime() + WINDOW_MS) },
    });
    const armed = await prisma.timer.count({
      where: { status: 'armed', nextFireAt: { not: null } },
    });
    say(`raw addBulk of ${armed} delayed jobs`);
    const rawAdd = await measureRawAddBulk(infra.redis.url, 'raw', armed);
    // Place the window now the rows are in: after the re-arm and the worker's start (checked
    // and reported below), estimated from the raw figure.
    const due = await shiftDueWindow(
      prisma,
      seeded.due,
      new Date(Date.now() + 30_000 + rawAdd.seconds * 3_000),
    );
    // Redis lost: the database still holds every armed timer, Redis nothing.
    await admin.flushall();
    say('reconciling (re-arm after Redis loss)');
    const rearmStarted = performance.now();
    const reconciled = await runtime.engine.reconcile();
    const rearmSeconds = (performance.now() - rearmStarted) / 1000;
    rows.push(
      row(
        `re-arm ${reconciled.rearmed.toLocaleString('en-GB')} timers after Redis loss (addBulk of as many)`,
        seconds(rearmSeconds),
        seconds(rawAdd.seconds),
        ratio(rearmSeconds / rawAdd.seconds),
        '≤ 2×',
      ),
    );

    say('starting services/worker');
    const worker = await spawnService('worker', serviceEnv);
    const workerReadyAt = Date.now();
    if (workerReadyAt > due.from.getTime()) {
      notes.push(
        `the worker was ready ${workerReadyAt - due.from.getTime()} ms after the first timer was due`,
      );
    }
    let peakRss = 0;
    const sampler = setInterval(() => {
      worker.memory().then(
        (memory) => {
          peakRss = Math.max(peakRss, memory.peakRss);
        },
        () => undefined,
      );
    }, 1_000);
    // Measure the timers due in the first MEASURE_MS of the window: all of them stay armed in
    // Redis meanwhile, at the rate a window of WINDOW_MS gives.
    const watched = { ...due, to: new Date(due.from.getTime() + Math.min(MEASURE_MS, WINDOW_MS)) };
    say(`measuring lateness of the timers due until ${watched.to.toISOString()}`);
    await waitForAllFired(prisma, watched, 300_000);
    peakRss = Math.max(peakRss, (await worker.memory()).peakRss);
    const lateness = await firedLateness(prisma, watched);
    // The rest of the window is not needed: stop those clocks; the reconciler drops their jobs.
    await prisma.timer.updateMany({
      where: { ruleId: due.ruleId, status: 'armed', nextFireAt: { gt: watched.to, lte: due.to } },
      data: { status: 'met', nextFireAt: null, stoppedBy: 'bench' },
    });
    await runtime.engine.reconcile();
    // The floor for lateness: plain BullMQ jobs at the same rate (over at most 30 s).
    const rawWindowMs = Math.min(MEASURE_MS, 30_000);
    const rawFrom = new Date(Date.now() + 5_000);
    const rawLateness = await measureRawLateness({
      redisUrl: infra.redis.url,
      prefix: 'raw',
      count: Math.round((TIMERS * rawWindowMs) / WINDOW_MS),
      window: { from: rawFrom, to: new Date(rawFrom.getTime() + rawWindowMs) },
      concurrency: 8,
    });
    const spread = (sorted: number[]) =>
      [50, 99, 100].map((p) => millis(percentile(sorted, p))).join(' / ');
    rows.push(
      row(
        `timer lateness p50 / p99 / max: ${lateness.length.toLocaleString('en-GB')} fired at ${Math.round((TIMERS * 1000) / WINDOW_MS)}/s, ${armed.toLocaleString('en-GB')} armed`,
        spread(lateness),
        spread(rawLateness),
        '',
        'p99 ≤ 250 ms',
      ),
    );
    // Drain: many timers due at one instant, against plain BullMQ jobs.
    say(`drain: ${DRAIN} plain BullMQ jobs due at one instant`);
    const rawDrain = await measureRawDrain({
      redisUrl: infra.redis.url,
      prefix: 'raw',
      count: DRAIN,
      concurrency: 8,
      leadMs: 5_000,
    });
    say(`drain: ${DRAIN} engine timers due at one instant`);
    const later = new Date(Date.now() + 24 * 3600_000);
    const seededDrain = await seedDueTimers(prisma, runtime.engine, {
      count: DRAIN,
      window: { from: later, to: later },
    });
    const drainDue = await shiftDueWindow(prisma, seededDrain.due, new Date(Date.now() + 10_000));
    const instant = drainDue.from;
    await runtime.engine.reconcile();
    if (Date.now() > instant.getTime())
      notes.push('drain timers were armed after their due instant');
    await waitForAllFired(prisma, drainDue, 600_000);
    const drainLateness = await firedLateness(prisma, drainDue);
    const engineDrain = percentile(drainLateness, 100) / 1000;
    rows.push(
      row(
        `drain ${DRAIN.toLocaleString('en-GB')} timers due at one instant`,
        seconds(engineDrain),
        seconds(rawDrain.seconds),
        ratio(engineDrain / rawDrain.seconds),
        '≤ 1.5×',
      ),
    );
    peakRss = Math.max(peakRss, (await worker.memory()).peakRss);
    const openCases = await prisma.case.count({ where: { status: 'open' } });
    rows.push(
      row(
        `worker peak RSS, ${openCases.toLocaleString('en-GB')} open cases`,
        megabytes(peakRss),
        '',
        '',
        '≤ 250 MB',
      ),
    );

    clearInterval(sampler);
    if ((await countUnfired(prisma, due)) > 0) notes.push('some lateness timers never fired');
    await worker.stop();
  }
} finally {
  admin.disconnect();
  await infra.close();
}

function row(
  measure: string,
  engine: string,
  floor: string,
  ratioText = '',
  target = '',
): TBenchRow {
  return { measure, engine, floor, ratio: ratioText, target };
}
