import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { ACC_UNDER_THE_AA } from './support/people.ts';

// gate.access, gate.decision-rights, gate.investigator-independence, gate.external-referral.
const MON_3_MAR_10AM = new Date('2025-03-03T10:00:00Z');
const MISSING = '00000000-0000-4000-8000-000000000000';

let h: THarness;
beforeAll(async () => {
  h = await startHarness({ start: MON_3_MAR_10AM });
});
afterAll(async () => {
  await h.close();
});

/** Every route under one case, as a request any caller might make. */
const caseRoutes = (caseId: string) =>
  [
    { method: 'GET', url: `/cases/${caseId}` },
    { method: 'GET', url: `/cases/${caseId}/events` },
    { method: 'GET', url: `/cases/${caseId}/clocks` },
    { method: 'GET', url: `/cases/${caseId}/assignments` },
    { method: 'GET', url: `/cases/${caseId}/verify` },
    { method: 'GET', url: `/cases/${caseId}/victim` },
    { method: 'GET', url: `/access-log?caseId=${caseId}` },
    {
      method: 'POST',
      url: `/cases/${caseId}/decisions`,
      payload: {
        type: 'MATTER_RECORDED',
        asConductMatter: true,
        asComplaint: false,
        rationale: 'Recorded by someone the case is kept from.',
      },
    },
    {
      method: 'POST',
      url: `/cases/${caseId}/assignments`,
      payload: {
        personId: 'inv-2',
        role: 'investigator',
        rationale: 'Adding a colleague to help.',
      },
    },
    {
      method: 'PUT',
      url: `/cases/${caseId}/victim`,
      payload: { name: 'Someone', contact: {}, preferences: {} },
    },
  ] as const;

/** Record the matter and assess severity so the case needs an investigator. */
async function caseNeedingInvestigator(subjectId: string) {
  const { caseId } = await h.report({ subjectId });
  const recorded = await h.decide(caseId, {
    type: 'MATTER_RECORDED',
    asConductMatter: true,
    asComplaint: false,
    rationale: 'Domestic abuse alleged against a serving officer: a conduct matter.',
  });
  expect(recorded.statusCode, recorded.body).toBe(200);
  const assessed = await h.decide(caseId, {
    type: 'SEVERITY_ASSESSED',
    level: 'gross-misconduct',
    rationale: 'Alleged assault on a partner: would justify dismissal if proven.',
  });
  expect(assessed.statusCode, assessed.body).toBe(200);
  return caseId;
}

const appoint = (investigatorId: string) => ({
  type: 'INVESTIGATOR_APPOINTED',
  investigatorId,
  declaration: { signed: true, statement: 'I have no prior connection to anyone involved.' },
  rationale: 'Experienced PIP2 investigator with capacity in the team.',
});

