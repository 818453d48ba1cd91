// Issue 13's rules at the machine: the chief officer criterion the engine applies, the
// screening duty and its audit flag, VRR information with the NFA notice, the interview
// alternative window from the date set, gate facts refused with their gate, ACC appointments.
import { englandAndWales } from '@ppda/calendar';
import { describe, expect, it } from 'vitest';
import { auditFindings } from './audit.ts';
import { activeClocks, startCase } from './case-logic.ts';
import { scheduleClock } from './clock-schedule.ts';
import { REFERRAL_CRITERIA, type TCaseEvent } from './events.ts';
import { defaultPolicyPack, findRule } from './policy-pack.ts';
import {
  AT,
  accept,
  dueRung,
  PLAIN_INPUT,
  play,
  RATIONALE,
  refuse,
  sample,
} from './test-support.ts';

const chiefsCase = {
  ...PLAIN_INPUT,
  subject: { isChiefOfficer: true, externalForceRequiredBecause: 'the subject is CC' },
};
const allReasoned = Object.fromEntries(REFERRAL_CRITERIA.map((c) => [c, RATIONALE]));
const notReferred: TCaseEvent = {
  type: 'IOPC_REFERRAL_DECIDED',
  referred: false,
  criteriaRationale: allReasoned,
  rationale: RATIONALE,
  at: AT,
};
const clocksOf = (snapshot: ReturnType<typeof startCase>) =>
  activeClocks(snapshot).map((clock) => clock.ruleId);

describe('the chief officer criterion (CMR reg 7(1)(g))', () => {
  it('is applied at report when the subject is the chief constable, and the referral clock runs', () => {
    const started = startCase(chiefsCase);
    expect(started.context.referralCriteria).toEqual(['chief-officer']);
    expect(started.context.criteriaAppliedByEngine).toEqual(['chief-officer']);
    expect(clocksOf(started)).toContain('iopc.referral');
    expect(startCase(PLAIN_INPUT).context.criteriaAppliedByEngine).toEqual([]);
  });

  it('refuses "not referred" while it stands, even with a rationale against every criterion', () => {
    const refusal = refuse(startCase(chiefsCase), notReferred);
    expect(refusal.gate).toBe('gate.not-referred');
    expect(refusal.reason).toMatch(/chief-officer.*7\(1\)\(g\)/);
    // The same decision on anyone else's case passes the gate.
    expect(
      accept(startCase({ ...PLAIN_INPUT, referralCriteriaMet: ['serious-assault'] }), notReferred)
        .value,
    ).toMatchObject({ open: { referral: 'notReferred' } });
  });
});

describe('referral screening', () => {
  const recorded = play(PLAIN_INPUT, [sample('MATTER_RECORDED')]);

  it('runs its own clock from recording when no criterion is known, 2 WD by policy', () => {
    expect(clocksOf(startCase(PLAIN_INPUT))).not.toContain('referral.screening');
    expect(clocksOf(recorded)).toContain('referral.screening');
    const rule = findRule(defaultPolicyPack, 'referral.screening');
    expect(rule.duration).toEqual({ amount: 2, unit: 'working-days' });
    // Its default ladder ends with the AA.
    const schedule = scheduleClock(rule, new Date(AT), englandAndWales);
    expect(schedule.rungs.at(-1)?.notify).toEqual(['appropriate-authority']);
  });

  it('is met by "none applies" (screened out) or by criteria, which start the referral clock', () => {
    const none = accept(recorded, sample('REFERRAL_SCREENED'));
    expect(none.value).toMatchObject({ open: { referral: 'screenedOut' } });
    expect(none.context.referralScreening).toEqual({ criteria: [], screenedAt: AT });
    expect(clocksOf(none)).not.toContain('referral.screening');
    const found = accept(recorded, {
      type: 'REFERRAL_SCREENED',
      criteria: ['serious-assault'],
      rationale: RATIONALE,
      at: AT,
    });
    expect(found.value).toMatchObject({ open: { referral: 'decisionDue' } });
    expect(clocksOf(found)).toContain('iopc.referral');
  });

  it('is flagged by the audit once its clock is overdue, and not once screened', () => {
    const overdue = accept(recorded, dueRung('referral.screening'));
    expect(auditFindings(overdue, { protectiveOrdersConsidered: true })).toContain(
      'no-referral-screening',
    );
    const screened = accept(overdue, sample('REFERRAL_SCREENED'));
    expect(auditFindings(screened, { protectiveOrdersConsidered: true })).not.toContain(
      'no-referral-screening',
    );
  });
});

