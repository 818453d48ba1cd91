import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';

// The worked examples of ../shared/domain/scenarios.md, through the API on a virtual clock.
// Due instants are the end of the London day: 23:59:59.999 GMT in winter, 22:59:59.999Z in BST.
const endOfGmtDay = (date: string) => `${date}T23:59:59.999Z`;
const endOfBstDay = (date: string) => `${date}T22:59:59.999Z`;

let h: THarness;
afterEach(async () => {
  await h?.close();
});

async function openCase(start: string, body: Record<string, unknown> = {}) {
  h = await startHarness({ start: new Date(start) });
  return (await h.report(body)).caseId;
}

async function decideAt(caseId: string, at: string, decision: Record<string, unknown>) {
  // As a holder of the decision right (h.deciderFor): the AA, the Head of PSD or the owner.
  const response = await h.decideAt(caseId, at, {
    rationale: `Recorded for the worked example (${String(decision.type)}).`,
    ...decision,
  });
  expect(response.statusCode, response.body).toBe(200);
}

/** Due dates of every timer of a rule, in the order they were armed. */
async function dues(caseId: string, ruleId: string) {
  const clocks = await h.engine.listClocks(caseId);
  return clocks.filter((clock) => clock.ruleId === ruleId).map((clock) => clock.dueAt);
}

const recordMatter = { type: 'MATTER_RECORDED', asConductMatter: true, asComplaint: false };
const appointInvestigator = {
  type: 'INVESTIGATOR_APPOINTED',
  investigatorId: 'inv-2',
  declaration: { signed: true, statement: 'I have no prior connection to anyone involved.' },
};

