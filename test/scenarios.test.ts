import { afterEach, describe, expect, it } from 'vitest';
import { NEITHER_CONDITION_HOLDS, REASONED_SUSPENSION } from './support/decisions.ts';
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

// Dated cases of issue 14 ("The law on the day", rules.md), each worked by hand from the
// wording rules.md gives and the policy pack's values. The 2026 figures (reg 11B: "a decision
// within 3 working days", "reviewed within 12 weeks") and every vetting time limit are the
// pack's UNVERIFIED values (secondary sources; the SI text was not read): a force can set
// them, and these examples change with them. Bank holidays: Mon 25 Aug 2025, 25-26 Dec 2025,
// 1 Jan 2026, Mon 31 Aug 2026. Weeks count from the next day (as the 4-weekly review does).
describe('the law on the day (issue 14)', () => {
  const notSuspended = {
    type: 'SUSPENSION_NOT_REQUIRED',
    neitherConditionHolds: NEITHER_CONDITION_HOLDS,
  };
  const nonSchedule3 = { ...recordMatter, underSchedule3: false };

  it('suspended Wed 15 Jul 2026: conduct Sun 12 Jul is reviewed by Wed 12 Aug (4 weeks); conduct Mon 13 Jul by Wed 7 Oct (12 weeks), then Wed 30 Dec', async () => {
    // 4 weeks = 28 days from 15 Jul: 16 to 31 Jul is 16, + 12 Aug = 28.
    const old = await openCase('2026-07-15T09:00:00Z', {
      conductDate: '2026-07-12',
      conductDateSource: 'victim-account',
    });
    await decideAt(old, '2026-07-15T10:00:00Z', REASONED_SUSPENSION);
    expect(await dues(old, 'suspension.review')).toEqual([endOfBstDay('2026-08-12')]);
    await h.close();

    // 12 weeks = 84 days from 15 Jul: 16 (to 31 Jul) + 31 (Aug) + 30 (Sep) + 7 = 7 Oct (BST).
    // Reviewed on 7 Oct: 84 days on, 24 (to 31 Oct) + 30 (Nov) + 30 = 30 Dec (GMT).
    const inScope = await openCase('2026-07-15T09:00:00Z', {
      conductDate: '2026-07-13',
      conductDateSource: 'victim-account',
    });
    await decideAt(inScope, '2026-07-15T10:00:00Z', REASONED_SUSPENSION);
    expect(await dues(inScope, 'suspension.review')).toEqual([endOfBstDay('2026-10-07')]);
    await decideAt(inScope, '2026-10-07T09:00:00Z', { type: 'SUSPENSION_REVIEWED' });
    expect(await dues(inScope, 'suspension.review')).toEqual([
      endOfBstDay('2026-10-07'),
      endOfGmtDay('2026-12-30'),
    ]);
  });

  it('a 2026 restriction is still reviewed at 4 weeks (Wed 15 Jul → Wed 12 Aug); suspended from it on Thu 20 Aug, at 12 weeks (Thu 12 Nov)', async () => {
    const caseId = await openCase('2026-07-15T09:00:00Z', {
      conductDate: '2026-07-13',
      conductDateSource: 'victim-account',
    });
    await refusedAt(caseId, '2026-07-15T10:00:00Z', 'gate.suspension', {
      type: 'RESTRICTED',
      restrictions: ['no contact with the public'],
    });
    await decideAt(caseId, '2026-07-15T10:00:00Z', notSuspended);
    await decideAt(caseId, '2026-07-15T11:00:00Z', {
      type: 'RESTRICTED',
      restrictions: ['no contact with the public'],
    });
    expect(await dues(caseId, 'suspension.review')).toEqual([endOfBstDay('2026-08-12')]);
    await decideAt(caseId, '2026-08-12T09:00:00Z', { type: 'RESTRICTION_REVIEWED' });
    // 12 Aug + 28 days: 19 (to 31 Aug) + 9 = Wed 9 Sep.
    // Suspended on 20 Aug: 84 days, 11 (to 31 Aug) + 30 (Sep) + 31 (Oct) + 12 = 12 Nov (GMT).
    await decideAt(caseId, '2026-08-20T10:00:00Z', REASONED_SUSPENSION);
    expect(await dues(caseId, 'suspension.review')).toEqual([
      endOfBstDay('2026-08-12'),
      endOfBstDay('2026-09-09'),
      endOfGmtDay('2026-11-12'),
    ]);
  });

  it('reg 11B over the August bank holiday: gross misconduct Wed 26 Aug, arrest Thu 27 Aug 2026 → decision by Wed 2 Sep (3 WD: 28 Aug, 1, 2 Sep)', async () => {
    const caseId = await openCase('2026-08-24T09:00:00Z', {
      conductDate: '2026-08-01',
      conductDateSource: 'victim-account',
    });
    await decideAt(caseId, '2026-08-24T10:00:00Z', recordMatter);
    await decideAt(caseId, '2026-08-26T10:00:00Z', {
      type: 'SEVERITY_ASSESSED',
      level: 'gross-misconduct',
    });
    expect(await dues(caseId, 'suspension.decision')).toEqual([]);
    await decideAt(caseId, '2026-08-27T15:00:00Z', {
      type: 'CRIMINAL_DECISION_RECORDED',
      decision: 'arrest',
    });
    expect(await dues(caseId, 'suspension.decision')).toEqual([endOfBstDay('2026-09-02')]);
  });

  it('vetting referral over the August bank holiday: assessed Fri 22 Aug 2025 → referral by Wed 27 Aug (2 WD: 26, 27); referred 27 Aug → notice by Wed 3 Sep (5 WD)', async () => {
    const caseId = await openCase('2025-08-22T08:00:00Z', {
      conductDate: '2025-08-01',
      conductDateSource: 'documentary-record',
    });
    await decideAt(caseId, '2025-08-22T09:00:00Z', nonSchedule3);
    await decideAt(caseId, '2025-08-22T10:00:00Z', {
      type: 'SEVERITY_ASSESSED',
      level: 'refer-to-vetting',
    });
    expect(await dues(caseId, 'vetting.referral')).toEqual([endOfBstDay('2025-08-27')]);
    // 5 WD from Wed 27 Aug: Thu 28, Fri 29, Mon 1, Tue 2, Wed 3 Sep.
    await decideAt(caseId, '2025-08-27T11:00:00Z', { type: 'VETTING_REFERRED' });
    expect(await dues(caseId, 'vetting.notice')).toEqual([endOfBstDay('2025-09-03')]);
  });

  it('clearance withdrawn Mon 22 Dec 2025: the victim told by Wed 31 Dec (5 WD), the appeal window ends Thu 8 Jan 2026 (10 WD)', async () => {
    const caseId = await openCase('2025-12-01T09:00:00Z', {
      conductDate: '2025-11-20',
      conductDateSource: 'victim-account',
    });
    await decideAt(caseId, '2025-12-01T10:00:00Z', nonSchedule3);
    await decideAt(caseId, '2025-12-01T11:00:00Z', {
      type: 'SEVERITY_ASSESSED',
      level: 'refer-to-vetting',
    });
    await decideAt(caseId, '2025-12-02T10:00:00Z', { type: 'VETTING_REFERRED' });
    await decideAt(caseId, '2025-12-03T10:00:00Z', { type: 'VETTING_NOTICE_SERVED' });
    await decideAt(caseId, '2025-12-08T10:00:00Z', { type: 'VETTING_REPRESENTATIONS_RECEIVED' });
    // Outcome 10 WD from Mon 8 Dec: 9-12, 15-19, 22 Dec.
    expect(await dues(caseId, 'vetting.outcome')).toEqual([endOfGmtDay('2025-12-22')]);
    await decideAt(caseId, '2025-12-22T10:00:00Z', {
      type: 'VETTING_OUTCOME_DECIDED',
      withdrawn: true,
    });
    // Victim: 23, 24, (25, 26 holidays) 29, 30, 31 Dec. Appeal: 23, 24, 29, 30, 31 Dec,
    // (1 Jan holiday) 2, 5, 6, 7, 8 Jan.
    expect(await dues(caseId, 'victim.outcome-notice')).toEqual([endOfGmtDay('2025-12-31')]);
    expect(await dues(caseId, 'vetting.appeal')).toEqual([endOfGmtDay('2026-01-08')]);
  });
});
