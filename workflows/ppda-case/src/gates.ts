import { englandAndWales, type WorkingCalendar } from '@ppda/calendar';
import type { TCaseContext } from './context.ts';
import { londonDateOf } from './counting.ts';
import { REFERRAL_CRITERIA, type TCaseEvent } from './events.ts';

/**
 * The case's gates, by id: each refusal `checkGates` gives names one of them, and
 * `gate.closure` is the check `applyEvent` makes before a case may close.
 */
export const GATE_IDS = [
  'gate.recording',
  'gate.not-referred',
  'gate.suspension',
  'gate.severity-vetting',
  'gate.investigator-independence',
  'gate.external-referral',
  'gate.conduct-pause',
  'gate.interview-alternative-date',
  'gate.outcome',
  'gate.closure',
] as const;
export type TGateId = (typeof GATE_IDS)[number];

export type TGateResult = { ok: true } | { ok: false; gate: TGateId; reason: string };

const OPEN: TGateResult = { ok: true };
const refuse = (gate: TGateId, reason: string): TGateResult => ({ ok: false, gate, reason });

type TGate = (event: TCaseEvent, context: TCaseContext, calendar: WorkingCalendar) => TGateResult;

/** `gate.recording`: a PPDA allegation is recorded as a conduct matter, a complaint or both. */
const recording: TGate = (event) => {
  if (event.type !== 'MATTER_RECORDED' || event.asConductMatter || event.asComplaint) return OPEN;
  return refuse(
    'gate.recording',
    'An allegation of police-perpetrated domestic abuse must be recorded as a conduct matter (Police Reform Act 2002 s12(2)) and/or a complaint.',
  );
};

/** `gate.not-referred`: "no IOPC referral" needs a rationale against each criterion. */
const notReferred: TGate = (event, context) => {
  if (event.type !== 'IOPC_REFERRAL_DECIDED' || event.referred) return OPEN;
  // A mandatory criterion the engine applied (CMR reg 7(1)(g)) cannot be argued away here.
  if (context.criteriaAppliedByEngine.length > 0) {
    return refuse(
      'gate.not-referred',
      `The matter must be referred to the IOPC: the engine applied ${context.criteriaAppliedByEngine.join(', ')} (CMR reg 7(1)(g): conduct of the chief officer), so "not referred" cannot be recorded.`,
    );
  }
  const missing = REFERRAL_CRITERIA.filter((criterion) => !event.criteriaRationale[criterion]);
  if (missing.length === 0) return OPEN;
  return refuse(
    'gate.not-referred',
    `Deciding not to refer to the IOPC needs a rationale against each referral criterion; missing: ${missing.join(', ')}.`,
  );
};

/** `gate.suspension`: redeployment considered and rejected, and a ground with its reasons. */
const suspension: TGate = (event) => {
  if (event.type !== 'SUSPENDED') return OPEN;
  const missing: string[] = [];
  const { redeployment, grounds } = event;
  if (!redeployment?.considered) missing.push('redeployment or relocation considered');
  if ((redeployment?.rejectedBecause?.length ?? 0) < 10) {
    missing.push('the reason redeployment was rejected (at least 10 characters)');
  }
  if (!grounds.investigationMayBePrejudiced && !grounds.publicInterest) {
    missing.push(
      'a ground with its reasons: the investigation may be prejudiced, or the public interest',
    );
  }
  if (missing.length === 0) return OPEN;
  return refuse(
    'gate.suspension',
    `Suspension (Conduct Regulations 2020 reg 11) needs ${missing.join('; and ')}.`,
  );
};

/**
 * `gate.suspension`, for conduct on or after 13 July 2026 (CondR reg 11 as substituted by the
 * 2026 Amendment Regulations: the AA must suspend where the investigation may be prejudiced or
 * the public interest requires it): "not suspended" needs reasons why neither condition holds,
 * and after an arrest for a listed offence (reg 11C) the exceptional circumstances recorded.
 * A restriction or "no restriction" on such a case comes after that decision, not instead.
 */
