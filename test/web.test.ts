import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { signInAs, startWeb, type TWebHarness } from './support/web.ts';

/** The web application's guards, at the HTTP level on real PostgreSQL and Redis. */
describe('web application: sessions, CSRF and need-to-know', () => {
  let h: THarness;
  let web: TWebHarness;
  let app: FastifyInstance;
  let caseId: string;

  beforeAll(async () => {
    h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
    web = await startWeb(h);
    app = web.app;
    ({ caseId } = await h.report({ referralCriteriaMet: ['serious-assault'] }));
  });
  afterAll(async () => {
    await web?.app.close();
    await h?.close();
  });

  const eventCount = async () => (await h.engine.listEvents(caseId)).length;

  it("refuses a form without its CSRF token, or with another session's, and changes nothing", async () => {
    const { cookie, csrf } = await signInAs(app, 'inv-1');
    const other = await signInAs(app, 'inv-2');
    const before = await eventCount();
    const form = {
      asConductMatter: 'yes',
      asComplaint: 'no',
      rationale: 'Recorded as a conduct matter on the facts reported.',
    };
    for (const payload of [form, { ...form, _csrf: other.csrf }, { ...form, _csrf: 'forged' }]) {
      const refused = await app.inject({
        method: 'POST',
        url: `/cases/${caseId}/decisions/MATTER_RECORDED`,
        headers: { cookie },
        payload,
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('The form could not be sent');
    }
    expect(await eventCount()).toBe(before);
    // With its token the same form is recorded: the refusals above were the token's doing.
    const recorded = await app.inject({
      method: 'POST',
      url: `/cases/${caseId}/decisions/MATTER_RECORDED`,
      headers: { cookie },
      payload: { ...form, _csrf: csrf },
    });
    expect(recorded.statusCode).toBe(303);
    expect(recorded.headers.location).toBe(`/cases/${caseId}`);
    expect(await eventCount()).toBe(before + 1);
  });

  it('ends a session at sign-out, server-side: the old cookie no longer signs anyone in', async () => {
    const { cookie, csrf } = await signInAs(app, 'inv-1');
    const out = await app.inject({
      method: 'POST',
      url: '/sign-out',
      headers: { cookie },
      payload: { _csrf: csrf },
    });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/signed-out');
    const replayed = await app.inject({ method: 'GET', url: '/tasks', headers: { cookie } });
    expect(replayed.statusCode).toBe(303);
    expect(replayed.headers.location).toBe('/sign-in?returnTo=%2Ftasks');
  });

  it('revokes every session of a person at once', async () => {
    const first = await signInAs(app, 'sup-1');
    const second = await signInAs(app, 'sup-1');
    const bystander = await signInAs(app, 'inv-2');
    expect(await web.sessions.revokeSessionsOf('sup-1')).toBe(2);
    for (const { cookie } of [first, second]) {
      const page = await app.inject({ method: 'GET', url: '/tasks', headers: { cookie } });
      expect(page.statusCode).toBe(303);
    }
    const kept = await app.inject({
      method: 'GET',
      url: '/tasks',
      headers: { cookie: bystander.cookie },
    });
    expect(kept.statusCode).toBe(200);
  });

  it("gives the subject's sergeant exactly the page a missing case gets, and logs both", async () => {
    const { cookie } = await signInAs(app, 'sgt-1');
    const strip = (html: string) =>
      html.replaceAll(/nonce="[^"]*"|name="_csrf" value="[^"]*"/g, '');
    const hidden = await app.inject({
      method: 'GET',
      url: `/cases/${caseId}`,
      headers: { cookie },
    });
    const missing = await app.inject({
      method: 'GET',
      url: `/cases/${randomUUID()}`,
      headers: { cookie },
    });
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(hidden.body).toContain('Page not found');
    expect(strip(hidden.body)).toBe(strip(missing.body));
    // Found by its reference: the same page again.
    const view = await h.engine.getCase(caseId);
    const byReference = await app.inject({
      method: 'GET',
      url: `/find?reference=${view.reference}`,
      headers: { cookie },
    });
    const noSuchReference = await app.inject({
      method: 'GET',
      url: '/find?reference=PPDA-25-NOSUCH',
      headers: { cookie },
    });
    expect(byReference.statusCode).toBe(404);
    expect(noSuchReference.statusCode).toBe(404);
    expect(strip(byReference.body)).toBe(strip(noSuchReference.body));
    const log = await h.engine.deps.prisma.accessLogEntry.findMany({
      where: { personId: 'sgt-1' },
    });
    expect(log.filter((entry) => !entry.allowed).length).toBeGreaterThanOrEqual(3);
    expect(log.every((entry) => !entry.allowed)).toBe(true);
  });

  it('sends anyone not signed in to sign in, and serves the frontend assets to them', async () => {
    const page = await app.inject({ method: 'GET', url: `/cases/${caseId}` });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(
      `/sign-in?returnTo=${encodeURIComponent(`/cases/${caseId}`)}`,
    );
    const css = await app.inject({ method: 'GET', url: '/static/govuk/govuk-frontend.min.css' });
    expect(css.statusCode).toBe(200);
    const signInPage = await app.inject({ method: 'GET', url: '/sign-in' });
    expect(signInPage.headers['content-security-policy']).toMatch(
      /script-src 'self' 'nonce-[0-9a-f]+'/,
    );
  });
});
