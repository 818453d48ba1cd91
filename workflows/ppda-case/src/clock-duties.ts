import type { TDecisionType } from './events.ts';

/**
 * The decision that meets each clock: whoever may take it (the decision-rights table in
 * `@ppda/access`) owes the clock, so its task, reminder and due notice go to them. One source:
 * the machine's states say which clocks run, this table says which decision ends each, and
 * the rights table says who may take that decision. A state may name another decision for a
 * clock it runs (`{ rule, duty }` in `meta.clocks`: a restriction's review is the Head of PSD's).
 * Windows the officer holds (representations, an alternative interview date) and clocks a
 * court or chair meets are owed by whoever records their outcome (PSD, the case owner).
 *
 * Where rules.md's "who acts" column names someone the rights table does not, the table
 * decides (one source): `iopc.referral` ("AA / PSD") is the AA's, `victim.outcome-notice`
 * ("AA") the SPOC's (victim liaison), `proceedings.witness-lists` ("officer; AA") PSD's, the
 * owner's; the AA may record each of these too.
 */
export const CLOCK_DUTIES = {
  'record.decision': 'MATTER_RECORDED',
  'referral.screening': 'REFERRAL_SCREENED',
  'iopc.referral': 'IOPC_REFERRAL_DECIDED',
  'severity.assessment': 'SEVERITY_ASSESSED',
  'suspension.confirm-in-writing': 'SUSPENSION_CONFIRMED_IN_WRITING',
  'suspension.representations': 'SUSPENSION_REPRESENTATIONS_RECEIVED',
  'suspension.review': 'SUSPENSION_REVIEWED',
  // Met by SUSPENDED or SUSPENSION_NOT_REQUIRED: both the AA's.
  'suspension.decision': 'SUSPENDED',
  'investigator.appointment': 'INVESTIGATOR_APPOINTED',
  'reg17.notice': 'REG17_NOTICE_SERVED',
  'officer.representations': 'OFFICER_REPRESENTATIONS_RECEIVED',
  'interview.alternative-date': 'ALTERNATIVE_INTERVIEW_DATE_PROPOSED',
  'investigation.overrun-report': 'OVERRUN_REPORTED',
  'victim.progress-update': 'VICTIM_UPDATE_SENT',
  'victim.outcome-notice': 'VICTIM_TOLD_OUTCOME',
  'victim.key-decision': 'VICTIM_TOLD_OF_DECISION',
  'victim.vrr-info': 'VRR_INFO_SENT',
  'dvpn.hearing': 'DVPO_DECIDED',
  // At expiry a fresh notice (or the DASH re-assessment it prompts): the criminal track's.
  'dvpo.expiry': 'DVPN_SERVED',
  'marac.referral': 'MARAC_REFERRED',
  'external.response': 'EXTERNAL_FORCE_RESPONDED',
  'external.progress-review': 'EXTERNAL_PROGRESS_REVIEWED',
  'conduct-pause.review': 'CONDUCT_RESUMED',
  'case-to-answer.decision': 'CASE_TO_ANSWER_DECIDED',
  'proceedings.response': 'OFFICER_RESPONSE_RECEIVED',
  'proceedings.witness-lists': 'WITNESS_LISTS_SUPPLIED',
  'proceedings.prehearing': 'PRE_HEARING_HELD',
  'proceedings.meeting': 'MEETING_OR_HEARING_HELD',
  'oversight.board-review': 'BOARD_REVIEW_HELD',
  'vetting.referral': 'VETTING_REFERRED',
  'vetting.notice': 'VETTING_NOTICE_SERVED',
  'vetting.representations': 'VETTING_REPRESENTATIONS_RECEIVED',
  'vetting.outcome': 'VETTING_OUTCOME_DECIDED',
  'vetting.appeal': 'VETTING_APPEAL_LODGED',
} as const satisfies Record<string, TDecisionType>;

/** The decision that meets `ruleId` (a rule a force adds without a duty: the owner's). */
export function clockDutyOf(ruleId: string): TDecisionType | undefined {
  return (CLOCK_DUTIES as Record<string, TDecisionType>)[ruleId];
}
