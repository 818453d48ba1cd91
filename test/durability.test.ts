import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RedisServer, startRedis } from '@ppda/local-infra';
import { createRedisConnection } from '@ppda/queue';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { isNoticeAbout } from './support/mail.ts';
import { EMAIL } from './support/people.ts';
import { spawnWorker, type TWorkerProcess } from './support/worker-process.ts';

const MON_3_MAR_10AM = new Date('2025-03-03T10:00:00Z');
const DAY = 24 * 3600 * 1000;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const reportCase = (h: THarness, body: Record<string, unknown>) => h.report(body);

function clockEvents(h: THarness, caseId: string) {
  return h.runtime.db.prisma.caseEvent.findMany({
    where: { caseId, type: { startsWith: 'clock.' } },
    orderBy: { seq: 'asc' },
  });
}

describe('a worker killed around a due timer', () => {
  it('fires the timer once after the worker is killed and restarted', async () => {
    const h = await startHarness({ start: MON_3_MAR_10AM, workers: false });
    cleanups.push(() => h.close());
    const workerEnv = () => ({
      DATABASE_URL: h.databaseUrl,
      REDIS_URL: h.redisUrl,
      SMTP_URL: h.sink.url,
      QUEUE_PREFIX: h.queuePrefix,
      CLOCK: 'virtual',
      VIRTUAL_START: h.clock.now().toISOString(),
      WORKER_LOCK_MS: '1000',
      RECONCILE_EVERY_MS: '3600000',
    });
    let worker: TWorkerProcess = await spawnWorker(workerEnv());
    cleanups.push(() => worker.stop());

    const opened = await reportCase(h, {
      referralCriteriaMet: ['serious-assault'],
      ownerId: 'inv-1',
    });
    await worker.kill();

    // The reminders of iopc.referral and record.decision fall due (Tue 04:59) while no worker runs.
    expect(await h.time.promoteDue(new Date('2025-03-04T06:00:00Z'))).toBe(2);
    expect(await clockEvents(h, opened.caseId)).toEqual([]);

    worker = await spawnWorker(workerEnv());
    await h.time.settle();
    const afterRestart = await clockEvents(h, opened.caseId);
    expect(
      afterRestart
        .map((event) => [event.ruleId, event.type, event.occurredAt.toISOString()])
        .sort(),
    ).toEqual([
      ['iopc.referral', 'clock.reminder-sent', '2025-03-04T04:59:59.999Z'],
      ['record.decision', 'clock.reminder-sent', '2025-03-04T04:59:59.999Z'],
    ]);

    // Killed mid-flight this time: the job is promoted and the worker dies at once. Whether it
    // died before, during or after the job, the restarted worker must leave exactly one event.
    // 08:00: the due notices (end of Tue 4 Mar) are mailed at the start of working hours.
    await h.time.promoteDue(new Date('2025-03-05T08:00:00Z'));
    await worker.kill();
    worker = await spawnWorker(workerEnv());
    await h.time.settle();
    await h.time.advanceTo(new Date('2025-03-05T08:00:00Z'));
    const events = await clockEvents(h, opened.caseId);
    const perRung = new Map<string, number>();
    for (const event of events) {
      const { timerId, rung } = event.payload as { timerId: string; rung: number };
      const key = `${timerId}#${rung}`;
      perRung.set(key, (perRung.get(key) ?? 0) + 1);
    }
    expect([...perRung.values()].every((count) => count === 1)).toBe(true);
    expect(
      events.filter((event) => event.ruleId === 'iopc.referral').map((event) => event.type),
    ).toEqual(['clock.reminder-sent', 'clock.due-notice-sent', 'clock.escalated']);
    // The referral is the AA's decision: each of its rungs mails them, once.
    const aaMails = h.sink
      .messages()
      .filter(
        (mail) =>
          mail.to.includes(EMAIL.aa) && isNoticeAbout(mail, opened.reference, 'iopc.referral'),
      );
    const title = 'Refer to the IOPC (or record why not)';
    expect(aaMails.map((mail) => mail.subject).sort()).toEqual(
      [
        `${opened.reference}: Due now: ${title}, due Tue 4 Mar`,
        `${opened.reference}: Overdue: ${title}, was due Tue 4 Mar`,
        `${opened.reference}: ${title} due Tue 4 Mar`,
      ].sort(),
    );
  });
});

