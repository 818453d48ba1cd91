// Shared by the unit tests of this package: sample events and accept/refuse helpers.
import { applyEvent, describeState, startCase, type TCaseSnapshot } from './case-logic.ts';
import {
  REFERRAL_CRITERIA,
  type TCaseEvent,
  type TCaseInput,
  type TDecisionType,
  type TEventOf,
} from './events.ts';
import type { TGateId } from './gates.ts';

const RECEIVED_AT = '2025-03-03T10:00:00.000Z';
export const AT = '2025-03-03T11:00:00.000Z';
export const RATIONALE = 'Reasons recorded by the PSD officer.';
const REASON = 'Reasons given in full by the decision maker.';

export const PLAIN_INPUT: TCaseInput = { reference: 'PPDA-25-7KQ3XW', receivedAt: RECEIVED_AT };

/** Apply an event the case must accept (through the engine's path, gates included). */
export function accept(snapshot: TCaseSnapshot, event: TCaseEvent): TCaseSnapshot {
  const result = applyEvent(snapshot, event);
  if (!result.ok)
    throw new Error(`${event.type} refused: ${result.refusal.gate}: ${result.refusal.reason}`);
  return result.next;
}

/** Apply an event the case must refuse; returns the refusal. */
export function refuse(
  snapshot: TCaseSnapshot,
  event: TCaseEvent,
): { gate: string; reason: string } {
  const result = applyEvent(snapshot, event);
  if (result.ok) throw new Error(`${event.type} was accepted: ${describeState(result.next)}`);
  return result.refusal;
}

/** Start a case and play events through `applyEvent`, each of which must be accepted. */
export function play(input: TCaseInput, events: readonly TCaseEvent[]): TCaseSnapshot {
  return events.reduce(accept, startCase(input));
}

/** The due rung of a clock, as the engine's timer worker sends it. */
export function dueRung(ruleId: string, at = AT): TEventOf<'CLOCK_RUNG'> {
  return { type: 'CLOCK_RUNG', ruleId, rung: 1, kind: 'due', at };
}

const seriousness = {
  culpability: 'High: a deliberate course of conduct.',
  harm: 'Serious harm to the victim and to public confidence.',
  aggravating: ['abuse of position'],
  mitigating: ['early admission'],
};
const allCriteriaReasoned = Object.fromEntries(REFERRAL_CRITERIA.map((c) => [c, RATIONALE]));

/**
 * At least one sample of every decision type (the mapped type makes a new decision type a
 * compile error until it has one): valid ones for every gate, and those tagged `failing`
 * which their gate must refuse wherever the case offers their type.
 */
