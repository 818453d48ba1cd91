import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleService, SERVICES } from '@ppda/build';
import { Redis } from 'ioredis';
import pg from 'pg';
import pino from 'pino';
import { openBenchRuntime, serviceEnvFor, startBenchInfra } from './bench-infra.ts';
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
import { median, percentile } from './measure.ts';
import { floorTransaction, measureRawFloor } from './raw-floor.ts';
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
import { measureWebPages } from './web-pages.ts';

const { values: args } = parseArgs({
  // pnpm passes a literal '--' through to the script.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    /** Events per measured run; each figure is the median of `rounds` runs. */
    ops: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    /** Untimed events through each of the floor, the engine and the api before any is measured. */
    'warm-up': { type: 'string', default: '4000' },
    'in-flight': { type: 'string', default: '8' },
    timers: { type: 'string', default: '100000' },
    'window-s': { type: 'string', default: '3600' },
    'measure-s': { type: 'string', default: '120' },
    drain: { type: 'string', default: '10000' },
    'fast-postgres': { type: 'boolean', default: false },
    /**
     * `throughput` stops after the events/s rows (a minute or two instead of ten); `web` runs
     * only the web application's pages (inbox and case page against GET /health).
     */
    only: { type: 'string' },
    /** api and worker write V8 CPU profiles here when they stop (open in Chrome DevTools). */
    'cpu-prof': { type: 'string' },
  },
});
const OPS = Number(args.ops);
const ROUNDS = Number(args.rounds);
const WARM_UP = Number(args['warm-up']);
const IN_FLIGHT = Number(args['in-flight']);
const TIMERS = Number(args.timers);
const WINDOW_MS = Number(args['window-s']) * 1000;
const MEASURE_MS = Number(args['measure-s']) * 1000;
const DRAIN = Number(args.drain);
const QUEUE_PREFIX = 'bench';
/** The engine worker's concurrency, and so that of every raw worker it is compared with. */
const WORKER_CONCURRENCY = 8;
const SERVICE_OPTIONS = args['cpu-prof'] ? { cpuProfileDir: resolve(args['cpu-prof']) } : {};

const benchStarted = Date.now();
const say = (message: string) =>
  process.stderr.write(`bench: +${Math.round((Date.now() - benchStarted) / 1000)} s ${message}\n`);
const logger = pino({ level: 'warn' });
const rows: TBenchRow[] = [];
const notes: string[] = [];

// `--only web`: the web application's pages alone (web-pages.ts), a minute or so.
if (args.only === 'web') {
  const infra = await startBenchInfra({ durablePostgres: !args['fast-postgres'] });
  try {
    console.log(formatTable(await measureWebPages({ infra, logger, say })));
  } finally {
    await infra.close();
  }
  process.exit(0);
}