describe('Redis lost', () => {
  let redisServer: RedisServer;

  it('re-arms every armed timer from the database; each fires once, on its due time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ppda-redis-loss-'));
    redisServer = await startRedis({ dir });
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    cleanups.push(() => redisServer.stop());

    const first = await startHarness({ start: MON_3_MAR_10AM, redisUrl: redisServer.url });
    const referral = await reportCase(first, {
      referralCriteriaMet: ['serious-assault'],
      ownerId: 'inv-1',
    });
    const recorded = await reportCase(first, { ownerId: 'inv-1' });
    await first.decide(recorded.caseId, {
      type: 'MATTER_RECORDED',
      asConductMatter: true,
      asComplaint: false,
      rationale: 'A conduct matter: alleged abuse by a serving officer.',
    });
    // Some rungs fire before the loss, the rest after it.
    await first.time.advanceTo(new Date('2025-03-04T12:00:00Z'));
    const armedBefore = await first.runtime.db.prisma.timer.findMany({
      where: { status: 'armed' },
    });
    expect(armedBefore.length).toBeGreaterThanOrEqual(3);
    await first.stop();

    const admin = new Redis(redisServer.url);
    await admin.flushall();
    expect(await admin.dbsize()).toBe(0);
    await admin.quit();

    const second = await startHarness({
      start: MON_3_MAR_10AM,
      clock: first.clock,
      databaseUrl: first.databaseUrl,
      redisUrl: redisServer.url,
      queuePrefix: first.queuePrefix,
      sink: first.sink,
    });
    cleanups.push(() => second.close().then(() => first.sink.close()));
    expect(second.reconciled.rearmed).toBe(armedBefore.length);

    await second.time.advanceBy(30 * DAY);

    const prisma = second.runtime.db.prisma;
    const timers = await prisma.timer.findMany({
      where: { id: { in: armedBefore.map((timer) => timer.id) } },
    });
    expect(timers.map((timer) => timer.caseId)).toEqual(
      expect.arrayContaining([referral.caseId, recorded.caseId]),
    );
    const now = second.clock.now().getTime();
    for (const timer of timers) {
      const ladder = timer.ladder as { rung: number; fireAt: string }[];
      const fired = await prisma.caseEvent.findMany({
        where: {
          caseId: timer.caseId,
          type: { startsWith: 'clock.' },
          payload: { path: ['timerId'], equals: timer.id },
        },
        orderBy: { seq: 'asc' },
      });
      // Every rung due by now fired once, at its own time; none early (a 12-month clock waits).
      expect(fired.map((event) => event.occurredAt.toISOString())).toEqual(
        ladder.filter((rung) => Date.parse(rung.fireAt) <= now).map((rung) => rung.fireAt),
      );
    }
    expect(timers.filter((timer) => timer.status === 'overdue').length).toBeGreaterThanOrEqual(3);
    const notifications = await prisma.notification.findMany();
    expect(notifications.every((notification) => notification.status === 'sent')).toBe(true);
    const delivered = first.sink.messages().map((mail) => mail.messageId);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered).toHaveLength(notifications.length);
  });
});