describe('worked examples (scenarios.md)', () => {
  it('1. referral deadline: due at the end of Tue 4 Mar; the AA is escalated to at due', async () => {
    const caseId = await openCase('2025-03-03T10:00:00Z', {
      referralCriteriaMet: ['serious-assault'],
    });
    expect(await dues(caseId, 'iopc.referral')).toEqual([endOfGmtDay('2025-03-04')]);
    await h.time.advanceTo(new Date('2025-03-05T09:00:00Z'));
    const events = await h.engine.listEvents(caseId);
    const escalation = events.find(
      (e) => e.ruleId === 'iopc.referral' && e.type === 'clock.escalated',
    );
    expect(escalation?.occurredAt).toBe(endOfGmtDay('2025-03-04'));
    expect(escalation?.payload).toMatchObject({ notified: [{ role: 'appropriate-authority' }] });
  });

  it('2. oral suspension: written confirmation Wed 19 Mar, representations Tue 25 Mar, reviews 11 Apr, 9 May, 6 Jun', async () => {
    const caseId = await openCase('2025-03-14T09:00:00Z');
    await decideAt(caseId, '2025-03-14T09:30:00Z', recordMatter);
    await decideAt(caseId, '2025-03-14T11:00:00Z', {
      type: 'SUSPENDED',
      oral: true,
      redeployment: {
        considered: true,
        rejectedBecause: 'Every role gives access to the victim on force systems.',
      },
      grounds: {
        investigationMayBePrejudiced: 'The officer knows the witnesses and could contact them.',
      },
    });
    expect(await dues(caseId, 'suspension.confirm-in-writing')).toEqual([
      endOfGmtDay('2025-03-19'),
    ]);
    expect(await dues(caseId, 'suspension.representations')).toEqual([endOfGmtDay('2025-03-25')]);
    expect(await dues(caseId, 'suspension.review')).toEqual([endOfBstDay('2025-04-11')]);

    // Each review re-bases the next on the day it was actually held.
    await decideAt(caseId, '2025-04-11T10:00:00Z', { type: 'SUSPENSION_REVIEWED' });
    await decideAt(caseId, '2025-05-09T10:00:00Z', { type: 'SUSPENSION_REVIEWED' });
    expect(await dues(caseId, 'suspension.review')).toEqual([
      endOfBstDay('2025-04-11'),
      endOfBstDay('2025-05-09'),
      endOfBstDay('2025-06-06'),
    ]);
    // The representations window closed by itself at its end; the case owner was told.
    const windowClosed = (await h.engine.listEvents(caseId)).find(
      (e) => e.ruleId === 'suspension.representations',
    );
    expect(windowClosed).toMatchObject({
      type: 'clock.due-notice-sent',
      occurredAt: endOfGmtDay('2025-03-25'),
    });
    const view = await h.engine.getCase(caseId);
    expect(view.state).toMatchObject({
      open: {
        deployment: {
          suspended: { representations: 'closed', writtenConfirmation: 'due', review: 'scheduled' },
        },
      },
    });
  });

  it('3. notice over Easter: reg 17 served Thu 17 Apr 2025, representations end Tue 6 May', async () => {
    const caseId = await openCase('2025-04-14T09:00:00Z');
    await decideAt(caseId, '2025-04-14T10:00:00Z', recordMatter);
    await decideAt(caseId, '2025-04-14T11:00:00Z', {
      type: 'SEVERITY_ASSESSED',
      level: 'gross-misconduct',
    });
    await decideAt(caseId, '2025-04-15T11:00:00Z', appointInvestigator);
    await decideAt(caseId, '2025-04-17T11:00:00Z', { type: 'REG17_NOTICE_SERVED' });
    expect(await dues(caseId, 'officer.representations')).toEqual([endOfBstDay('2025-05-06')]);
  });

  it('4. victim updates: due 31 Mar, 28 Apr, 26 May; an update on 20 Mar re-bases the next to 17 Apr', async () => {
    const caseId = await openCase('2025-03-03T10:00:00Z');
    await decideAt(caseId, '2025-03-31T15:00:00Z', { type: 'VICTIM_UPDATE_SENT' });
    await decideAt(caseId, '2025-04-28T15:00:00Z', { type: 'VICTIM_UPDATE_SENT' });
    expect(await dues(caseId, 'victim.progress-update')).toEqual([
      endOfBstDay('2025-03-31'),
      endOfBstDay('2025-04-28'),
      endOfBstDay('2025-05-26'),
    ]);
    await h.close();

    const rebased = await openCase('2025-03-03T10:00:00Z');
    await decideAt(rebased, '2025-03-20T12:00:00Z', { type: 'VICTIM_UPDATE_SENT' });
    expect(await dues(rebased, 'victim.progress-update')).toEqual([
      endOfBstDay('2025-03-31'),
      endOfBstDay('2025-04-17'),
    ]);
    const first = (await h.engine.listClocks(rebased)).find(
      (c) => c.ruleId === 'victim.progress-update',
    );
    expect(first).toMatchObject({ status: 'met', stoppedBy: 'victim.update.sent' });
  });

  it('5. proceedings over Christmas: response Mon 22 Dec, witness lists Mon 29 Dec, pre-hearing Mon 26 Jan 2026', async () => {
    const caseId = await openCase('2025-11-03T09:00:00Z');
    await decideAt(caseId, '2025-11-03T10:00:00Z', recordMatter);
    await decideAt(caseId, '2025-11-03T11:00:00Z', {
      type: 'SEVERITY_ASSESSED',
      level: 'gross-misconduct',
    });
    await decideAt(caseId, '2025-11-04T09:00:00Z', appointInvestigator);
    await decideAt(caseId, '2025-11-04T10:00:00Z', { type: 'REG17_NOTICE_SERVED' });
    await decideAt(caseId, '2025-11-24T10:00:00Z', { type: 'FINAL_REPORT_SUBMITTED' });
    await decideAt(caseId, '2025-11-27T10:00:00Z', {
      type: 'CASE_TO_ANSWER_DECIDED',
      caseToAnswer: true,
      forum: 'hearing',
    });
    await decideAt(caseId, '2025-12-01T10:00:00Z', { type: 'DOCUMENTS_SUPPLIED_TO_OFFICER' });
    expect(await dues(caseId, 'proceedings.response')).toEqual([endOfGmtDay('2025-12-22')]);
    await decideAt(caseId, '2025-12-22T16:00:00Z', { type: 'OFFICER_RESPONSE_RECEIVED' });
    expect(await dues(caseId, 'proceedings.witness-lists')).toEqual([endOfGmtDay('2025-12-29')]);
    await decideAt(caseId, '2025-12-29T12:00:00Z', { type: 'WITNESS_LISTS_SUPPLIED' });
    await decideAt(caseId, '2026-01-05T10:00:00Z', { type: 'DOCUMENTS_SENT_TO_CHAIR' });
    expect(await dues(caseId, 'proceedings.prehearing')).toEqual([endOfGmtDay('2026-01-26')]);
  });
});

/** A decision that must be refused by `gate` with 422. */
async function refusedAt(caseId: string, at: string, gate: string, decision: object) {
  const response = await h.decideAt(caseId, at, {
    rationale: 'Recorded for the worked example (refused).',
    ...decision,
  });
  expect(response.statusCode, response.body).toBe(422);
  expect(response.json().gate).toBe(gate);
}