export const SAMPLES: { [K in TDecisionType]: TEventOf<K>[] } = {
  MATTER_RECORDED: [
    {
      type: 'MATTER_RECORDED',
      asConductMatter: true,
      asComplaint: false,
      rationale: RATIONALE,
      at: AT,
    },
  ],
  REFERRAL_SCREENED: [
    { type: 'REFERRAL_SCREENED', criteria: [], rationale: RATIONALE, at: AT },
    { type: 'REFERRAL_SCREENED', criteria: ['serious-assault'], rationale: RATIONALE, at: AT },
  ],
  REFERRAL_CRITERION_IDENTIFIED: [
    {
      type: 'REFERRAL_CRITERION_IDENTIFIED',
      criteria: ['serious-assault'],
      rationale: RATIONALE,
      at: AT,
    },
  ],
  IOPC_REFERRAL_DECIDED: [
    {
      type: 'IOPC_REFERRAL_DECIDED',
      referred: true,
      criteriaRationale: {},
      rationale: RATIONALE,
      at: AT,
    },
    {
      type: 'IOPC_REFERRAL_DECIDED',
      referred: false,
      criteriaRationale: allCriteriaReasoned,
      rationale: RATIONALE,
      at: AT,
    },
  ],
  IOPC_MODE_DECIDED: [
    { type: 'IOPC_MODE_DECIDED', mode: 'directed', rationale: RATIONALE, at: AT },
  ],
  IOPC_CALLED_IN: [{ type: 'IOPC_CALLED_IN', rationale: RATIONALE, at: AT }],
  SEVERITY_ASSESSED: [
    { type: 'SEVERITY_ASSESSED', level: 'misconduct', rationale: RATIONALE, at: AT },
    { type: 'SEVERITY_ASSESSED', level: 'no-misconduct', rationale: RATIONALE, at: AT },
  ],
  SEVERITY_REVISED: [
    {
      type: 'SEVERITY_REVISED',
      level: 'gross-misconduct',
      newEvidence: REASON,
      referralCriteriaMet: ['serious-sexual-offence'],
      rationale: RATIONALE,
      at: AT,
    },
    {
      type: 'SEVERITY_REVISED',
      level: 'no-misconduct',
      newEvidence: REASON,
      referralCriteriaMet: [],
      rationale: RATIONALE,
      at: AT,
    },
  ],
  SUSPENDED: [
    {
      type: 'SUSPENDED',
      oral: true,
      redeployment: { considered: true, rejectedBecause: REASON },
      grounds: { investigationMayBePrejudiced: REASON },
      rationale: RATIONALE,
      at: AT,
    },
    {
      type: 'SUSPENDED',
      oral: false,
      redeployment: { considered: true, rejectedBecause: REASON },
      grounds: { publicInterest: REASON },
      rationale: RATIONALE,
      at: AT,
    },
  ],
  SUSPENSION_CONFIRMED_IN_WRITING: [
    { type: 'SUSPENSION_CONFIRMED_IN_WRITING', rationale: RATIONALE, at: AT },
  ],
  SUSPENSION_REPRESENTATIONS_RECEIVED: [
    { type: 'SUSPENSION_REPRESENTATIONS_RECEIVED', rationale: RATIONALE, at: AT },
  ],
  SUSPENSION_REVIEWED: [{ type: 'SUSPENSION_REVIEWED', rationale: RATIONALE, at: AT }],
  SUSPENSION_LIFTED: [{ type: 'SUSPENSION_LIFTED', rationale: RATIONALE, at: AT }],
  RESTRICTED: [
    {
      type: 'RESTRICTED',
      restrictions: ['no contact with the victim'],
      rationale: RATIONALE,
      at: AT,
    },
  ],
  RESTRICTION_REVIEWED: [{ type: 'RESTRICTION_REVIEWED', rationale: RATIONALE, at: AT }],
  RESTRICTION_LIFTED: [{ type: 'RESTRICTION_LIFTED', rationale: RATIONALE, at: AT }],
  NO_RESTRICTION_DECIDED: [{ type: 'NO_RESTRICTION_DECIDED', rationale: RATIONALE, at: AT }],
  INVESTIGATOR_APPOINTED: [
    {
      type: 'INVESTIGATOR_APPOINTED',
      investigatorId: 'inv-1',
      declaration: { signed: true, statement: REASON },
      rationale: RATIONALE,
      at: AT,
    },
  ],
  EXTERNAL_FORCE_REQUESTED: [
    {
      type: 'EXTERNAL_FORCE_REQUESTED',
      force: 'Neighbouring Constabulary',
      reasons: ['victim-trust'],
      termsOfReference: REASON,
      rationale: RATIONALE,
      at: AT,
    },
    // Passes only where force policy requires an external force (gate.external-referral).
    {
      type: 'EXTERNAL_FORCE_REQUESTED',
      force: 'Neighbouring Constabulary',
      reasons: ['policy-requires'],
      termsOfReference: REASON,
      rationale: RATIONALE,
      at: AT,
    },
  ],
  EXTERNAL_FORCE_RESPONDED: [
    { type: 'EXTERNAL_FORCE_RESPONDED', accepted: true, rationale: RATIONALE, at: AT },
    { type: 'EXTERNAL_FORCE_RESPONDED', accepted: false, rationale: RATIONALE, at: AT },
  ],
  EXTERNAL_PROGRESS_REVIEWED: [
    { type: 'EXTERNAL_PROGRESS_REVIEWED', rationale: RATIONALE, at: AT },
  ],
  REG17_NOTICE_SERVED: [{ type: 'REG17_NOTICE_SERVED', rationale: RATIONALE, at: AT }],
  OFFICER_REPRESENTATIONS_RECEIVED: [
    { type: 'OFFICER_REPRESENTATIONS_RECEIVED', rationale: RATIONALE, at: AT },
  ],
  REPRESENTATIONS_WINDOW_EXTENDED: [
    { type: 'REPRESENTATIONS_WINDOW_EXTENDED', totalWorkingDays: 15, rationale: RATIONALE, at: AT },
  ],
  INTERVIEW_DATE_SET: [
    { type: 'INTERVIEW_DATE_SET', date: '2025-03-20T10:00:00.000Z', rationale: RATIONALE, at: AT },
  ],
  ALTERNATIVE_INTERVIEW_DATE_PROPOSED: [
    {
      type: 'ALTERNATIVE_INTERVIEW_DATE_PROPOSED',
      date: '2025-03-24T10:00:00.000Z',
      rationale: RATIONALE,
      at: AT,
    },
  ],
  INTERVIEW_HELD: [{ type: 'INTERVIEW_HELD', rationale: RATIONALE, at: AT }],
  CONDUCT_PAUSED: [
    {
      type: 'CONDUCT_PAUSED',
      reason: REASON,
      approvedByAppropriateAuthority: true,
      reviewDate: '2025-04-01T09:00:00.000Z',
      rationale: RATIONALE,
      at: AT,
    },
  ],
  CONDUCT_RESUMED: [{ type: 'CONDUCT_RESUMED', rationale: RATIONALE, at: AT }],
  FINAL_REPORT_SUBMITTED: [{ type: 'FINAL_REPORT_SUBMITTED', rationale: RATIONALE, at: AT }],
  OVERRUN_REPORTED: [
    { type: 'OVERRUN_REPORTED', iopcNotified: true, rationale: RATIONALE, at: AT },
  ],
  CRIMINAL_DECISION_RECORDED: [
    { type: 'CRIMINAL_DECISION_RECORDED', decision: 'arrest', rationale: RATIONALE, at: AT },
    {
      type: 'CRIMINAL_DECISION_RECORDED',
      decision: 'no-further-action',
      rationale: RATIONALE,
      at: AT,
    },
  ],
  VICTIM_TOLD_OF_DECISION: [{ type: 'VICTIM_TOLD_OF_DECISION', rationale: RATIONALE, at: AT }],
  VRR_INFO_SENT: [{ type: 'VRR_INFO_SENT', rationale: RATIONALE, at: AT }],
  PROTECTIVE_ORDERS_CONSIDERED: [
    { type: 'PROTECTIVE_ORDERS_CONSIDERED', decision: 'none-needed', rationale: RATIONALE, at: AT },
  ],
  DVPN_SERVED: [{ type: 'DVPN_SERVED', rationale: RATIONALE, at: AT }],
  DVPO_DECIDED: [
    { type: 'DVPO_DECIDED', granted: true, days: 21, rationale: RATIONALE, at: AT },
    { type: 'DVPO_DECIDED', granted: false, rationale: RATIONALE, at: AT },
  ],
  DASH_ASSESSED: [
    { type: 'DASH_ASSESSED', level: 'high', rationale: RATIONALE, at: AT },
    { type: 'DASH_ASSESSED', level: 'standard', rationale: RATIONALE, at: AT },
  ],
  MARAC_REFERRED: [{ type: 'MARAC_REFERRED', rationale: RATIONALE, at: AT }],
  CRIMINAL_CASE_CONCLUDED: [
    { type: 'CRIMINAL_CASE_CONCLUDED', result: 'convicted', rationale: RATIONALE, at: AT },
  ],
  SPOC_ASSIGNED: [{ type: 'SPOC_ASSIGNED', spocId: 'spoc-1', rationale: RATIONALE, at: AT }],
  VICTIM_UPDATE_SENT: [{ type: 'VICTIM_UPDATE_SENT', rationale: RATIONALE, at: AT }],
  HARM_TEST_EXCEPTION_RECORDED: [
    { type: 'HARM_TEST_EXCEPTION_RECORDED', rationale: RATIONALE, at: AT },
  ],
  HARM_TEST_EXCEPTION_ENDED: [{ type: 'HARM_TEST_EXCEPTION_ENDED', rationale: RATIONALE, at: AT }],
  VICTIM_PREFERENCES_RECORDED: [
    { type: 'VICTIM_PREFERENCES_RECORDED', rationale: RATIONALE, at: AT },
  ],
  OIC_CHANGE_REQUESTED: [{ type: 'OIC_CHANGE_REQUESTED', rationale: RATIONALE, at: AT }],
  OIC_CHANGE_DECIDED: [
    { type: 'OIC_CHANGE_DECIDED', granted: false, rationale: RATIONALE, at: AT },
  ],
  VICTIM_TOLD_OUTCOME: [{ type: 'VICTIM_TOLD_OUTCOME', rationale: RATIONALE, at: AT }],
  CASE_TO_ANSWER_DECIDED: [
    {
      type: 'CASE_TO_ANSWER_DECIDED',
      caseToAnswer: true,
      forum: 'hearing',
      rationale: RATIONALE,
      at: AT,
    },
    {
      type: 'CASE_TO_ANSWER_DECIDED',
      caseToAnswer: true,
      forum: 'meeting',
      rationale: RATIONALE,
      at: AT,
    },
    { type: 'CASE_TO_ANSWER_DECIDED', caseToAnswer: false, rationale: RATIONALE, at: AT },
  ],
  DOCUMENTS_SUPPLIED_TO_OFFICER: [
    { type: 'DOCUMENTS_SUPPLIED_TO_OFFICER', rationale: RATIONALE, at: AT },
  ],
  OFFICER_RESPONSE_RECEIVED: [{ type: 'OFFICER_RESPONSE_RECEIVED', rationale: RATIONALE, at: AT }],
  WITNESS_LISTS_SUPPLIED: [{ type: 'WITNESS_LISTS_SUPPLIED', rationale: RATIONALE, at: AT }],
  DOCUMENTS_SENT_TO_CHAIR: [{ type: 'DOCUMENTS_SENT_TO_CHAIR', rationale: RATIONALE, at: AT }],
  PRE_HEARING_HELD: [{ type: 'PRE_HEARING_HELD', rationale: RATIONALE, at: AT }],
  MEETING_OR_HEARING_HELD: [{ type: 'MEETING_OR_HEARING_HELD', rationale: RATIONALE, at: AT }],
  OUTCOME_RECORDED: [
    {
      type: 'OUTCOME_RECORDED',
      outcome: 'written-warning',
      seriousness,
      rationale: RATIONALE,
      at: AT,
    },
  ],
  IOPC_NOTIFIED_OF_OUTCOME: [{ type: 'IOPC_NOTIFIED_OF_OUTCOME', rationale: RATIONALE, at: AT }],
  BOARD_REVIEW_HELD: [{ type: 'BOARD_REVIEW_HELD', rationale: RATIONALE, at: AT }],
  CASE_CLOSED: [{ type: 'CASE_CLOSED', rationale: RATIONALE, at: AT }],
  SUSPENSION_NOT_REQUIRED: [
    {
      type: 'SUSPENSION_NOT_REQUIRED',
      neitherConditionHolds: {
        investigationNotPrejudiced: REASON,
        publicInterestDoesNotRequire: REASON,
      },
      exceptionalCircumstances: REASON,
      rationale: RATIONALE,
      at: AT,
    },
  ],
  VETTING_REFERRED: [{ type: 'VETTING_REFERRED', rationale: RATIONALE, at: AT }],
  VETTING_NOTICE_SERVED: [{ type: 'VETTING_NOTICE_SERVED', rationale: RATIONALE, at: AT }],
  VETTING_REPRESENTATIONS_RECEIVED: [
    { type: 'VETTING_REPRESENTATIONS_RECEIVED', rationale: RATIONALE, at: AT },
  ],
  VETTING_OUTCOME_DECIDED: [
    { type: 'VETTING_OUTCOME_DECIDED', withdrawn: true, rationale: RATIONALE, at: AT },
    { type: 'VETTING_OUTCOME_DECIDED', withdrawn: false, rationale: RATIONALE, at: AT },
  ],
  VETTING_APPEAL_LODGED: [{ type: 'VETTING_APPEAL_LODGED', rationale: RATIONALE, at: AT }],
  VETTING_APPEAL_DECIDED: [
    { type: 'VETTING_APPEAL_DECIDED', upheld: false, rationale: RATIONALE, at: AT },
  ],
};

