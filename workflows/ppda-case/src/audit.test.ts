import { describe, expect, it } from 'vitest';
import { auditFindings, type TAuditHistory } from './audit.ts';
import type { TCaseSnapshot } from './case-logic.ts';
import type { TCaseEvent } from './events.ts';
import { accept, dueRung, PLAIN_INPUT, play, sample } from './test-support.ts';

const NOT_CONSIDERED: TAuditHistory = { protectiveOrdersConsidered: false };
const CONSIDERED: TAuditHistory = { protectiveOrdersConsidered: true };

const recorded = sample('MATTER_RECORDED');
const assessed = sample('SEVERITY_ASSESSED', { level: 'misconduct' });
const noRestriction = sample('NO_RESTRICTION_DECIDED');
/** Recorded, assessed at intake with a deployment decision: nothing outstanding yet. */
const intakeDone: TCaseEvent[] = [recorded, assessed, noRestriction];

const findings = (snapshot: TCaseSnapshot, history = CONSIDERED) =>
  auditFindings(snapshot, history);

describe('auditFindings', () => {
  it('finds nothing on a case just received, whose clocks are still running', () => {
    expect(findings(play(PLAIN_INPUT, []), NOT_CONSIDERED)).toEqual([]);
  });

  it('not recorded as a conduct matter: past record.decision, or recorded as a complaint only', () => {
    expect(findings(play(PLAIN_INPUT, [dueRung('record.decision')]))).toEqual([
      'not-recorded-as-conduct-matter',
    ]);
    const complaintOnly = play(PLAIN_INPUT, [
      { ...recorded, asConductMatter: false, asComplaint: true },
    ]);
    expect(findings(complaintOnly)).toContain('not-recorded-as-conduct-matter');
    expect(findings(play(PLAIN_INPUT, [recorded]))).toEqual([]);
  });

  it('no IOPC decision: a criterion met and iopc.referral past due, until it is decided', () => {
    const input = { ...PLAIN_INPUT, referralCriteriaMet: ['serious-assault' as const] };
    const overdue = play(input, [recorded, dueRung('iopc.referral')]);
    expect(findings(overdue)).toEqual(['no-iopc-decision']);
    expect(findings(accept(overdue, sample('IOPC_REFERRAL_DECIDED')))).toEqual([]);
  });

  it('past severity.assessment: no assessment, and so no intake decisions on deployment or protective orders', () => {
    const overdue = play(PLAIN_INPUT, [recorded, dueRung('severity.assessment')]);
    expect(findings(overdue, NOT_CONSIDERED)).toEqual([
      'no-severity-assessment',
      'no-deployment-decision',
      'protective-orders-not-considered',
    ]);
    expect(findings(overdue, CONSIDERED)).not.toContain('protective-orders-not-considered');
  });

  it('after intake: a missing deployment decision or protective-order consideration shows at once', () => {
    expect(findings(play(PLAIN_INPUT, [recorded, assessed]), NOT_CONSIDERED)).toEqual([
      'no-deployment-decision',
      'protective-orders-not-considered',
    ]);
    expect(findings(play(PLAIN_INPUT, intakeDone), CONSIDERED)).toEqual([]);
  });

  it('no investigator appointed past investigator.appointment, unless no investigation is needed', () => {
    const overdue = play(PLAIN_INPUT, [...intakeDone, dueRung('investigator.appointment')]);
    expect(findings(overdue)).toEqual(['no-investigator-appointed']);
    expect(findings(accept(overdue, sample('INVESTIGATOR_APPOINTED')))).toEqual([]);
    const noMisconduct = play(PLAIN_INPUT, [
      recorded,
      sample('SEVERITY_ASSESSED', { level: 'no-misconduct' }),
      noRestriction,
    ]);
    expect(findings(noMisconduct)).not.toContain('no-investigator-appointed');
  });

  it('victim updates overdue while victim.progress-update is past due', () => {
    const overdue = play(PLAIN_INPUT, [...intakeDone, dueRung('victim.progress-update')]);
    expect(findings(overdue)).toEqual(['victim-updates-overdue']);
    expect(findings(accept(overdue, sample('VICTIM_UPDATE_SENT')))).toEqual([]);
  });
});
