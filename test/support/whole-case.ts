import { decisionRightFor } from '@ppda/access';

/** Who takes a step: the case's AA, its Head of PSD, or the owner (PSD, victim, criminal). */
export type TDecider = 'appropriate-authority' | 'head-of-psd' | 'owner';

export interface TWholeCaseStep {
  /** When, as a date of a case reported on 2025-03-03 at 10:00 (moved with the report). */
  at: string;
  decision: Record<string, unknown>;
}

const WHOLE_CASE_REPORTED_AT = '2025-03-03T10:00:00Z';

const SERIOUSNESS = {
  culpability: 'Deliberate conduct by an experienced officer.',
  harm: 'Physical and psychological harm to the victim; public confidence harmed.',
  aggravating: ['abuse of position'],
  mitigating: ['admissions at interview'],
};

/**
 * A case from recording to closure, every region through its statutory steps: the decisions
 * a real case takes, dated from a report on 2025-03-03 (a serious assault, so referred).
 * `investigatorId` is appointed.
 */
export function wholeCase(investigatorId: string): TWholeCaseStep[] {
  const declaration = {
    signed: true,
    statement: 'I have no prior connection to anyone involved.',
  };
  return [
    {
      at: '2025-03-03T11:00:00Z',
      decision: { type: 'MATTER_RECORDED', asConductMatter: true, asComplaint: true },
    },
    { at: '2025-03-03T12:00:00Z', decision: { type: 'IOPC_REFERRAL_DECIDED', referred: true } },
    {
      at: '2025-03-04T10:00:00Z',
      decision: { type: 'SEVERITY_ASSESSED', level: 'gross-misconduct' },
    },
    // Not suspended, with reasons why neither condition holds: required for conduct on or
    // after 13 July 2026 (CondR reg 11 as substituted), recorded under either law.
    {
      at: '2025-03-04T10:30:00Z',
      decision: {
        type: 'SUSPENSION_NOT_REQUIRED',
        neitherConditionHolds: {
          investigationNotPrejudiced: 'The evidence is secured and the victim is safeguarded.',
          publicInterestDoesNotRequire: 'Restricted duties away from the public meet the risk.',
        },
      },
    },
    {
      at: '2025-03-04T11:00:00Z',
      decision: { type: 'RESTRICTED', restrictions: ['no contact with the public'] },
    },
    {
      at: '2025-03-05T10:00:00Z',
      decision: { type: 'INVESTIGATOR_APPOINTED', investigatorId, declaration },
    },
    { at: '2025-03-06T10:00:00Z', decision: { type: 'IOPC_MODE_DECIDED', mode: 'directed' } },
    {
      at: '2025-03-06T11:00:00Z',
      decision: { type: 'CRIMINAL_DECISION_RECORDED', decision: 'arrest' },
    },
    { at: '2025-03-06T15:00:00Z', decision: { type: 'VICTIM_TOLD_OF_DECISION' } },
    { at: '2025-03-06T16:00:00Z', decision: { type: 'DASH_ASSESSED', level: 'high' } },
    { at: '2025-03-07T10:00:00Z', decision: { type: 'MARAC_REFERRED' } },
    {
      at: '2025-03-07T11:00:00Z',
      decision: { type: 'PROTECTIVE_ORDERS_CONSIDERED', decision: 'none-needed' },
    },
    { at: '2025-03-10T10:00:00Z', decision: { type: 'REG17_NOTICE_SERVED' } },
    { at: '2025-03-14T10:00:00Z', decision: { type: 'OFFICER_REPRESENTATIONS_RECEIVED' } },
    {
      at: '2025-03-20T10:00:00Z',
      decision: { type: 'INTERVIEW_DATE_SET', date: '2025-04-01T10:00:00Z' },
    },
    {
      at: '2025-03-21T10:00:00Z',
      decision: { type: 'ALTERNATIVE_INTERVIEW_DATE_PROPOSED', date: '2025-04-02T10:00:00Z' },
    },
    { at: '2025-04-02T12:00:00Z', decision: { type: 'INTERVIEW_HELD' } },
    { at: '2025-04-10T10:00:00Z', decision: { type: 'FINAL_REPORT_SUBMITTED' } },
    {
      at: '2025-04-14T10:00:00Z',
      decision: { type: 'CASE_TO_ANSWER_DECIDED', caseToAnswer: true, forum: 'meeting' },
    },
    { at: '2025-04-15T10:00:00Z', decision: { type: 'DOCUMENTS_SUPPLIED_TO_OFFICER' } },
    { at: '2025-04-25T10:00:00Z', decision: { type: 'OFFICER_RESPONSE_RECEIVED' } },
    { at: '2025-04-28T10:00:00Z', decision: { type: 'WITNESS_LISTS_SUPPLIED' } },
    { at: '2025-05-08T10:00:00Z', decision: { type: 'MEETING_OR_HEARING_HELD' } },
    {
      at: '2025-05-08T16:00:00Z',
      decision: {
        type: 'OUTCOME_RECORDED',
        outcome: 'final-written-warning',
        seriousness: SERIOUSNESS,
      },
    },
    { at: '2025-05-09T11:00:00Z', decision: { type: 'VICTIM_TOLD_OUTCOME' } },
    { at: '2025-05-09T12:00:00Z', decision: { type: 'IOPC_NOTIFIED_OF_OUTCOME' } },
    { at: '2025-05-09T13:00:00Z', decision: { type: 'RESTRICTION_LIFTED' } },
    { at: '2025-05-12T10:00:00Z', decision: { type: 'CASE_CLOSED' } },
  ];
}

/** Who takes a decision of this type on a case: by its decision right. */
export function deciderOf(type: string): TDecider {
  switch (decisionRightFor(type)) {
    case 'appropriate-authority':
      return 'appropriate-authority';
    case 'head-of-psd-or-above':
      return 'head-of-psd';
    default:
      return 'owner';
  }
}

/** A date of the 2025 script moved by as much as `reportedAt` is after its report. */
export function movedTo(reportedAt: string): (iso: string) => string {
  const shift = Date.parse(reportedAt) - Date.parse(WHOLE_CASE_REPORTED_AT);
  return (iso) => new Date(Date.parse(iso) + shift).toISOString();
}