describe('VRR information goes with the NFA notice', () => {
  const nfa: TCaseEvent = {
    type: 'CRIMINAL_DECISION_RECORDED',
    decision: 'no-further-action',
    rationale: RATIONALE,
    at: '2025-04-17T14:00:00.000Z',
  };
  const dueOf = (enhanced: boolean, ruleId: string) => {
    const snapshot = play({ ...PLAIN_INPUT, victimHasEnhancedRights: enhanced }, [nfa]);
    const clock = activeClocks(snapshot).find((c) => c.ruleId === ruleId)!;
    const rule = findRule(defaultPolicyPack, ruleId);
    return scheduleClock(
      clock.duration ? { ...rule, duration: clock.duration } : rule,
      new Date(nfa.at),
      englandAndWales,
    ).dueAt.toISOString();
  };

  it('due with the key-decision notice: Tue 22 Apr with enhanced rights (NFA Thu 17 Apr, Easter)', () => {
    expect(dueOf(true, 'victim.vrr-info')).toBe('2025-04-22T22:59:59.999Z');
    expect(dueOf(true, 'victim.vrr-info')).toBe(dueOf(true, 'victim.key-decision'));
  });

  it('5 WD without enhanced rights: Mon 28 Apr', () => {
    expect(dueOf(false, 'victim.vrr-info')).toBe('2025-04-28T22:59:59.999Z');
    expect(dueOf(false, 'victim.vrr-info')).toBe(dueOf(false, 'victim.key-decision'));
  });
});

describe('the interview alternative date (CondR reg 20(5))', () => {
  const investigating = play(PLAIN_INPUT, [
    sample('MATTER_RECORDED'),
    sample('SEVERITY_ASSESSED', { level: 'misconduct' }),
    sample('INVESTIGATOR_APPOINTED'),
    sample('REG17_NOTICE_SERVED'),
  ]);
  // Set on 3 Mar for Thu 17 Apr 2025: the window is Tue 22 to Mon 28 Apr (Easter in between).
  const set = accept(investigating, {
    type: 'INTERVIEW_DATE_SET',
    date: '2025-04-17T09:00:00.000Z',
    rationale: RATIONALE,
    at: AT,
  });
  const propose = (date: string): TCaseEvent => ({
    type: 'ALTERNATIVE_INTERVIEW_DATE_PROPOSED',
    date,
    rationale: RATIONALE,
    at: AT,
  });

  it('anchors the window on the date set, not the day it was set', () => {
    const clock = activeClocks(set).find((c) => c.ruleId === 'interview.alternative-date');
    expect(clock?.anchorAt).toBe('2025-04-17T09:00:00.000Z');
  });

  it('accepts a date up to the end of Mon 28 Apr and refuses one after it, or two months later', () => {
    expect(accept(set, propose('2025-04-28T15:00:00.000Z')).context.interviewDate).toBe(
      '2025-04-17T09:00:00.000Z',
    );
    expect(refuse(set, propose('2025-04-29T09:00:00.000Z')).gate).toBe(
      'gate.interview-alternative-date',
    );
    const refusal = refuse(set, propose('2025-06-17T09:00:00.000Z'));
    expect(refusal.gate).toBe('gate.interview-alternative-date');
    expect(refusal.reason).toMatch(/2025-04-28/);
  });
});

describe('gate facts are refused with their gate, not the schema', () => {
  it('a suspension without redeployment considered is refused by gate.suspension, naming it', () => {
    const refusal = refuse(startCase(PLAIN_INPUT), {
      type: 'SUSPENDED',
      oral: false,
      grounds: { publicInterest: 'The public would lose confidence otherwise.' },
      rationale: RATIONALE,
      at: AT,
    });
    expect(refusal.gate).toBe('gate.suspension');
    expect(refusal.reason).toMatch(/redeployment or relocation considered/);
  });
});

describe('an investigator from another force where policy requires one', () => {
  const accCase = play(
    { ...PLAIN_INPUT, subject: { isChiefOfficer: false, externalForceRequiredBecause: 'ACC' } },
    [sample('MATTER_RECORDED'), sample('SEVERITY_ASSESSED', { level: 'misconduct' })],
  );
  const appoint = sample('INVESTIGATOR_APPOINTED');

  it('is accepted when the engine found them in another force, refused otherwise', () => {
    expect(refuse(accCase, appoint).gate).toBe('gate.external-referral');
    const appointed = accept(accCase, {
      ...appoint,
      checked: { investigatorFromAnotherForce: true },
    });
    expect(appointed.value).toMatchObject({ open: { investigation: 'inForce' } });
  });
});