const notSuspended2026: TGate = (event, context) => {
  if (!('suspension.duty' in context.law.provisions)) return OPEN;
  const where =
    'Police (Conduct) Regulations 2020 reg 11 as substituted in 2026 (conduct on or after 13 July 2026)';
  if (event.type === 'SUSPENSION_NOT_REQUIRED') {
    const missing: string[] = [];
    const reasons = event.neitherConditionHolds;
    if ((reasons?.investigationNotPrejudiced?.length ?? 0) < 10) {
      missing.push('why the investigation would not be prejudiced (at least 10 characters)');
    }
    if ((reasons?.publicInterestDoesNotRequire?.length ?? 0) < 10) {
      missing.push('why the public interest does not require suspension (at least 10 characters)');
    }
    if (context.listedOffenceArrest && (event.exceptionalCircumstances?.length ?? 0) < 10) {
      missing.push(
        `the exceptional circumstances (the officer was arrested for a listed offence, ${context.listedOffenceArrest}: reg 11C makes suspension the default)`,
      );
    }
    if (missing.length === 0) return OPEN;
    return refuse('gate.suspension', `Not suspending (${where}) needs ${missing.join('; and ')}.`);
  }
  const asRestriction = event.type === 'RESTRICTED' || event.type === 'NO_RESTRICTION_DECIDED';
  if (asRestriction && !context.notSuspended && context.deployment !== 'lifted') {
    return refuse(
      'gate.suspension',
      `Suspension is a duty when either condition holds (${where}): the appropriate authority records SUSPENSION_NOT_REQUIRED, with reasons why neither holds${context.listedOffenceArrest ? ' and the exceptional circumstances' : ''}, before a restriction or no restriction.`,
    );
  }
  return OPEN;
};

/**
 * `gate.severity-vetting`: "refer to be dealt with under the Vetting Regulations" (CondR reg
 * 14(2)(aa), SI 2025/558 reg 9) only for an allegation that came to attention on or after 28
 * May 2025 (reg 64), and on a Schedule 3 matter only if the pack says the option reaches it
 * (not confirmed: reg 9 amends the Conduct Regulations, not CMR).
 */
const severityVetting: TGate = (event, context) => {
  if (event.type !== 'SEVERITY_ASSESSED' && event.type !== 'SEVERITY_REVISED') return OPEN;
  if (event.level !== 'refer-to-vetting') return OPEN;
  if (!('severity.refer-to-vetting' in context.law.provisions)) {
    return refuse(
      'gate.severity-vetting',
      `Referral to be dealt with under the Vetting Regulations is not open for an allegation that came to attention before 28 May 2025 (SI 2025/558 reg 64; this one: ${context.law.allegationDate}).`,
    );
  }
  const schedule3 = context.recordedAs?.underSchedule3 ?? true;
  if (schedule3 && !context.law.vettingReachesSchedule3) {
    return refuse(
      'gate.severity-vetting',
      'Referral to be dealt with under the Vetting Regulations (Conduct Regulations 2020 reg 14(2)(aa)) is open on conduct matters outside Schedule 3; this matter is handled under Schedule 3 (CMR regs 16-19), where the option is not confirmed.',
    );
  }
  return OPEN;
};

/**
 * `gate.interview-alternative-date` (CondR reg 20(5)): the officer's alternative "must be
 * reasonable, and fall before the end of the period of 5 working days beginning with the first
 * working day after the day specified by the investigator". Reasonable: not already past.
 */
const interviewAlternative: TGate = (event, context, calendar) => {
  if (event.type !== 'ALTERNATIVE_INTERVIEW_DATE_PROPOSED' || !context.interviewDate) return OPEN;
  const proposed = new Date(event.date);
  const lastDay = calendar.addWorkingDays(new Date(context.interviewDate), 5);
  if (proposed.getTime() > lastDay.getTime()) {
    return refuse(
      'gate.interview-alternative-date',
      `An alternative interview date must fall within 5 working days after the date the investigator specified (${londonDateOf(new Date(context.interviewDate))}): by the end of ${londonDateOf(lastDay)} (Conduct Regulations 2020 reg 20(5)).`,
    );
  }
  if (proposed.getTime() < Date.parse(event.at)) {
    return refuse(
      'gate.interview-alternative-date',
      'An alternative interview date must be reasonable: it cannot be in the past (Conduct Regulations 2020 reg 20(5)(a)).',
    );
  }
  return OPEN;
};