describe('authentication', () => {
  it('refuses every route without a valid bearer token, except health, OpenAPI and the JWKS', async () => {
    const { caseId } = await h.report();
    const others = [
      { method: 'GET', url: '/people/inv-1/tasks' },
      { method: 'GET', url: '/ops/queues' },
      { method: 'GET', url: '/nowhere' },
    ];
    for (const route of [...caseRoutes(caseId), ...others]) {
      for (const authorization of [undefined, 'Bearer not.a.token', 'Basic aW52LTE6eA==']) {
        const response = await h.api.inject({
          method: route.method,
          url: route.url,
          headers: authorization ? { authorization } : {},
          ...('payload' in route ? { payload: route.payload } : {}),
        });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect(response.headers['www-authenticate']).toBe('Bearer');
      }
    }
    for (const url of ['/health', '/openapi.json', '/.well-known/jwks.json']) {
      expect((await h.api.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });

  it('tells a caller who the token names and their directory roles', async () => {
    const me = await h.as('head-1', { method: 'GET', url: '/me' });
    expect(me.json()).toEqual({ id: 'head-1', roles: ['head-of-psd'] });
  });

  it('refuses a token naming someone not in the directory', async () => {
    const response = await h.api.inject({
      method: 'GET',
      url: '/people/ghost/tasks',
      headers: await h.mintHeaders('ghost'),
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('need-to-know: the subject and their line chain', () => {
  it('answer the subject and their line manager 404 on every route, like a missing case, and log both', async () => {
    const { caseId } = await h.report();
    const missing = await h.as('aa-1', { method: 'GET', url: `/cases/${MISSING}` });
    expect(missing.statusCode).toBe(404);
    const notFoundBody = (id: string) => missing.body.replace(MISSING, id);

    for (const personId of ['subj-1', 'sgt-1', 'insp-1', 'friend-1']) {
      for (const route of caseRoutes(caseId)) {
        const response = await h.as(personId, route);
        expect(response.statusCode, `${personId} ${route.method} ${route.url}`).toBe(404);
        expect(response.body).toBe(notFoundBody(caseId));
      }
    }
    // Roles do not help: the subject's second line manager holds the investigator role.
    const log = await h.as('aa-1', {
      method: 'GET',
      url: `/access-log?caseId=${caseId}&limit=1000`,
    });
    expect(log.statusCode).toBe(200);
    const refusals = (
      log.json().entries as { personId: string; allowed: boolean; reason: string }[]
    ).filter((entry) => !entry.allowed);
    expect(refusals.filter((e) => e.personId === 'subj-1')).toHaveLength(caseRoutes(caseId).length);
    expect(refusals.filter((e) => e.personId === 'sgt-1')).toHaveLength(caseRoutes(caseId).length);
    expect(new Set(refusals.map((e) => `${e.personId}:${e.reason}`))).toEqual(
      new Set([
        'subj-1:restricted:subject',
        'sgt-1:restricted:line-chain',
        'insp-1:restricted:line-chain',
        'friend-1:restricted:associate',
      ]),
    );
    expect(await h.engine.listEvents(caseId)).toHaveLength(1);
    expect(await h.runtime.db.prisma.victimRecord.count({ where: { caseId } })).toBe(0);
  });

  it('logs each allowed read with who, which route and when', async () => {
    const { caseId } = await h.report();
    await h.as('inv-1', { method: 'GET', url: `/cases/${caseId}/clocks` });
    const {
      entries: [entry],
    } = await h.engine.listAccessLog(
      { id: 'aa-1', roles: ['appropriate-authority'] },
      {
        caseId,
        personId: 'inv-1',
      },
    );
    expect(entry).toMatchObject({
      personId: 'inv-1',
      caseId,
      route: '/cases/:caseId/clocks',
      method: 'GET',
      allowed: true,
      reason: 'assigned',
      at: h.clock.now().toISOString(),
    });
  });

  it('logs each decision attempt once: with the decision when it lands, alone when refused', async () => {
    const { caseId } = await h.report();
    const refused = await h.decide(caseId, {
      type: 'MATTER_RECORDED',
      asConductMatter: false,
      asComplaint: false,
      rationale: 'Neither a conduct matter nor a complaint.',
    });
    expect(refused.statusCode).toBe(422);
    const landed = await h.decide(caseId, {
      type: 'MATTER_RECORDED',
      asConductMatter: true,
      asComplaint: false,
      rationale: 'Domestic abuse alleged against a serving officer: a conduct matter.',
    });
    expect(landed.statusCode).toBe(200);
    const missing = await h.decide(MISSING, {
      type: 'MATTER_RECORDED',
      asConductMatter: true,
      asComplaint: false,
      rationale: 'A case that does not exist.',
    });
    expect(missing.statusCode).toBe(404);

    const prisma = h.runtime.db.prisma;
    const attempts = await prisma.accessLogEntry.findMany({
      where: { caseId: { in: [caseId, MISSING] }, route: '/cases/:caseId/decisions' },
      orderBy: { id: 'asc' },
    });
    expect(attempts.map(({ caseId: id, allowed, reason }) => [id, allowed, reason])).toEqual([
      [caseId, true, 'assigned'],
      [caseId, true, 'assigned'],
      [MISSING, false, 'no-such-case'],
    ]);
    // The landed decision's entry went in with its event: the same write, the same instant.
    const [recorded] = (await h.engine.listEvents(caseId)).filter(
      (event) => event.type === 'matter.recorded',
    );
    expect(attempts[1]!.at.toISOString()).toBe(recorded!.occurredAt);
  });

  it('keeps a case from a DCC who manages its subject directly; the chief constable acts', async () => {
    await h.engine.importDirectory({ people: [ACC_UNDER_THE_AA] }, { actorId: 'ops-1' });
    const { caseId } = await h.report({ subjectId: ACC_UNDER_THE_AA.id });
    expect((await h.as('aa-1', { method: 'GET', url: `/cases/${caseId}` })).statusCode).toBe(404);
    const byChief = await h.as('cc-1', { method: 'GET', url: `/cases/${caseId}` });
    expect(byChief.statusCode).toBe(200);
    expect(byChief.json().actingFor).toMatchObject({
      appropriateAuthority: { personId: 'cc-1', basis: 'chief-constable' },
      headOfPsd: { personId: 'head-1', basis: 'head-of-psd' },
    });
    expect((await h.as('head-1', { method: 'GET', url: `/cases/${caseId}` })).statusCode).toBe(200);
    const log = await h.as('aa-1', { method: 'GET', url: '/access-log?limit=1000' });
    const caseIds = (log.json().entries as { caseId: string | null }[]).map(
      (entry) => entry.caseId,
    );
    expect(caseIds).not.toContain(caseId);
    expect(await h.runtime.db.prisma.accessLogEntry.count({ where: { caseId } })).toBeGreaterThan(
      1,
    );

    // The AA rungs reach the chief constable, and never the DCC.
    await h.time.advanceBy(7 * 24 * 3600 * 1000);
    const escalations = (await h.engine.listEvents(caseId)).filter(
      (event) => event.type === 'clock.escalated' && event.ruleId === 'record.decision',
    );
    expect(escalations.map((event) => event.payload)).toContainEqual(
      expect.objectContaining({
        notified: [{ role: 'appropriate-authority', personId: 'cc-1' }],
      }),
    );
    const { reference } = await h.engine.getCase(caseId);
    const mailTo = (address: string) =>
      h.sink
        .messages()
        .filter((mail) => mail.subject.startsWith(`${reference}: `) && mail.to.includes(address));
    expect(mailTo('aa@force.test')).toEqual([]);
    expect(mailTo('chief@force.test').length).toBeGreaterThan(0);
  });

  it('never drops a rung: a part nobody can take goes to the next holder, with an alert', async () => {
    // The chief constable declared the ACC an associate: the DCC manages them directly, so no
    // one in the force can act as AA for the ACC's case.
    await h.engine.importDirectory(
      {
        people: [ACC_UNDER_THE_AA],
        associations: [
          { personId: ACC_UNDER_THE_AA.id, associateId: 'cc-1', reason: 'Brothers-in-law.' },
        ],
      },
      { actorId: 'ops-1' },
    );
    const { caseId } = await h.report({ subjectId: ACC_UNDER_THE_AA.id });
    const read = await h.as('head-1', { method: 'GET', url: `/cases/${caseId}` });
    expect(read.json().actingFor).toMatchObject({
      appropriateAuthority: null,
      headOfPsd: { personId: 'head-1', basis: 'head-of-psd' },
    });
    await h.time.advanceBy(7 * 24 * 3600 * 1000);
    const aaRung = (await h.engine.listEvents(caseId)).find(
      (event) =>
        event.type === 'clock.escalated' &&
        event.ruleId === 'record.decision' &&
        (event.payload as { rung: number }).rung === 3,
    );
    // Meant for the AA; told the Head of PSD (the rung's last holder before it), on the record.
    expect(aaRung?.payload).toMatchObject({
      notified: [{ role: 'head-of-psd', personId: 'head-1' }],
      standIns: [
        { meant: 'appropriate-authority', told: { role: 'head-of-psd', personId: 'head-1' } },
      ],
    });
    const { reference } = await h.engine.getCase(caseId);
    const alerts = h.sink
      .messages()
      .filter(
        (mail) => mail.subject === `[${reference}] ALERT: nobody to notify for record.decision`,
      );
    expect(alerts.flatMap((mail) => mail.to).sort()).toEqual(
      expect.arrayContaining(['head@psd.test']),
    );
    expect(alerts.some((mail) => mail.to.some((to) => to.startsWith('ops')))).toBe(true);
    const metrics = await h.as('ops-1', { method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^ppda_rung_recipients_unresolved [1-9]/m);
  });

  it('refuses to put the subject’s associate on the case', async () => {
    const { caseId } = await h.report({ supervisorId: 'sup-1' });
    const response = await h.as('sup-1', {
      method: 'POST',
      url: `/cases/${caseId}/assignments`,
      payload: {
        personId: 'friend-1',
        role: 'investigator',
        rationale: 'Needs a second investigator.',
      },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ gate: 'gate.access' });
    expect(response.json().message).toContain('declared associate');
  });
});

describe('decision rights', () => {
  it('lets only the AA assess severity, and records the authority on the event', async () => {
    const { caseId } = await h.report({ supervisorId: 'sup-1' });
    await h.decide(caseId, {
      type: 'MATTER_RECORDED',
      asConductMatter: true,
      asComplaint: false,
      rationale: 'Domestic abuse alleged against a serving officer: a conduct matter.',
    });
    const assessment = {
      type: 'SEVERITY_ASSESSED',
      level: 'gross-misconduct',
      rationale: 'Alleged assault on a partner: would justify dismissal if proven.',
    };
    for (const personId of ['inv-1', 'sup-1', 'head-1']) {
      const refused = await h.decide(caseId, assessment, personId);
      expect(refused.statusCode, personId).toBe(422);
      expect(refused.json()).toMatchObject({ gate: 'gate.decision-rights' });
    }
    expect((await h.decide(caseId, assessment, 'aa-1')).statusCode).toBe(200);
    const event = (await h.engine.listEvents(caseId)).find((e) => e.type === 'severity.assessed');
    expect(event).toMatchObject({
      actorId: 'aa-1',
      actorRole: 'appropriate-authority',
      payload: { authority: { role: 'appropriate-authority', right: 'appropriate-authority' } },
    });
  });

  it('routes AA decisions to the PCC, never the DCC, when the subject is the chief officer', async () => {
    const { caseId } = await h.report({ subjectId: 'cc-1' });
    await h.decide(caseId, {
      type: 'MATTER_RECORDED',
      asConductMatter: true,
      asComplaint: false,
      rationale: 'Domestic abuse alleged against the chief constable.',
    });
    const assessment = {
      type: 'SEVERITY_ASSESSED',
      level: 'gross-misconduct',
      rationale: 'Alleged assault on a partner: would justify dismissal if proven.',
    };
    // The DCC does not act for the chief constable's case, so cannot know it exists.
    const byDcc = await h.decide(caseId, assessment, 'aa-1');
    expect(byDcc.statusCode).toBe(404);
    const byHead = await h.decide(caseId, assessment, 'head-1');
    expect(byHead.statusCode).toBe(422);
    expect(byHead.json().message).toContain('the PCC as appropriate authority');
    expect((await h.decide(caseId, assessment, 'pcc-1')).statusCode).toBe(200);
    const event = (await h.engine.listEvents(caseId)).find((e) => e.type === 'severity.assessed');
    expect(event).toMatchObject({
      actorId: 'pcc-1',
      actorRole: 'appropriate-authority',
      payload: {
        authority: {
          basis: 'the PCC as appropriate authority: the subject is the chief constable',
        },
      },
    });
  });

  it('refuses a decision by oversight with 403: they read, never decide', async () => {
    const { caseId } = await h.report();
    const response = await h.decide(
      caseId,
      {
        type: 'MATTER_RECORDED',
        asConductMatter: true,
        asComplaint: false,
        rationale: 'An auditor trying to record the matter.',
      },
      'auditor-1',
    );
    expect(response.statusCode).toBe(403);
  });
});

describe('investigator independence and external referral', () => {
  it('refuses an investigator in the subject line chain, naming the conflict and the external route', async () => {
    const caseId = await caseNeedingInvestigator('subj-1');
    const before = await h.engine.getCase(caseId);
    const response = await h.decide(caseId, appoint('insp-1'));
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.gate).toBe('gate.investigator-independence');
    expect(body.message).toContain("insp-1 is in the subject's line chain (2 levels above them)");
    expect(body.message).toContain('EXTERNAL_FORCE_REQUESTED');
    expect((await h.engine.getCase(caseId)).version).toBe(before.version);
  });

  it.each([
    ['friend-1', 'declared associate of the subject'],
    ['subj-1', 'does not hold the investigator role'],
    ['nobody-at-all', 'not in the people directory'],
  ])('refuses %s: %s', async (investigatorId, reason) => {
    const caseId = await caseNeedingInvestigator('subj-1');
    const response = await h.decide(caseId, appoint(investigatorId));
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toContain(reason);
  });

  it('appoints an independent investigator, records the check and gives them the case', async () => {
    const caseId = await caseNeedingInvestigator('subj-1');
    expect((await h.as('inv-2', { method: 'GET', url: `/cases/${caseId}` })).statusCode).toBe(404);
    const response = await h.decide(caseId, appoint('inv-2'));
    expect(response.statusCode, response.body).toBe(200);
    const event = (await h.engine.listEvents(caseId)).find(
      (e) => e.type === 'investigator.appointed',
    );
    expect(event?.payload).toMatchObject({
      investigatorId: 'inv-2',
      declaration: { signed: true },
      authority: { role: 'appropriate-authority' },
      independence: { checkedAgainstDirectory: true, conflicts: [], externalForceRequired: false },
    });
    expect((await h.as('inv-2', { method: 'GET', url: `/cases/${caseId}` })).statusCode).toBe(200);
  });

  it('routes a Superintendent subject to an external force, per policy', async () => {
    const caseId = await caseNeedingInvestigator('supt-1');
    const inForce = await h.decide(caseId, appoint('inv-2'));
    expect(inForce.statusCode).toBe(422);
    expect(inForce.json()).toMatchObject({ gate: 'gate.external-referral' });
    expect(inForce.json().message).toContain('Supt');
    expect(inForce.json().message).toContain('EXTERNAL_FORCE_REQUESTED');

    const request = {
      type: 'EXTERNAL_FORCE_REQUESTED',
      reasons: ['policy-requires'],
      termsOfReference: 'Investigate the allegation and report to the referring PSD.',
      rationale: 'Force policy: the subject is a Superintendent.',
    };
    const ownForce = await h.decide(caseId, { ...request, force: 'xx' });
    expect(ownForce.statusCode).toBe(422);
    expect(ownForce.json().message).toContain("subject's own force");
    const external = await h.decide(caseId, { ...request, force: 'yy' });
    expect(external.statusCode, external.body).toBe(200);
    const event = (await h.engine.listEvents(caseId)).find(
      (e) => e.type === 'external.force.requested',
    );
    expect(event).toMatchObject({
      actorId: 'head-1',
      actorRole: 'head-of-psd',
      payload: { force: 'yy', policy: { externalForceRequired: true } },
    });
  });
});
