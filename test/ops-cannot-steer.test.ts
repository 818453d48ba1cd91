import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';

/**
 * Issue 15, "Ops cannot change case history": the queue board is read-only, a timer job run
 * before its rung's time records nothing and waits again, and what ops may do are logged
 * engine commands that are safe to repeat.
 */
let h: THarness;
let caseId: string;
let timerId: string;
let jobId: string;

beforeAll(async () => {
  h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
  ({ caseId } = await h.report({ referralCriteriaMet: ['serious-assault'] }));
  const clock = (await h.engine.listClocks(caseId)).find((c) => c.ruleId === 'iopc.referral')!;
  timerId = clock.timerId;
  jobId = `${timerId}.r0`;
  await h.time.settle();
});
afterAll(async () => {
  await h.close();
});

const events = () => h.runtime.db.prisma.caseEvent.count({ where: { caseId } });
const timerJob = () => h.runtime.queues.byName['case-timers'].getJob(jobId);
const board = (method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string) =>
  h.api.inject({
    method,
    url: `/ops/queues/api${url}`,
    headers: { ...h.headersFor('ops-1'), 'content-type': 'application/json' },
    payload: method === 'GET' ? undefined : '{}',
  });

describe('Bull Board is read-only for anything that moves a case', () => {
  it('refuses an ops promote of a rung through the board; nothing fires', async () => {
    const before = await events();
    const promote = await board('PUT', `/queues/case-timers/${jobId}/promote`);
    expect(promote.statusCode).toBe(403);
    expect(promote.json()).toMatchObject({ error: 'forbidden' });
    expect(promote.json().message).toContain('read-only');
    expect(await (await timerJob())?.getState()).toBe('delayed');
    await h.time.settle();
    expect(await events()).toBe(before);
    expect(h.sink.messages()).toHaveLength(0);
  });

  it.each([
    ['PUT', '/queues/case-timers/promote'],
    ['PUT', '/queues/case-timers/clean/delayed'],
    ['PUT', `/queues/case-timers/JOB/remove-unprocessed-children`],
    ['PUT', '/queues/case-timers/retry/failed'],
    ['PUT', '/queues/case-timers/pause'],
    ['PUT', '/queues/pause'],
    ['PUT', '/queues/case-timers/empty'],
    ['PUT', '/queues/case-timers/obliterate'],
    ['PUT', `/queues/case-timers/JOB/retry`],
    ['PUT', `/queues/case-timers/JOB/clean`],
    ['PATCH', `/queues/case-timers/JOB/delay`],
    ['PATCH', `/queues/case-timers/JOB/update-data`],
    ['POST', '/queues/case-timers/add'],
  ] as const)('refuses %s %s', async (method, path) => {
    const response = await board(method, path.replace('JOB', jobId));
    expect(response.statusCode).toBe(403);
    expect(await (await timerJob())?.getState()).toBe('delayed');
  });

  it('still shows the queues to ops', async () => {
    const queues = await board('GET', '/queues');
    expect(queues.statusCode).toBe(200);
    expect(JSON.stringify(queues.json())).toContain('case-timers');
  });
});

describe('a timer job run before its rung is due', () => {
  it('records nothing, waits again, and fires once at its own time', async () => {
    const before = await events();
    // Promoted by hand through BullMQ itself, as anyone with Redis could.
    await (await timerJob())!.promote();
    await h.time.settle();
    expect(await events()).toBe(before);
    expect(h.sink.messages()).toHaveLength(0);
    const job = await timerJob();
    expect(await job?.getState()).toBe('delayed');
    expect(await h.runtime.db.prisma.notification.count({ where: { timerId } })).toBe(0);
    const warned = h.logs.filter((line) => line.includes('ran before its rung was due'));
    expect(warned.length).toBeGreaterThanOrEqual(1);

    await h.time.advanceTo(new Date('2025-03-04T06:00:00Z'));
    const rungs = await h.runtime.db.prisma.caseEvent.findMany({
      where: { caseId, ruleId: 'iopc.referral' },
    });
    expect(rungs).toHaveLength(1);
    expect(rungs[0]!.occurredAt.getTime()).toBeLessThanOrEqual(h.clock.now().getTime());
  });
});

describe('ops commands instead of buttons', () => {
  const opsLog = async () =>
    (await h.as('ops-1', { method: 'GET', url: '/ops/log' })).json().entries as {
      action: string;
      target: string | null;
      outcome: string;
      personId: string;
    }[];

  it('runs the reconciler as ops, logged, twice without harm; others get 403', async () => {
    const first = await h.as('ops-1', { method: 'POST', url: '/ops/reconcile' });
    const second = await h.as('ops-1', { method: 'POST', url: '/ops/reconcile' });
    expect(first.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ rearmed: 0, removedOrphans: 0 });
    expect((await h.as('aa-1', { method: 'POST', url: '/ops/reconcile' })).statusCode).toBe(403);
    const logged = (await opsLog()).filter((entry) => entry.action === 'engine.reconcile');
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ personId: 'ops-1', outcome: 'done' });
  });

  it('retries an unsent mail once; a sent one is left alone; an unknown one is 404', async () => {
    // The reminder's mail is held for working hours: 08:00 on its day.
    await h.time.advanceTo(new Date('2025-03-04T08:00:00Z'));
    const prisma = h.runtime.db.prisma;
    const [mail] = await prisma.notification.findMany({ where: { timerId } });
    const retry = () =>
      h.as('ops-1', { method: 'POST', url: `/ops/notifications/${mail!.id}/retry` });
    expect((await retry()).json()).toEqual({ outcome: 'already-sent' });

    // As after a send that failed and whose job is gone: unsent, no job.
    await prisma.notification.update({ where: { id: mail!.id }, data: { status: 'pending' } });
    await h.runtime.queues.remove('notifications', `send.${mail!.id}`);
    const sentBefore = h.sink.messages().length;
    expect((await retry()).json()).toEqual({ outcome: 'requeued' });
    await h.time.settle();
    expect(h.sink.messages()).toHaveLength(sentBefore + 1);
    expect((await retry()).json()).toEqual({ outcome: 'already-sent' });
    expect(h.sink.messages()).toHaveLength(sentBefore + 1);

    const ghost = await h.as('ops-1', { method: 'POST', url: '/ops/notifications/nope/retry' });
    expect(ghost.statusCode).toBe(404);
    const retries = (await opsLog()).filter((entry) => entry.action === 'notification.retry');
    expect(retries.map((entry) => entry.outcome)).toEqual([
      'already-sent',
      'requeued',
      'already-sent',
    ]);
  });
});