describe('the reconciler, a page at a time', () => {
  /** A harness with no workers and one referred case: its timers armed, none fired. */
  const startWithArmedTimers = async () => {
    const h = await startHarness({ start: MON_3_MAR_10AM, workers: false });
    cleanups.push(() => h.close());
    await reportCase(h, { referralCriteriaMet: ['serious-assault'], ownerId: 'inv-1' });
    return h;
  };
  const armedTimers = (h: THarness, order: 'asc' | 'desc') =>
    h.runtime.db.prisma.timer.findMany({ where: { status: 'armed' }, orderBy: { id: order } });

  it('leaves live jobs alone, re-adds a missing one and removes orphans, not foreign jobs', async () => {
    const h = await startWithArmedTimers();
    const armed = await armedTimers(h, 'asc');
    expect(armed.length).toBeGreaterThanOrEqual(2);
    const queue = h.runtime.queues.byName['case-timers'];
    const [lost, kept] = armed as [(typeof armed)[number], (typeof armed)[number]];
    const keptJobId = `${kept.id}.r${kept.nextRung}`;
    const keptTimestamp = (await queue.getJob(keptJobId))?.timestamp;

    // One job lost, one for a rung its timer no longer expects, one that is not ours.
    await queue.remove(`${lost.id}.r${lost.nextRung}`);
    const fireAt = new Date(h.clock.now().getTime() + DAY).toISOString();
    await h.runtime.queues.addBulk('case-timers', [
      {
        name: 'case.timer.fire',
        payload: { timerId: kept.id, rung: 7, fireAt },
        jobId: `${kept.id}.r7`,
        delayMs: DAY,
      },
    ]);
    await queue.add('foreign', {}, { jobId: 'not-a-timer-job', delay: DAY });

    const report = await h.engine.reconcile();
    expect(report).toMatchObject({ rearmed: 1, removedOrphans: 1 });
    const delayed = new Set(await queue.getDelayed().then((jobs) => jobs.map((job) => job.id)));
    expect(delayed).toEqual(
      new Set([...armed.map((timer) => `${timer.id}.r${timer.nextRung}`), 'not-a-timer-job']),
    );
    // The live job was not re-added: it is the same job as before.
    expect((await queue.getJob(keptJobId))?.timestamp).toBe(keptTimestamp);
  });

  it('re-arms what falls due soonest first, then the rest', async () => {
    const h = await startWithArmedTimers();
    const prisma = h.runtime.db.prisma;
    const armed = await armedTimers(h, 'desc');
    expect(armed.length).toBeGreaterThanOrEqual(3);
    // The timer that sorts last by id falls due in five minutes: a pass in id order would
    // re-arm it last.
    const [soonest] = armed as [(typeof armed)[number]];
    await prisma.timer.update({
      where: { id: soonest.id },
      data: { nextFireAt: new Date(h.clock.now().getTime() + 5 * 60_000) },
    });
    const admin = new Redis(h.runtime.redisUrl);
    cleanups.push(async () => admin.disconnect());
    const queue = h.runtime.queues.byName['case-timers'];
    await queue.obliterate({ force: true });

    const report = await h.engine.reconcile();
    expect(report.rearmed).toBe(armed.length);
    // The queue's event stream holds the adds in the order they were made.
    const events = await admin.xrange(`${h.runtime.queues.prefix}:case-timers:events`, '-', '+');
    const added = events
      .map(([, fields]) =>
        Object.fromEntries(fields.flatMap((v, i, all) => (i % 2 ? [] : [[v, all[i + 1]]]))),
      )
      .filter((fields) => fields.event === 'delayed' || fields.event === 'waiting')
      .map((fields) => fields.jobId);
    expect(added[0]).toBe(`${soonest.id}.r${soonest.nextRung}`);
    expect(new Set(added)).toEqual(new Set(armed.map((timer) => `${timer.id}.r${timer.nextRung}`)));
  });

  it('re-arms a timer whose job id is held by a finished job', async () => {
    const h = await startWithArmedTimers();
    const [timer] = await h.runtime.db.prisma.timer.findMany({
      where: { status: 'armed' },
      orderBy: { id: 'asc' },
      take: 1,
    });
    const jobId = `${timer!.id}.r${timer!.nextRung}`;
    const queue = h.runtime.queues.byName['case-timers'];
    // Its job ran and was kept as completed, yet the database still expects the rung (a
    // worker that died before recording it): an add with that id alone would be a no-op.
    await queue.remove(jobId);
    await queue.add('case.timer.fire', {}, { jobId, removeOnComplete: false });
    const connection = createRedisConnection(h.runtime.redisUrl, 'worker');
    cleanups.push(async () => connection.disconnect());
    await new Promise((resolve) => {
      const worker = new Worker('case-timers', async () => undefined, {
        connection,
        prefix: h.runtime.queues.prefix,
      });
      worker.on('completed', async () => resolve(await worker.close()));
    });
    expect(await queue.getJobState(jobId)).toBe('completed');

    expect(await h.engine.reconcile()).toMatchObject({ rearmed: 1, removedOrphans: 0 });
    expect(await queue.getJobState(jobId)).toBe('delayed');
    expect((await queue.getJob(jobId))?.data).toMatchObject({
      timerId: timer!.id,
      rung: timer!.nextRung,
    });
  });
});
