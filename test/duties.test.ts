import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { ACC_UNDER_THE_AA } from './support/people.ts';

// Issue 13 end to end: every duty reaches the person who owes it (the decision-rights table
// decides), the chief constable's case is referred, an unscreened case is prompted, the OIC is
// told of their own deadlines, an ACC's case gets its investigator from another force.

let h: THarness;
afterEach(async () => {
  await h?.close();
});

const RATIONALE = 'Recorded with reasons for the duties test.';
const recordMatter = {
  type: 'MATTER_RECORDED',
  asConductMatter: true,
  asComplaint: false,
  rationale: RATIONALE,
};

async function tasksOf(personId: string) {
  const response = await h.as(personId, { method: 'GET', url: `/people/${personId}/tasks` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { caseId: string; ruleId: string }[];
}
const rulesOn = async (personId: string, caseId: string) =>
  (await tasksOf(personId)).filter((task) => task.caseId === caseId).map((task) => task.ruleId);

async function rungEvents(caseId: string, ruleId: string) {
  return (await h.engine.listEvents(caseId))
    .filter((event) => event.ruleId === ruleId && event.type.startsWith('clock.'))
    .map((event) => ({
      type: event.type,
      at: event.occurredAt,
      notified: (event.payload as { notified: { role: string; personId: string }[] }).notified,
    }));
}

describe("the chief constable's case", () => {
  it('is referred: the criterion applied at report, the referral clock, no "not referred", the PCC acts', async () => {
    h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
    const { caseId } = await h.report({ subjectId: 'cc-1' });
    const reported = (await h.engine.listEvents(caseId))[0];
    expect(reported?.payload).toMatchObject({
      referralCriteriaMet: [],
      criteriaAppliedByEngine: ['chief-officer'],
    });
    const clocks = await h.engine.listClocks(caseId);
    expect(clocks.find((clock) => clock.ruleId === 'iopc.referral')).toMatchObject({
      status: 'armed',
      dueAt: '2025-03-04T23:59:59.999Z',
    });
    // The referral decision is the PCC's: the task is theirs, not the owner's or the DCC's.
    expect(await rulesOn('pcc-1', caseId)).toContain('iopc.referral');
    expect(await rulesOn('inv-1', caseId)).not.toContain('iopc.referral');

    const reasons = Object.fromEntries(
      [
        'serious-assault',
        'serious-sexual-offence',
        'serious-corruption',
        'discrimination-aggravated',
        'relevant-offence',
        'gravity-or-exceptional-circumstances',
        'chief-officer',
        'same-incident',
      ].map((criterion) => [criterion, 'Considered and set out in full here.']),
    );
    const notReferred = await h.decide(
      caseId,
      {
        type: 'IOPC_REFERRAL_DECIDED',
        referred: false,
        criteriaRationale: reasons,
        rationale: RATIONALE,
      },
      'pcc-1',
    );
    expect(notReferred.statusCode).toBe(422);
    expect(notReferred.json().gate).toBe('gate.not-referred');
    // The DCC does not act for the chief constable's case.
    const byDcc = await h.decide(
      caseId,
      { type: 'IOPC_REFERRAL_DECIDED', referred: true, rationale: RATIONALE },
      'aa-1',
    );
    expect([403, 404, 422]).toContain(byDcc.statusCode);
    const referred = await h.decide(
      caseId,
      { type: 'IOPC_REFERRAL_DECIDED', referred: true, rationale: RATIONALE },
      'pcc-1',
    );
    expect(referred.statusCode, referred.body).toBe(200);
    expect((await h.engine.listEvents(caseId)).at(-1)).toMatchObject({
      type: 'iopc.referral.decided',
      actorId: 'pcc-1',
    });
  });
});

describe('an unscreened case', () => {
  it('is prompted from recording, escalates to the Head of PSD then the AA, and the audit flags it until screened', async () => {
    h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
    const { caseId } = await h.report();
    // Recorded Mon 3 Mar with no criterion: screening is due at the end of Wed 5 Mar (2 WD).
    expect((await h.decide(caseId, recordMatter)).statusCode).toBe(200);
    expect(await rulesOn('inv-1', caseId)).toContain('referral.screening');
    await h.time.advanceTo(new Date('2025-03-10T09:00:00Z'));
    expect(await rungEvents(caseId, 'referral.screening')).toEqual([
      {
        type: 'clock.reminder-sent',
        at: expect.any(String),
        notified: [{ role: 'case-owner', personId: 'inv-1' }],
      },
      {
        type: 'clock.due-notice-sent',
        at: '2025-03-05T23:59:59.999Z',
        notified: [
          { role: 'case-owner', personId: 'inv-1' },
          { role: 'supervisor', personId: expect.any(String) },
        ],
      },
      {
        type: 'clock.escalated',
        at: '2025-03-06T23:59:59.999Z',
        notified: [{ role: 'head-of-psd', personId: 'head-1' }],
      },
      {
        type: 'clock.escalated',
        at: '2025-03-07T23:59:59.999Z',
        notified: [{ role: 'appropriate-authority', personId: 'aa-1' }],
      },
    ]);
    const audit = async () =>
      (
        (await h.as('aa-1', { method: 'GET', url: '/audit' })).json() as {
          cases: { caseId: string; findings: string[] }[];
        }
      ).cases.find((entry) => entry.caseId === caseId)?.findings;
    expect(await audit()).toContain('no-referral-screening');

    const screened = await h.decide(caseId, {
      type: 'REFERRAL_SCREENED',
      criteria: [],
      rationale: 'No criterion applies: a verbal argument, no injury or offence alleged.',
    });
    expect(screened.statusCode, screened.body).toBe(200);
    expect(await audit()).not.toContain('no-referral-screening');
  });
});

describe('the criminal OIC', () => {
  it('gets the task and the due notice of their own key-decision deadline, and may meet it', async () => {
    h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
    const { caseId } = await h.report();
    // Before an OIC is assigned, the owner (an investigator: criminal-track) holds the duty.
    const arrest = await h.decide(
      caseId,
      { type: 'CRIMINAL_DECISION_RECORDED', decision: 'arrest', rationale: RATIONALE },
      'inv-1',
    );
    expect(arrest.statusCode, arrest.body).toBe(200);
    expect(await rulesOn('inv-1', caseId)).toContain('victim.key-decision');
    const assigned = await h.as('head-1', {
      method: 'POST',
      url: `/cases/${caseId}/assignments`,
      payload: { personId: 'oic-1', role: 'criminal-oic', rationale: RATIONALE },
    });
    expect(assigned.statusCode, assigned.body).toBeLessThan(300);
    // The OIC takes over the task of the deadline they owe; the owner keeps the rest.
    expect(await rulesOn('oic-1', caseId)).toEqual(['victim.key-decision']);
    expect(await rulesOn('inv-1', caseId)).not.toContain('victim.key-decision');
    expect(await rulesOn('inv-1', caseId)).toContain('record.decision');

    // 1 WD (enhanced rights): due at the end of Tue 4 Mar.
    await h.time.advanceTo(new Date('2025-03-05T09:00:00Z'));
    const due = (await rungEvents(caseId, 'victim.key-decision')).find(
      (event) => event.type === 'clock.due-notice-sent',
    );
    expect(due?.at).toBe('2025-03-04T23:59:59.999Z');
    expect(due?.notified).toContainEqual({ role: 'criminal-oic', personId: 'oic-1' });
    const mail = h.sink.messages().filter((message) => message.to.includes('oic@force.test'));
    expect(
      mail.some(
        (message) =>
          message.text.includes('\nRule: victim.key-decision (') &&
          message.subject.includes(': Due now: '),
      ),
    ).toBe(true);

    const told = await h.decide(
      caseId,
      { type: 'VICTIM_TOLD_OF_DECISION', rationale: RATIONALE },
      'oic-1',
    );
    expect(told.statusCode, told.body).toBe(200);
  });
});

describe('decisions the owner may not take', () => {
  it("send the severity assessment's task and due notice to the AA who acts, not the owner", async () => {
    h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
    const { caseId } = await h.report({ referralCriteriaMet: ['serious-assault'] });
    expect((await h.decide(caseId, recordMatter)).statusCode).toBe(200);
    expect(await rulesOn('aa-1', caseId)).toEqual(
      expect.arrayContaining(['iopc.referral', 'severity.assessment']),
    );
    expect(await rulesOn('inv-1', caseId)).not.toContain('severity.assessment');
    await h.time.advanceTo(new Date('2025-03-06T09:00:00Z'));
    const due = (await rungEvents(caseId, 'severity.assessment')).find(
      (event) => event.type === 'clock.due-notice-sent',
    );
    expect(due?.notified).toContainEqual({ role: 'appropriate-authority', personId: 'aa-1' });
    expect(due?.notified).not.toContainEqual({ role: 'case-owner', personId: 'inv-1' });
    const assessed = await h.decide(
      caseId,
      { type: 'SEVERITY_ASSESSED', level: 'misconduct', rationale: RATIONALE },
      'aa-1',
    );
    expect(assessed.statusCode, assessed.body).toBe(200);
  });
});

describe("an ACC's case", () => {
  it('refuses an investigator from the same force, offering another force, and accepts one from it', async () => {
    h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
    await h.engine.importDirectory({ people: [ACC_UNDER_THE_AA] }, { actorId: 'ops-1' });
    const { caseId } = await h.report({ subjectId: ACC_UNDER_THE_AA.id });
    const view = await h.as('cc-1', { method: 'GET', url: `/cases/${caseId}` });
    const aa = (view.json() as { actingFor: { appropriateAuthority: { personId: string } } })
      .actingFor.appropriateAuthority.personId;
    expect(aa).toBe('cc-1');
    expect((await h.decide(caseId, recordMatter)).statusCode).toBe(200);
    const assessed = await h.decide(
      caseId,
      { type: 'SEVERITY_ASSESSED', level: 'gross-misconduct', rationale: RATIONALE },
      aa,
    );
    expect(assessed.statusCode, assessed.body).toBe(200);
    const appoint = (investigatorId: string) =>
      h.decide(
        caseId,
        {
          type: 'INVESTIGATOR_APPOINTED',
          investigatorId,
          declaration: {
            signed: true,
            statement: 'I have no prior connection to anyone involved.',
          },
          rationale: RATIONALE,
        },
        aa,
      );
    const sameForce = await appoint('inv-2');
    expect(sameForce.statusCode).toBe(422);
    expect(sameForce.json().gate).toBe('gate.investigator-independence');
    expect(sameForce.json().message ?? sameForce.body).toMatch(
      /another force|EXTERNAL_FORCE_REQUESTED/,
    );
    const external = await appoint('ext-inv-1');
    expect(external.statusCode, external.body).toBe(200);
    const event = (await h.engine.listEvents(caseId)).at(-1);
    expect(event?.payload).toMatchObject({
      investigatorId: 'ext-inv-1',
      independence: { externalForceRequired: true },
    });
  });
});
