import { postAs, seedDueTimers, waitUntil } from '@ppda/bench';
import { timerJobId } from '@ppda/queue';
import {
  countStatus,
  reportOverHttp,
  startCommandStream,
  type TCommandLedger,
} from './command-stream.ts';
import { startFaultStack, type TFaultStack } from './fault-stack.ts';
import { fuzzCommands, type TFuzzReport } from './fuzz-commands.ts';
import { type TLedgerCheck, verifyLedger } from './verify-ledger.ts';

type TFaultMode = 'short' | 'full';

export interface TFaultOptions {
  mode: TFaultMode;
  seed?: number;
  log?: (line: string) => void;
}

export interface TFaultReport {
  mode: TFaultMode;
  seed: number;
  seconds: number;
  /** Fault name → milliseconds from each injection until the system answered and caught up. */
  recoveries: Map<string, number[]>;
  /** Timers armed in the database at each Redis flush: what the reconciler had to re-arm. */
  armedAtFlush: number[];
  ledger: TLedgerCheck;
  /** Every answer the command stream got, status → count (0: no answer). */
  statuses: Map<number, number>;
  /** 503s seen while PostgreSQL was down (the api must say "unavailable", not fail). */
  outageAnswers: Map<number, number>;
  concurrent: {
    sent: number;
    accepted: number;
    statuses: Map<number, number>;
    eventsAdded: number;
  };
  duplicates: { timerJobs: number; mailJobs: number; reRelayed: number };
  fuzz: TFuzzReport;
  /** Distinct error messages the services logged, with how often. */
  serviceErrors: Map<string, number>;
  /** The error lines themselves, for a closer look (`--error-log FILE`). */
  serviceErrorLines: string[];
  /** Mails delivered twice whose first delivery fell in a crash or outage window. */
  mailsTwiceAcrossCrash: number;
  /** Each way the run missed the bar; empty when it met it. */
  problems: string[];
}

const PLAN = {
  short: { kills: 4, fuzzRuns: 400, wave: 25, lanes: 3 },
  full: { kills: 200, fuzzRuns: 10_000, wave: 6, lanes: 4 },
} as const;

const RECOVERY_DEADLINE_MS = 90_000;
const FLUSH = 'Redis flushed (data lost)';
const FLUSH_RECOVERY_BAR_MS = 5_000;
const QUIESCE_DEADLINE_MS = 150_000;

/** A small seeded PRNG (mulberry32), so a failing run can be replayed with its seed. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fault timing only (how long to let work flow before the next fault), never a wait for a result. */
const letWorkFlow = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runFaults(options: TFaultOptions): Promise<TFaultReport> {
  const seed = options.seed ?? Date.now() % 1_000_000;
  const log = options.log ?? (() => undefined);
  const plan = PLAN[options.mode];
  const random = createRandom(seed);
  const started = Date.now();
  log(`mode ${options.mode}, seed ${seed}: starting PostgreSQL, Redis, the api and 2 workers`);
  const stack = await startFaultStack();
  try {
    return await run(stack, { ...options, seed, log, plan, random, started });
  } finally {
    await stack.close();
  }
}