say('building services/api and services/worker as production runs them');
for (const service of SERVICES) await bundleService(service);
say('starting PostgreSQL, redis-server and the SMTP sink');
const infra = await startBenchInfra({ durablePostgres: !args['fast-postgres'] });
const admin = new Redis(infra.redis.url);
try {
  const databaseUrl = await infra.postgres.createDatabase('engine');
  const store = { databaseUrl, queuePrefix: QUEUE_PREFIX };
  const runtime = await openBenchRuntime(infra, store, {
    mailFrom: 'bench@psd.test',
    mailHours: 'always',
    logger,
  });
  const prisma = runtime.db.prisma;
  await loadBenchDirectory(prisma);
  // Throughput takes each case once; the durable drain floor takes DRAIN more.
  const cases = WARM_UP * 3 + OPS * 6 * ROUNDS + (args.only === 'throughput' ? 0 : DRAIN);
  say(`opening ${cases} cases`);
  const { caseIds } = await seedCases(prisma, runtime.engine, {
    count: cases,
    report: BENCH_REPORT,
    actor: BENCH_ACTOR,
  });
  // The durable drain floor's cases, at the end: their clocks stopped, so that they add
  // nothing armed to the re-arm, the lateness run or the worker's memory.
  const floorCases = args.only === 'throughput' ? [] : caseIds.slice(-DRAIN);
  await prisma.timer.updateMany({
    where: { caseId: { in: floorCases } },
    data: { status: 'met', nextFireAt: null, stoppedBy: 'bench' },
  });
  // Every run takes cases of its own: each case takes the measured decision once.
  let taken = 0;
  const take = (count: number) => {
    taken += count;
    return caseIds.slice(taken - count, taken);
  };

  // 1+2. Events/s: the raw floor (the same tables through plain `pg`, plus a delayed add) and
  // the engine doing the same work in-process and over HTTP (services/api as its own process).
  say('starting services/api');
  const serviceEnv = serviceEnvFor(infra, store, {
    WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
  });
  const api = await spawnService('api', serviceEnv, SERVICE_OPTIONS);
  const subjects = {
    floor: (cases: string[], inFlight: number) =>
      measureRawFloor({ databaseUrl, caseIds: cases, redis: admin, prefix: 'raw', inFlight }),
    inProcess: (cases: string[], inFlight: number) =>
      measureInProcess(runtime.engine, cases, inFlight),
    overHttp: (cases: string[], inFlight: number) => measureOverHttp(api.url!, cases, inFlight),
  };
  type TSubject = keyof typeof subjects;
  // Measured cold, a run spent up to a third of its CPU in V8's optimising compiler (perf),
  // which a long-running service pays once; the api's code takes thousands of requests.
  say(`warming up: ${WARM_UP} untimed events each through the floor, the engine and the api`);
  for (const run of Object.values(subjects)) {
    await run(take(WARM_UP / 2), 1);
    await run(take(WARM_UP / 2), IN_FLIGHT);
  }
  // Rounds interleave the three, and each figure is the median of its rounds: the disk's
  // fsync time drifts (the floor alone has moved 580–1,060/s between runs), and a ratio must
  // compare floor and engine on the same disk.
  const runs = () => ({ sequential: [] as number[], concurrent: [] as number[] });
  const rates: Record<TSubject, ReturnType<typeof runs>> = {
    floor: runs(),
    inProcess: runs(),
    overHttp: runs(),
  };
  for (let round = 1; round <= ROUNDS; round++) {
    say(`round ${round} of ${ROUNDS}: floor, engine in-process, engine over HTTP`);
    for (const [name, run] of Object.entries(subjects) as [TSubject, typeof subjects.floor][]) {
      rates[name].sequential.push((await run(take(OPS), 1)).perSecond);
      rates[name].concurrent.push((await run(take(OPS), IN_FLIGHT)).perSecond);
    }
  }
  await api.stop();
  const floor = {
    sequential: median(rates.floor.sequential),
    concurrent: median(rates.floor.concurrent),
  };
  rows.push(
    row('raw floor, sequential (tx + delayed add)', '', perSecond(floor.sequential)),
    row(`raw floor, ${IN_FLIGHT} in flight`, '', perSecond(floor.concurrent)),
  );
  const against = (subject: TSubject, label: string, target: string) => {
    for (const [mode, base, modeLabel] of [
      ['sequential', floor.sequential, 'sequential'],
      ['concurrent', floor.concurrent, `${IN_FLIGHT} in flight`],
    ] as const) {
      const engine = median(rates[subject][mode]);
      rows.push(
        row(
          `${label}, ${modeLabel}`,
          perSecond(engine),
          perSecond(base),
          ratio(engine / base),
          target,
        ),
      );
    }
  };
  against('inProcess', 'engine in-process', '≥ 0.6');
  against('overHttp', 'engine over HTTP', '≥ 0.4');
  const spread = (values: number[]) =>
    `${perSecond(Math.min(...values))}–${perSecond(Math.max(...values))}`;
  notes.push(
    `events/s rounds (sequential; ${IN_FLIGHT} in flight): ${Object.entries(rates)
      .map(
        ([name, { sequential, concurrent }]) =>
          `${name} ${spread(sequential)}; ${spread(concurrent)}`,
      )
      .join(' · ')}`,
  );

  if (args.only !== 'throughput') rows.push(...(await measureWebPages({ infra, logger, say })));
  if (args.only !== 'throughput') await measureTimers();
  const version = await prisma.$queryRaw<{ server_version: string }[]>`SHOW server_version`;
  const pgVersion = version[0]?.server_version ?? '?';
  await runtime.close();

  const redisInfo = await admin.info('server');
  const redisVersion = /redis_version:(\S+)/.exec(redisInfo)?.[1] ?? '?';
  console.log(describeMachine({ postgres: pgVersion, redis: redisVersion }));
  console.log(
    `PostgreSQL ${args['fast-postgres'] ? 'with fsync off' : 'durable (fsync on)'}; redis-server with AOF everysec; ${IN_FLIGHT} in flight; events/s the median of ${ROUNDS} interleaved runs of ${OPS} events, after ${WARM_UP} untimed`,
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
    const worker = await spawnService('worker', serviceEnv, SERVICE_OPTIONS);
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
      concurrency: WORKER_CONCURRENCY,
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
      concurrency: WORKER_CONCURRENCY,
      leadMs: 5_000,
    });
    // The fairer floor for a fire: each job runs the floor's durable transaction.
    say(`drain: ${DRAIN} BullMQ jobs due at one instant, each the floor's transaction`);
    // One connection per job in flight.
    const floorPool = new pg.Pool({ connectionString: databaseUrl, max: WORKER_CONCURRENCY });
    const durableDrain = await floorTransaction(floorPool, floorCases[0]!)
      .then((transaction) =>
        measureRawDrain({
          redisUrl: infra.redis.url,
          prefix: 'raw',
          count: DRAIN,
          concurrency: WORKER_CONCURRENCY,
          leadMs: 5_000,
          work: (index) => transaction(floorCases[index]!),
        }),
      )
      .finally(() => floorPool.end());
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
      row(
        `drain, against jobs that each run the floor's transaction`,
        seconds(engineDrain),
        seconds(durableDrain.seconds),
        ratio(engineDrain / durableDrain.seconds),
        '',
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