/** `gate.investigator-independence`: the appointed investigator signs a declaration. */
const independence: TGate = (event) => {
  if (event.type !== 'INVESTIGATOR_APPOINTED' || event.declaration.signed) return OPEN;
  return refuse(
    'gate.investigator-independence',
    'The investigator must sign a declaration of independence (no prior connection to anyone involved) before appointment.',
  );
};

/** `gate.external-referral`: force policy may require an external force; otherwise it needs reasons. */
const externalReferral: TGate = (event, context) => {
  const requiredBecause = context.subject.externalForceRequiredBecause;
  // An investigator from another force meets the policy (the engine checks the directory).
  if (
    event.type === 'INVESTIGATOR_APPOINTED' &&
    requiredBecause &&
    event.checked?.investigatorFromAnotherForce !== true
  ) {
    return refuse(
      'gate.external-referral',
      `Force policy requires an external force to investigate (${requiredBecause}); request one, or appoint an investigator from another force.`,
    );
  }
  if (event.type === 'EXTERNAL_FORCE_REQUESTED' && !requiredBecause) {
    const ownReasons = event.reasons.filter((reason) => reason !== 'policy-requires');
    if (ownReasons.length === 0) {
      return refuse(
        'gate.external-referral',
        'Force policy does not require an external force here; give the reason it is needed: no independent investigator in force, or victim trust.',
      );
    }
  }
  return OPEN;
};

/** `gate.conduct-pause`: the default is to run both; a pause needs AA approval and a review date. */
const conductPause: TGate = (event) => {
  if (event.type !== 'CONDUCT_PAUSED') return OPEN;
  const missing: string[] = [];
  if (!event.approvedByAppropriateAuthority) missing.push("the appropriate authority's approval");
  if (Date.parse(event.reviewDate) <= Date.parse(event.at))
    missing.push('a review date in the future');
  if (missing.length === 0) return OPEN;
  return refuse(
    'gate.conduct-pause',
    `Pausing the misconduct investigation pending the criminal case needs ${missing.join(' and ')}; the default is to run both.`,
  );
};

/** `gate.outcome`: an outcome records the seriousness assessment (College of Policing guidance). */
const outcome: TGate = (event) => {
  if (event.type !== 'OUTCOME_RECORDED' || event.outcome === 'no-case-to-answer') return OPEN;
  if (event.seriousness) return OPEN;
  return refuse(
    'gate.outcome',
    'An outcome needs its seriousness assessment: culpability, harm, aggravating and mitigating factors (violence against women and girls always harms public confidence).',
  );
};

const GATES: TGate[] = [
  recording,
  notReferred,
  suspension,
  notSuspended2026,
  severityVetting,
  independence,
  externalReferral,
  conductPause,
  interviewAlternative,
  outcome,
];

/** The first gate the event fails, if any. The machine's guards call the same checks. */
export function checkGates(
  event: TCaseEvent,
  context: TCaseContext,
  calendar: WorkingCalendar = englandAndWales,
): TGateResult {
  for (const gate of GATES) {
    const result = gate(event, context, calendar);
    if (!result.ok) return result;
  }
  return OPEN;
}

/** What `gate.closure` still waits for, from the case's facts (clocks are checked by the caller). */
export function closureBlockers(context: TCaseContext): string[] {
  const blockers: string[] = [];
  if (!context.outcome) blockers.push('no outcome is recorded');
  if (!context.victim.toldOutcome) blockers.push('the victim has not been told the outcome');
  if (context.referral?.referred && !context.iopcNotifiedOfOutcome) {
    blockers.push('the IOPC has not been notified of the outcome');
  }
  if (context.deployment === 'suspended' || context.deployment === 'restricted') {
    blockers.push(
      `the ${context.deployment === 'suspended' ? 'suspension' : 'restriction'} is not lifted`,
    );
  }
  if (context.deployment === 'undecided')
    blockers.push('no suspension or restriction decision is recorded');
  if (context.vetting && context.vetting.status !== 'concluded') {
    blockers.push('the vetting withdrawal assessment (or its appeal) has not concluded');
  }
  return blockers;
}