async function run(
  stack: TFaultStack,
  ctx: TFaultOptions & {
    seed: number;
    log: (line: string) => void;
    plan: (typeof PLAN)[TFaultMode];
    random: () => number;
    started: number;
  },
): Promise<TFaultReport> {
  const { log, plan, random } = ctx;
  const prisma = stack.runtime.db.prisma;
  const seededTimerIds: string[] = [];
  const recoveries = new Map<string, number[]>();
  const armedAtFlush: number[] = [];
  /**
   * When a sending worker died or the database was down. SMTP has no idempotent send: a mail
   * accepted by the server just before its worker died (or before the database could record
   * it) is sent again once its claim lapses. Only such mails may arrive twice.
   */
  const crashWindows: { from: number; to: number }[] = [];
  const outageAnswers = new Map<number, number>();

  /** Open a few cases whose timers fall due in the next seconds, armed by the reconciler. */
  const seedWave = async (count: number) => {
    const from = new Date(Date.now() + 1_000 + random() * 2_000);
    const seeded = await seedDueTimers(prisma, stack.runtime.engine, {
      count,
      window: { from, to: new Date(from.getTime() + 4_000) },
      notify: ['case-owner'],
      rungs: 3,
    });
    seededTimerIds.push(...seeded.timerIds);
    await stack.runtime.engine.reconcile().catch(() => undefined); // Redis may be down: workers reconcile
    return seeded.caseIds;
  };

  const stream = startCommandStream({
    apiUrl: stack.apiUrl,
    caseIds: await seedWave(plan.wave),
    lanes: plan.lanes,
    random,
  });
  const ledger: TCommandLedger = stream.ledger;

  /** Healthy again: the api answers, takes a command, and no seeded timer is overdue. */
  const recover = async (name: string, since: number) => {
    await waitUntil(
      `recovery after ${name}`,
      // Redis or the database may still be down: a failed check means not recovered yet.
      () =>
        isRecovered().catch((error: unknown) => {
          notYet = String(error);
          return false;
        }),
      { timeoutMs: RECOVERY_DEADLINE_MS, pollMs: 100 },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; last: ${notYet}`);
    });
    const took = Date.now() - since;
    recoveries.set(name, [...(recoveries.get(name) ?? []), took]);
    log(`${name}: recovered in ${took} ms`);
  };
  let notYet = '';
  const isRecovered = async () => {
    const health = await fetch(`${stack.apiUrl()}/health`).catch(() => undefined);
    notYet = `health ${health?.status}`;
    if (health?.status !== 200) return false;
    const behind = await prisma.timer.count({
      where: {
        id: { in: seededTimerIds },
        status: 'armed',
        nextFireAt: { lt: new Date(Date.now() - 2_000) },
      },
    });
    notYet = `${behind} seeded timers more than 2 s overdue`;
    if (behind > 0) return false;
    // Redis agrees with the database again: every armed seeded timer has its job.
    const armed = await prisma.timer.findMany({
      where: { id: { in: seededTimerIds }, status: 'armed' },
      select: { id: true, nextRung: true },
    });
    const live = await stack.runtime.queues.listJobIds('case-timers', [
      'delayed',
      'waiting',
      'active',
      'prioritized',
    ]);
    const jobless = armed.filter((timer) => !live.has(timerJobId(timer.id, timer.nextRung)));
    notYet = `${jobless.length} armed timers without a job`;
    if (jobless.length > 0) return false;
    // Last, as it writes: the api takes a command again.
    const probe = await reportOverHttp(stack.apiUrl());
    countStatus(ledger, probe.status);
    notYet = `probe command answered ${probe.status}`;
    if (probe.status !== 201) return false;
    const { caseId } = probe.body as { caseId: string };
    ledger.accepted.push({ caseId, type: 'REPORT' });
    return true;
  };

  const killSomething = async () => {
    await seedWave(plan.wave);
    await letWorkFlow(200 + random() * 2_000);
    const since = Date.now();
    if (random() < 0.75) {
      await stack.killWorker(Math.floor(random() * 2));
      crashWindows.push({ from: since - 1_000, to: Date.now() + 1_000 });
      await recover('kill -9 worker', since);
    } else {
      await stack.killApi();
      await recover('kill -9 api', since);
    }
  };

  // Duplicate deliveries: the same rung and the same mail again, under other job ids, and
  // outbox rows relayed a second time.
  const duplicates = { timerJobs: 0, mailJobs: 0, reRelayed: 0 };
  const deliverTwice = async () => {
    await seedWave(plan.wave);
    await letWorkFlow(3_000);
    const fired = await prisma.caseEvent.findMany({
      where: { type: { startsWith: 'clock.' } },
      select: { payload: true, occurredAt: true },
      take: 40,
    });
    for (const [index, event] of fired.entries()) {
      const { timerId, rung } = event.payload as { timerId: string; rung: number };
      await stack.runtime.queues.add(
        'case.timer.fire',
        { timerId, rung, fireAt: event.occurredAt.toISOString() },
        { jobId: `dup-${index}.${timerId}.r${rung}` },
      );
      duplicates.timerJobs++;
    }
    const sent = await prisma.notification.findMany({ where: { status: 'sent' }, take: 40 });
    for (const notification of sent) {
      await stack.runtime.queues.add(
        'notification.send',
        { notificationId: notification.id },
        { jobId: `dup.send.${notification.id}` },
      );
      duplicates.mailJobs++;
    }
    // An outbox row relayed again (a crash before it was deleted): the same rungs once more,
    // under their original job ids this time.
    const again = await prisma.outboxEntry.createMany({
      data: fired.map((event) => {
        const { timerId, rung } = event.payload as { timerId: string; rung: number };
        return {
          kind: 'add-job',
          queue: 'case-timers',
          jobName: 'case.timer.fire',
          jobId: timerJobId(timerId, rung),
          payload: { timerId, rung, fireAt: event.occurredAt.toISOString() },
          fireAt: event.occurredAt,
        };
      }),
    });
    duplicates.reRelayed += again.count;
    await recover('duplicate deliveries', Date.now());
  };

  const restartRedis = async () => {
    await seedWave(plan.wave);
    await letWorkFlow(1_000);
    const since = Date.now();
    await stack.infra.redis.restart();
    await recover('Redis restart (AOF kept)', since);
  };

  const flushRedis = async () => {
    await seedWave(plan.wave);
    await letWorkFlow(1_000);
    armedAtFlush.push(await prisma.timer.count({ where: { status: 'armed' } }));
    const since = Date.now();
    await stack.admin.flushall();
    await recover(FLUSH, since);
  };

  const restartPostgres = async () => {
    await seedWave(plan.wave);
    await letWorkFlow(1_000);
    const since = Date.now();
    await stack.infra.postgres.stop();
    // While it is down the api must answer 503 (retry), not 500 and not hang.
    for (let i = 0; i < 5; i++) {
      const answer = await reportOverHttp(stack.apiUrl(), { timeoutMs: 15_000 });
      outageAnswers.set(answer.status, (outageAnswers.get(answer.status) ?? 0) + 1);
    }
    await stack.infra.postgres.restart();
    crashWindows.push({ from: since - 1_000, to: Date.now() + 1_000 });
    await recover('PostgreSQL restart', since);
  };

  // 50 concurrent commands on one case: each accepted once, the rest refused, no 5xx.
  const concurrent = { sent: 50, accepted: 0, statuses: new Map<number, number>(), eventsAdded: 0 };
  const crowdOneCase = async () => {
    const opened = await reportOverHttp(stack.apiUrl());
    if (opened.status !== 201) throw new Error(`could not open a case: ${opened.status}`);
    const { caseId } = opened.body as { caseId: string };
    ledger.accepted.push({ caseId, type: 'REPORT' });
    const before = await prisma.caseEvent.count({
      where: { caseId, NOT: { type: { startsWith: 'clock.' } } },
    });
    const decisions = [
      { type: 'MATTER_RECORDED', asConductMatter: true, asComplaint: false },
      { type: 'REFERRAL_CRITERION_IDENTIFIED', criteria: ['serious-assault'] },
      { type: 'IOPC_REFERRAL_DECIDED', referred: true },
      { type: 'SEVERITY_ASSESSED', level: 'misconduct' },
    ];
    const answers = await Promise.all(
      Array.from({ length: concurrent.sent }, async (_, index) => {
        const decision = {
          ...decisions[index % decisions.length]!,
          rationale: `Concurrent decision ${index}.`,
        };
        const answer = await postAs(
          stack.apiUrl(),
          `/cases/${caseId}/decisions`,
          decision,
          'inv-1',
        );
        if (answer.status === 200) ledger.accepted.push({ caseId, type: decision.type });
        return answer.status;
      }),
    );
    for (const status of answers)
      concurrent.statuses.set(status, (concurrent.statuses.get(status) ?? 0) + 1);
    concurrent.accepted = concurrent.statuses.get(200) ?? 0;
    const after = await prisma.caseEvent.count({
      where: { caseId, NOT: { type: { startsWith: 'clock.' } } },
    });
    concurrent.eventsAdded = after - before;
  };

  // Fuzz with the stream paused, so every change in the database is the fuzzer's doing.
  let fuzz: TFuzzReport | undefined;
  const fuzzEveryCommand = async () => {
    await stream.pause();
    const target = await reportOverHttp(stack.apiUrl());
    const { caseId } = target.body as { caseId: string };
    ledger.accepted.push({ caseId, type: 'REPORT' });
    const commandEvents = () =>
      prisma.caseEvent.count({ where: { NOT: { type: { startsWith: 'clock.' } } } });
    const [eventsBefore, casesBefore] = [await commandEvents(), await prisma.case.count()];
    fuzz = await fuzzCommands({
      apiUrl: stack.apiUrl,
      caseId,
      runs: plan.fuzzRuns,
      seed: ctx.seed,
    });
    const [eventsAfter, casesAfter] = [await commandEvents(), await prisma.case.count()];
    if (
      eventsAfter - eventsBefore !== fuzz.validAccepted ||
      casesAfter - casesBefore !== fuzz.opened
    ) {
      fuzz.invalidAccepted.push({
        path: '(database)',
        text: `events +${eventsAfter - eventsBefore}, cases +${casesAfter - casesBefore} for ${fuzz.validAccepted} accepted`,
      });
    }
    log(
      `fuzz: ${fuzz.sent} payloads, ${fuzz.fiveXx.length} 5xx, ${fuzz.validAccepted} schema-valid accepted`,
    );
    stream.resume();
  };

  const steps: (() => Promise<void>)[] = [
    killSomething,
    deliverTwice,
    restartRedis,
    crowdOneCase,
    flushRedis,
    restartPostgres,
    fuzzEveryCommand,
  ];
  // The remaining kills land at random points between the other faults.
  for (let kill = 1; kill < ctx.plan.kills; kill++) {
    steps.splice(1 + Math.floor(random() * steps.length), 0, killSomething);
  }
  for (const [index, step] of steps.entries()) {
    log(`step ${index + 1}/${steps.length}: ${step.name}`);
    await step();
  }

  const final = await stream.stop();
  log('stream stopped; waiting for every due timer and mail');
  await waitUntil(
    'every seeded timer fired and every mail sent',
    async () =>
      (await prisma.timer.count({ where: { id: { in: seededTimerIds }, status: 'armed' } })) ===
        0 &&
      (await prisma.notification.count({ where: { status: { not: 'sent' } } })) === 0 &&
      (await prisma.outboxEntry.count()) === 0,
    { timeoutMs: QUIESCE_DEADLINE_MS, pollMs: 250 },
  );

  const ledgerCheck = await verifyLedger({
    prisma,
    accepted: final.accepted,
    seededTimerIds,
    mails: stack.infra.sink.messages(),
  });
  const report: TFaultReport = {
    mode: ctx.mode,
    seed: ctx.seed,
    seconds: (Date.now() - ctx.started) / 1000,
    recoveries,
    armedAtFlush,
    ledger: ledgerCheck,
    statuses: final.statuses,
    outageAnswers,
    concurrent,
    duplicates,
    fuzz: fuzz!,
    serviceErrors: summarizeErrors(stack.serviceErrors()),
    serviceErrorLines: stack.serviceErrors(),
    mailsTwiceAcrossCrash: ledgerCheck.mailsSentTwiceDetail.filter((mail) => {
      const first = Date.parse(mail.receivedAt[0] ?? '');
      return crashWindows.some((window) => first >= window.from && first <= window.to);
    }).length,
    problems: [],
  };
  report.problems = judge(report);
  return report;
}

function summarizeErrors(lines: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    let key = line.slice(0, 200);
    try {
      const entry = JSON.parse(line) as {
        msg?: string;
        err?: { type?: string; code?: string; message?: string };
      };
      const { type = '', code = '', message = '' } = entry.err ?? {};
      key = `${entry.msg ?? ''}: ${type}${code ? ` ${code}` : ''} ${message.split('\n')[0]?.slice(0, 160)}`;
    } catch {
      // not JSON: keep the raw line
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The bar: nothing accepted lost, nothing twice, no fuzzed 5xx or state change. */
function judge(report: TFaultReport): string[] {
  const { ledger, fuzz, concurrent } = report;
  const problems: string[] = [];
  if (ledger.acceptedMissing.length > 0) {
    problems.push(`${ledger.acceptedMissing.length} accepted commands have no event`);
  }
  if (ledger.rungsFired !== ledger.rungsArmed) {
    problems.push(`${ledger.rungsArmed} timer rungs armed, ${ledger.rungsFired} fired`);
  }
  if (ledger.rungsFiredTwice > 0)
    problems.push(`${ledger.rungsFiredTwice} timer rungs fired twice`);
  if (ledger.mailsSent !== ledger.mailsClaimed) {
    problems.push(`${ledger.mailsClaimed} mails claimed, ${ledger.mailsSent} sent`);
  }
  const twiceWithoutCrash = ledger.mailsSentTwice - report.mailsTwiceAcrossCrash;
  if (twiceWithoutCrash > 0) {
    problems.push(`${twiceWithoutCrash} mails sent twice with no crash or outage to explain it`);
  }
  if (ledger.brokenChains > 0)
    problems.push(`${ledger.brokenChains} cases with gaps in their events`);
  // Issue 15: after losing Redis the engine is whole again within 5 s, however many timers.
  // A speed target, so only the full run (a measurement) holds it; `npm test`'s short run does
  // not time anything.
  const flushes = report.recoveries.get(FLUSH) ?? [];
  if (report.mode === 'full' && flushes.some((ms) => ms > FLUSH_RECOVERY_BAR_MS)) {
    problems.push(`a Redis flush took ${Math.max(...flushes)} ms to recover (bar 5 s)`);
  }
  const serverErrors = [...report.statuses].filter(([status]) => status >= 500 && status !== 503);
  if (serverErrors.length > 0) problems.push(`the api failed with ${JSON.stringify(serverErrors)}`);
  const outage = [...report.outageAnswers].filter(([status]) => status !== 503);
  if (outage.length > 0)
    problems.push(`with PostgreSQL down the api answered ${JSON.stringify(outage)}, not 503`);
  if ([...concurrent.statuses.keys()].some((status) => status >= 500 || status === 0)) {
    problems.push(
      `50 concurrent commands on one case got ${JSON.stringify([...concurrent.statuses])}`,
    );
  }
  if (concurrent.eventsAdded !== concurrent.accepted) {
    problems.push(
      `one case took ${concurrent.accepted} commands but recorded ${concurrent.eventsAdded} events`,
    );
  }
  if (fuzz.fiveXx.length > 0)
    problems.push(`${fuzz.fiveXx.length} fuzzed payloads got a 5xx or no answer`);
  if (fuzz.invalidAccepted.length > 0) {
    problems.push(
      `fuzzed payloads changed state: ${JSON.stringify(fuzz.invalidAccepted.slice(0, 3))}`,
    );
  }
  return problems;
}