/** The first sample of a type whose fields equal `where`, e.g. `sample('SUSPENDED', { oral: true })`. */
export function sample<K extends TDecisionType>(
  type: K,
  where: Partial<TEventOf<K>> = {},
): TEventOf<K> {
  const found = SAMPLES[type].find((event) =>
    Object.entries(where).every(
      ([field, value]) => (event as Record<string, unknown>)[field] === value,
    ),
  );
  if (!found) throw new Error(`no ${type} sample with ${JSON.stringify(where)}`);
  return found;
}

/** Events each gate must refuse wherever the case offers their type, by gate id. */
export const FAILING: readonly { gate: TGateId; event: TCaseEvent }[] = [
  {
    gate: 'gate.recording',
    event: {
      type: 'MATTER_RECORDED',
      asConductMatter: false,
      asComplaint: false,
      rationale: RATIONALE,
      at: AT,
    },
  },
  {
    gate: 'gate.not-referred',
    event: {
      type: 'IOPC_REFERRAL_DECIDED',
      referred: false,
      criteriaRationale: { 'serious-assault': RATIONALE },
      rationale: RATIONALE,
      at: AT,
    },
  },
  {
    gate: 'gate.suspension',
    event: {
      type: 'SUSPENDED',
      oral: true,
      redeployment: { considered: true, rejectedBecause: REASON },
      grounds: {},
      rationale: RATIONALE,
      at: AT,
    },
  },
  {
    gate: 'gate.suspension',
    event: {
      type: 'SUSPENDED',
      oral: false,
      grounds: { publicInterest: REASON },
      rationale: RATIONALE,
      at: AT,
    },
  },
  {
    // Two months after the date set (the samples set 20 Mar 2025): outside CondR reg 20(5).
    gate: 'gate.interview-alternative-date',
    event: {
      type: 'ALTERNATIVE_INTERVIEW_DATE_PROPOSED',
      date: '2025-05-20T10:00:00.000Z',
      rationale: RATIONALE,
      at: AT,
    },
  },
  {
    gate: 'gate.investigator-independence',
    event: {
      type: 'INVESTIGATOR_APPOINTED',
      investigatorId: 'inv-2',
      declaration: { signed: false, statement: REASON },
      rationale: RATIONALE,
      at: AT,
    },
  },
  {
    gate: 'gate.conduct-pause',
    event: {
      type: 'CONDUCT_PAUSED',
      reason: REASON,
      approvedByAppropriateAuthority: false,
      reviewDate: '2025-04-01T09:00:00.000Z',
      rationale: RATIONALE,
      at: AT,
    },
  },
  {
    gate: 'gate.conduct-pause',
    event: {
      type: 'CONDUCT_PAUSED',
      reason: REASON,
      approvedByAppropriateAuthority: true,
      reviewDate: '2025-03-01T09:00:00.000Z',
      rationale: RATIONALE,
      at: AT,
    },
  },
  {
    gate: 'gate.outcome',
    event: {
      type: 'OUTCOME_RECORDED',
      outcome: 'final-written-warning',
      rationale: RATIONALE,
      at: AT,
    },
  },
];