// Dated cases of issue 13, each worked out from the source's own wording (bank holidays
// 2025: Good Friday 18 Apr, Easter Monday 21 Apr, 5 May).
describe('counted as the law counts (issue 13)', () => {
  it('DVPO: "no more than 28 days beginning with the day on which it is made" (CSA 2010 s28(10)): made Thu 1 May, ends with Wed 28 May', async () => {
    const caseId = await openCase('2025-04-30T09:00:00Z');
    await decideAt(caseId, '2025-04-30T10:00:00Z', { type: 'DVPN_SERVED' });
    await decideAt(caseId, '2025-05-01T11:00:00Z', {
      type: 'DVPO_DECIDED',
      granted: true,
      days: 28,
    });
    expect(await dues(caseId, 'dvpo.expiry')).toEqual([endOfBstDay('2025-05-28')]);
  });

  it('a 14-day DVPO made Thu 1 May ends with Wed 14 May', async () => {
    const caseId = await openCase('2025-04-30T09:00:00Z');
    await decideAt(caseId, '2025-04-30T10:00:00Z', { type: 'DVPN_SERVED' });
    await decideAt(caseId, '2025-05-01T11:00:00Z', {
      type: 'DVPO_DECIDED',
      granted: true,
      days: 14,
    });
    expect(await dues(caseId, 'dvpo.expiry')).toEqual([endOfBstDay('2025-05-14')]);
  });

  it('VRR information goes with the NFA notice: NFA Thu 17 Apr, both due Tue 22 Apr (enhanced rights); Mon 28 Apr without', async () => {
    const enhanced = await openCase('2025-04-17T09:00:00Z');
    await decideAt(enhanced, '2025-04-17T14:00:00Z', {
      type: 'CRIMINAL_DECISION_RECORDED',
      decision: 'no-further-action',
    });
    expect(await dues(enhanced, 'victim.vrr-info')).toEqual([endOfBstDay('2025-04-22')]);
    expect(await dues(enhanced, 'victim.key-decision')).toEqual([endOfBstDay('2025-04-22')]);
    await h.close();

    const plain = await openCase('2025-04-17T09:00:00Z', { victimHasEnhancedRights: false });
    await decideAt(plain, '2025-04-17T14:00:00Z', {
      type: 'CRIMINAL_DECISION_RECORDED',
      decision: 'no-further-action',
    });
    expect(await dues(plain, 'victim.vrr-info')).toEqual([endOfBstDay('2025-04-28')]);
  });

  it('interview alternative (CondR reg 20(5)): set on 3 Mar for Thu 17 Apr, an alternative by the end of Mon 28 Apr; Tue 29 Apr is refused', async () => {
    const caseId = await openCase('2025-03-03T09:00:00Z');
    await decideAt(caseId, '2025-03-03T10:00:00Z', recordMatter);
    await decideAt(caseId, '2025-03-03T11:00:00Z', {
      type: 'SEVERITY_ASSESSED',
      level: 'misconduct',
    });
    await decideAt(caseId, '2025-03-03T12:00:00Z', appointInvestigator);
    await decideAt(caseId, '2025-03-03T13:00:00Z', { type: 'REG17_NOTICE_SERVED' });
    await decideAt(caseId, '2025-03-03T14:00:00Z', {
      type: 'INTERVIEW_DATE_SET',
      date: '2025-04-17T09:00:00+01:00',
    });
    expect(await dues(caseId, 'interview.alternative-date')).toEqual([endOfBstDay('2025-04-28')]);
    await refusedAt(caseId, '2025-03-04T10:00:00Z', 'gate.interview-alternative-date', {
      type: 'ALTERNATIVE_INTERVIEW_DATE_PROPOSED',
      date: '2025-04-29T09:00:00+01:00',
    });
    await decideAt(caseId, '2025-03-04T10:00:00Z', {
      type: 'ALTERNATIVE_INTERVIEW_DATE_PROPOSED',
      date: '2025-04-28T14:00:00+01:00',
    });
  });

  it("the chief constable's case reported Mon 3 Mar with no criterion ticked: referral due end of Tue 4 Mar (CMR reg 7(1)(g))", async () => {
    const caseId = await openCase('2025-03-03T10:00:00Z', { subjectId: 'cc-1' });
    expect(await dues(caseId, 'iopc.referral')).toEqual([endOfGmtDay('2025-03-04')]);
  });

  it('screening: recorded Fri 2 May with no criterion, due end of Wed 7 May (2 WD, 5 May a bank holiday)', async () => {
    const caseId = await openCase('2025-05-02T09:00:00Z');
    await decideAt(caseId, '2025-05-02T10:00:00Z', recordMatter);
    expect(await dues(caseId, 'referral.screening')).toEqual([endOfBstDay('2025-05-07')]);
  });

  it('a suspension without redeployment considered is refused as gate.suspension (422), not a schema error', async () => {
    const caseId = await openCase('2025-03-14T09:00:00Z');
    await refusedAt(caseId, '2025-03-14T11:00:00Z', 'gate.suspension', {
      type: 'SUSPENDED',
      oral: false,
      grounds: { publicInterest: 'The public would lose confidence in the force otherwise.' },
    });
  });
});
