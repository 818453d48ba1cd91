import type { TCaseSnapshot } from './case-logic.ts';
import type { TGateId } from './gates.ts';

/**
 * The failures forces' audits found (rules.md, "Audit (recommendation 1)") that a case can
 * still show. A decision is a failure when it is missing past its clock's due time, or when
 * the case has moved past the point it belonged to: intake (severity assessed) for the
 * suspension/restriction decision and protective orders, as good forces make them there
 * (domain README), and closure for everything.
 */
export const AUDIT_CHECKS = {
  'not-recorded-as-conduct-matter': 'not recorded as a conduct matter',
  'no-iopc-decision': 'no IOPC referral decision though a referral criterion is met',
  'no-referral-screening':
    'no IOPC decision or rationale: never screened against the referral criteria',
  'no-severity-assessment': 'no severity assessment',
  'no-investigator-appointed': 'no investigator appointed (with an independence declaration)',
  'no-deployment-decision': 'no suspension or restriction decision recorded',
  'victim-updates-overdue': 'victim updates overdue',
  'protective-orders-not-considered': 'protective orders not considered',
} as const;
export type TAuditCheck = keyof typeof AUDIT_CHECKS;

/**
 * Failures the engine refuses at the decision itself, so no case can show them: a "not
 * referred" without its rationale per criterion (`gate.not-referred`), an appointment without
 * an independence declaration (`gate.investigator-independence`), a pause without AA
 * approval and a review date (`gate.conduct-pause`).
 */
export const ENFORCED_BY_GATES = {
  'iopc-decision-without-rationale': 'gate.not-referred',
  'appointment-without-independence-rationale': 'gate.investigator-independence',
  'conduct-paused-without-approval': 'gate.conduct-pause',
} as const satisfies Record<string, TGateId>;

const VICTIM_CLOCKS = [
  'victim.progress-update',
  'victim.key-decision',
  'victim.outcome-notice',
  'victim.vrr-info',
];

/** What the case's event log shows that its snapshot does not keep once it is closed. */
export interface TAuditHistory {
  /** PROTECTIVE_ORDERS_CONSIDERED or DVPN_SERVED was ever recorded. */
  protectiveOrdersConsidered: boolean;
}

/** What a case fails now, in `AUDIT_CHECKS` order. */
export function auditFindings(snapshot: TCaseSnapshot, history: TAuditHistory): TAuditCheck[] {
  const { context } = snapshot;
  const overdue = new Set(context.overdue);
  const closed = snapshot.status === 'done';
  const missedBy = (ruleId: string) => closed || overdue.has(ruleId);
  const pastIntake = context.severity !== null || missedBy('severity.assessment');
  const conductMatter = context.recordedAs?.conductMatter === true;
  const needsInvestigation =
    context.severity !== null && context.severity.level !== 'no-misconduct';
  const failed: Record<TAuditCheck, boolean> = {
    'not-recorded-as-conduct-matter': context.recordedAs
      ? !conductMatter
      : missedBy('record.decision'),
    'no-iopc-decision':
      context.referralCriteria.length > 0 && context.referral === null && missedBy('iopc.referral'),
    // Recorded, no criterion known, and nobody recorded which criteria apply (or that none does).
    'no-referral-screening':
      context.recordedAs !== null &&
      context.referralCriteria.length === 0 &&
      context.referralScreening === null &&
      context.referral === null &&
      missedBy('referral.screening'),
    'no-severity-assessment':
      conductMatter && context.severity === null && missedBy('severity.assessment'),
    'no-investigator-appointed':
      needsInvestigation && context.investigation === null && missedBy('investigator.appointment'),
    'no-deployment-decision': context.deployment === 'undecided' && pastIntake,
    'victim-updates-overdue': VICTIM_CLOCKS.some((ruleId) => overdue.has(ruleId)),
    'protective-orders-not-considered': !history.protectiveOrdersConsidered && pastIntake,
  };
  return (Object.keys(AUDIT_CHECKS) as TAuditCheck[]).filter((check) => failed[check]);
}
