import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { csrfTokenIn, signInAs, startWeb, type TWebHarness } from './support/web.ts';

/** The allocation page, at the HTTP level on real PostgreSQL and Redis. */
describe('web application: allocation', () => {
  let h: THarness;
  let web: TWebHarness;
  let app: FastifyInstance;
  let unallocated: { caseId: string; reference: string };
  let leavers: { caseId: string; reference: string };
  let hidden: { caseId: string; reference: string };

  beforeAll(async () => {
    h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
    web = await startWeb(h);
    app = web.app;
    // Owned by the supervisor who took the report: no investigator appointed yet.
    unallocated = await h.report({ ownerId: 'sup-1' }, 'sup-1');
    // A minute later, so "oldest first" has an order to keep.
    await h.time.advanceBy(60_000);
    // Owned by an investigator who then leaves the force; supervised by sup-1.
    leavers = await h.report({ ownerId: 'ext-inv-1', supervisorId: 'sup-1' }, 'sup-1');
    // About inv-2, whose line manager is sup-1: kept from sup-1 by `gate.access`.
    hidden = await h.report({ subjectId: 'inv-2', ownerId: 'ext-inv-1' }, 'aa-1');
    await h.engine.deps.prisma.person.update({
      where: { id: 'ext-inv-1' },
      data: { leftAt: new Date('2025-03-03T12:00:00Z') },
    });
  });
  afterAll(async () => {
    await web?.app.close();
    await h?.close();
  });

  it("lists an unallocated case and a leaver's case to their supervisor, never a case kept from them", async () => {
    const { cookie } = await signInAs(app, 'sup-1');
    const page = await app.inject({ method: 'GET', url: '/allocation', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(unallocated.reference);
    expect(page.body).toContain(leavers.reference);
    expect(page.body).toContain('No investigator');
    expect(page.body).toContain('Owner has left');
    expect(page.body).toContain('Current load');
    expect(page.body).not.toContain(hidden.reference);
    expect(page.body).not.toContain(hidden.caseId);
    // Oldest first.
    expect(page.body.indexOf(unallocated.reference)).toBeLessThan(
      page.body.indexOf(leavers.reference),
    );
  });

  it('moves the owner with a rationale, recorded as a case event; a short rationale is refused in the error summary', async () => {
    const { cookie, csrf } = await signInAs(app, 'sup-1');
    const before = (await h.engine.listEvents(leavers.caseId)).length;
    const short = await app.inject({
      method: 'POST',
      url: `/allocation/${leavers.caseId}`,
      headers: { cookie },
      payload: { _csrf: csrf, personId: 'inv-2', rationale: 'short' },
    });
    expect(short.statusCode).toBe(303);
    const errorPage = await app.inject({ method: 'GET', url: '/allocation', headers: { cookie } });
    expect(errorPage.statusCode).toBe(400);
    expect(errorPage.body).toContain('govuk-error-summary');
    expect(errorPage.body).toContain(`#rationale-${leavers.caseId}`);
    expect((await h.engine.listEvents(leavers.caseId)).length).toBe(before);

    const rationale = 'DI External has left the force; DC Two has capacity.';
    const moved = await app.inject({
      method: 'POST',
      url: `/allocation/${leavers.caseId}`,
      headers: { cookie },
      payload: { _csrf: csrfTokenIn(errorPage.body), personId: 'inv-2', rationale },
    });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe('/allocation');
    const events = await h.engine.listEvents(leavers.caseId);
    expect(events).toHaveLength(before + 1);
    const event = events.at(-1)!;
    expect(event.type).toBe('assignment.made');
    expect(event.rationale).toBe(rationale);
    expect(event.actorId).toBe('sup-1');
    expect(event.payload).toMatchObject({
      personId: 'inv-2',
      role: 'owner',
      previousPersonId: 'ext-inv-1',
    });
    expect((await h.engine.getCase(leavers.caseId)).ownerId).toBe('inv-2');
    const after = await app.inject({ method: 'GET', url: '/allocation', headers: { cookie } });
    expect(after.statusCode).toBe(200);
    expect(after.body).not.toContain(`id="case-${leavers.caseId}"`);
  });

  it("refuses the subject's line manager as the new owner through the engine's independence check", async () => {
    const { cookie, csrf } = await signInAs(app, 'sup-1');
    const before = (await h.engine.listEvents(unallocated.caseId)).length;
    const refused = await app.inject({
      method: 'POST',
      url: `/allocation/${unallocated.caseId}`,
      headers: { cookie },
      payload: {
        _csrf: csrf,
        personId: 'sgt-1',
        rationale: 'Allocating to the sergeant on shift.',
      },
    });
    expect(refused.statusCode).toBe(303);
    const page = await app.inject({ method: 'GET', url: '/allocation', headers: { cookie } });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('The case was not moved');
    expect((await h.engine.listEvents(unallocated.caseId)).length).toBe(before);
  });

  it('gives a hidden case the not-found page when moved from the allocation form', async () => {
    const { cookie, csrf } = await signInAs(app, 'sup-1');
    const before = (await h.engine.listEvents(hidden.caseId)).length;
    const refused = await app.inject({
      method: 'POST',
      url: `/allocation/${hidden.caseId}`,
      headers: { cookie },
      payload: { _csrf: csrf, personId: 'inv-1', rationale: 'Taking this one over myself now.' },
    });
    expect(refused.statusCode).toBe(404);
    expect((await h.engine.listEvents(hidden.caseId)).length).toBe(before);
  });

  it('answers 403 to an investigator, for the page and the form', async () => {
    const { cookie, csrf } = await signInAs(app, 'inv-1');
    const page = await app.inject({ method: 'GET', url: '/allocation', headers: { cookie } });
    expect(page.statusCode).toBe(403);
    const post = await app.inject({
      method: 'POST',
      url: `/allocation/${unallocated.caseId}`,
      headers: { cookie },
      payload: { _csrf: csrf, personId: 'inv-1', rationale: 'I will take this case myself.' },
    });
    expect(post.statusCode).toBe(403);
  });
});
