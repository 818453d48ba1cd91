import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { signInAs, startWeb, type TWebHarness } from './support/web.ts';

/**
 * The web application's ops console, written as the attacks: Bull Board mounted behind the
 * sign-in is read-only to an ops session (no promote, retry, clean, add…), and the console,
 * its board and its commands are not there for anyone else.
 */
describe('web ops console', () => {
  let h: THarness;
  let web: TWebHarness;
  let app: FastifyInstance;
  let caseId: string;
  let jobId: string;

  beforeAll(async () => {
    h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
    web = await startWeb(h);
    app = web.app;
    ({ caseId } = await h.report({ referralCriteriaMet: ['serious-assault'] }));
    const clock = (await h.engine.listClocks(caseId)).find((c) => c.ruleId === 'iopc.referral')!;
    jobId = `${clock.timerId}.r0`;
    await h.time.settle();
  });
  afterAll(async () => {
    await web?.app.close();
    await h?.close();
  });

  const events = () => h.runtime.db.prisma.caseEvent.count({ where: { caseId } });
  const timerJob = () => h.runtime.queues.byName['case-timers'].getJob(jobId);

  it('shows ops the console: lateness, oldest overdue, unsent mail, failed jobs, the ops log', async () => {
    const { cookie } = await signInAs(app, 'ops-1');
    const page = await app.inject({ method: 'GET', url: '/ops', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    for (const text of [
      'Timer lateness (fired minus due)',
      'Oldest overdue clock',
      'Mail not sent',
      'Failed jobs',
      'Run the reconciler now',
      'Ops log',
    ]) {
      expect(page.body).toContain(text);
    }
  });

  it('serves ops the board read-only behind the sign-in', async () => {
    const { cookie } = await signInAs(app, 'ops-1');
    const board = await app.inject({ method: 'GET', url: '/ops/queues', headers: { cookie } });
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('__UI_CONFIG__');
    const queues = await app.inject({
      method: 'GET',
      url: '/ops/queues/api/queues',
      headers: { cookie },
    });
    expect(queues.statusCode).toBe(200);
    const listed = queues.json() as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(listed.queues.map((queue) => queue.name).sort()).toEqual([
      'case-timers',
      'maintenance',
      'notifications',
    ]);
    expect(listed.queues.every((queue) => queue.readOnlyMode)).toBe(true);
  });

  it.each([
    ['PUT', '/queues/case-timers/JOB/promote'],
    ['PUT', '/queues/case-timers/promote'],
    ['PUT', '/queues/case-timers/JOB/retry'],
    ['PUT', '/queues/case-timers/retry/failed'],
    ['PUT', '/queues/case-timers/clean/delayed'],
    ['PUT', '/queues/case-timers/JOB/clean'],
    ['PUT', '/queues/case-timers/empty'],
    ['PUT', '/queues/case-timers/pause'],
    ['PATCH', '/queues/case-timers/JOB/delay'],
    ['PATCH', '/queues/case-timers/JOB/update-data'],
    ['POST', '/queues/case-timers/add'],
  ] as const)(
    'refuses an ops session %s %s through the mounted board; nothing moves',
    async (method, path) => {
      const { cookie, csrf } = await signInAs(app, 'ops-1');
      const before = await events();
      const response = await app.inject({
        method,
        url: `/ops/queues/api${path.replace('JOB', jobId)}`,
        // With the session's form token: the refusal is the board's, not CSRF's.
        headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
        payload: '{}',
      });
      expect(response.statusCode).toBe(403);
      expect(response.body).not.toContain('"stack"');
      expect(await (await timerJob())?.getState()).toBe('delayed');
      await h.time.settle();
      expect(await events()).toBe(before);
    },
  );

  it('refuses a board write without the form token as any other form, with no stack in it', async () => {
    const { cookie } = await signInAs(app, 'ops-1');
    const response = await app.inject({
      method: 'POST',
      url: '/ops/queues/api/queues/case-timers/add',
      headers: { cookie, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('"stack"');
    expect(response.body).toContain('Invalid csrf token');
  });

  it('gives anyone but ops the forbidden page for the console, its board and its commands', async () => {
    for (const personId of ['inv-1', 'aa-1', 'head-1']) {
      const { cookie, csrf } = await signInAs(app, personId);
      for (const url of ['/ops', '/ops/queues', '/ops/queues/api/queues']) {
        const page = await app.inject({ method: 'GET', url, headers: { cookie } });
        expect(page.statusCode, `${personId} ${url}`).toBe(403);
        expect(page.body).not.toContain('case-timers');
      }
      const before = await h.engine.listOpsLog({ limit: 100 });
      for (const url of ['/ops/reconcile', '/ops/notifications/anything/retry']) {
        const post = await app.inject({
          method: 'POST',
          url,
          headers: { cookie },
          payload: { _csrf: csrf },
        });
        expect(post.statusCode, `${personId} POST ${url}`).toBe(403);
      }
      expect((await h.engine.listOpsLog({ limit: 100 })).entries).toHaveLength(
        before.entries.length,
      );
    }
  });

  it('sends a visitor without a session to sign in, board included', async () => {
    const board = await app.inject({ method: 'GET', url: '/ops/queues/api/queues' });
    expect(board.statusCode).toBe(303);
    expect(board.headers.location).toMatch(/^\/sign-in/);
  });

  it('runs the reconciler from its form, logged under the ops person, shown in the ops log', async () => {
    const { cookie, csrf } = await signInAs(app, 'ops-1');
    const refused = await app.inject({
      method: 'POST',
      url: '/ops/reconcile',
      headers: { cookie },
      payload: {},
    });
    expect(refused.statusCode).toBe(403);
    const run = await app.inject({
      method: 'POST',
      url: '/ops/reconcile',
      headers: { cookie },
      payload: { _csrf: csrf },
    });
    expect(run.statusCode).toBe(303);
    expect(run.headers.location).toBe('/ops#ops-log');
    const log = await h.engine.listOpsLog({ limit: 10 });
    expect(log.entries[0]).toMatchObject({ personId: 'ops-1', action: 'engine.reconcile' });
    const page = await app.inject({ method: 'GET', url: '/ops', headers: { cookie } });
    expect(page.body).toContain('Reconciler run: nothing to repair');
    expect(page.body).toMatch(/ops-1<\/td><td class="govuk-table__cell">engine\.reconcile/);
  });
});
