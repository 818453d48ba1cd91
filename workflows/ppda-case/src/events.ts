import { z } from 'zod';
import { ZCaseLaw } from './case-law.ts';

/** IOPC referral criteria (CMR regs 4 and 7); `gate.not-referred` needs a rationale for each. */
export const REFERRAL_CRITERIA = [
  'serious-assault',
  'serious-sexual-offence',
  'serious-corruption',
  'discrimination-aggravated',
  'relevant-offence',
  'gravity-or-exceptional-circumstances',
  'chief-officer',
  'same-incident',
] as const;
export const ZReferralCriterion = z.enum(REFERRAL_CRITERIA);
export type TReferralCriterion = z.infer<typeof ZReferralCriterion>;

export const CRIMINAL_KEY_DECISIONS = [
  'arrest',
  'interview',
  'release',
  'bail',
  'released-under-investigation',
  'no-further-action',
  'charge',
] as const;

const ZRationale = z.string().trim().min(10, 'a rationale of at least 10 characters');
const ZReason = z.string().trim().min(10, 'a reason of at least 10 characters');
const ZDate = z.iso.datetime({ offset: true });

/** Facts about the subject the process depends on; worked out from the directory at report. */
export const ZSubjectProfile = z.object({
  /**
   * The chief officer (the force's chief constable): the PCC is the appropriate authority
   * (`gate.appropriate-authority`), and CMR reg 7(1)(g) makes the matter a mandatory referral,
   * which the machine applies at report.
   */
  isChiefOfficer: z.boolean().default(false),
  /** Why force policy requires an external investigation, if it does (`gate.external-referral`). */
  externalForceRequiredBecause: z.string().nullable().default(null),
});
export type TSubjectProfile = z.infer<typeof ZSubjectProfile>;

/** What a case starts from: facts only, no names (names live apart, never here). */
export const ZCaseInput = z.object({
  reference: z.string(),
  receivedAt: ZDate,
  /** Criteria it is already clear the matter meets; starts `iopc.referral` at receipt. */
  referralCriteriaMet: z.array(ZReferralCriterion).default([]),
  subject: ZSubjectProfile.default({ isChiefOfficer: false, externalForceRequiredBecause: null }),
  /** Domestic abuse victims have enhanced rights under the Victims' Code (1 WD notices). */
  victimHasEnhancedRights: z.boolean().default(true),
  /**
   * The law the case runs (`case-law.ts`): its conduct date with its source, and the rule
   * versions the pack gave for it at report. The engine always records it; without it (unit
   * tests) the conduct date is taken as the day received and no dated provision runs.
   */
  law: ZCaseLaw.optional(),
});
export type TCaseInput = z.input<typeof ZCaseInput>;

/**
 * `refer-to-vetting`: "the matter should be referred to be dealt with under the Vetting
 * Regulations" (CondR reg 14(2)(aa), SI 2025/558 reg 9); `gate.severity-vetting` decides
 * where it may be chosen.
 */
const SEVERITY_LEVELS = [
  'no-misconduct',
  'misconduct',
  'gross-misconduct',
  'refer-to-vetting',
] as const;
const ZSeverityLevel = z.enum(SEVERITY_LEVELS);
export type TSeverityLevel = z.infer<typeof ZSeverityLevel>;

const decision = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), rationale: ZRationale, ...shape });

/** Decisions a person records, each with its rationale. `at` is stamped by the engine. */
export const ZDecision = z.discriminatedUnion('type', [
  // Intake and IOPC referral
  decision('MATTER_RECORDED', {
    asConductMatter: z.boolean(),
    asComplaint: z.boolean(),
    /**
     * Handled under Schedule 3 to the Police Reform Act 2002 (CMR), the usual PPDA route; a
     * complaint always is. False: a conduct matter under CondR alone (NON_SCH3). Omitted: true.
     */
    underSchedule3: z.boolean().optional(),
  }),
  decision('REFERRAL_CRITERION_IDENTIFIED', { criteria: z.array(ZReferralCriterion).min(1) }),
  /** The screening duty: which criteria apply, or (none) that none does; the rationale says why. */
  decision('REFERRAL_SCREENED', { criteria: z.array(ZReferralCriterion).default([]) }),
  decision('IOPC_REFERRAL_DECIDED', {
    referred: z.boolean(),
    /** Required for "not referred": a rationale against every criterion. */
    criteriaRationale: z.partialRecord(ZReferralCriterion, ZRationale).default({}),
  }),
  decision('IOPC_MODE_DECIDED', {
    mode: z.enum(['local', 'directed', 'independent', 'returned-to-force']),
  }),
  decision('IOPC_CALLED_IN', {}),
  // Severity
  decision('SEVERITY_ASSESSED', { level: ZSeverityLevel }),
  decision('SEVERITY_REVISED', {
    level: ZSeverityLevel,
    newEvidence: ZReason,
    /** Re-checked on every revision; any met restarts `iopc.referral` from the revision. */
    referralCriteriaMet: z.array(ZReferralCriterion).default([]),
  }),
  // Suspension and restriction
  decision('SUSPENDED', {
    oral: z.boolean(),
    // Shape only: whether redeployment was considered and rejected with a reason is a fact
    // `gate.suspension` judges (422 naming what is missing), not a schema error.
    redeployment: z
      .object({ considered: z.boolean(), rejectedBecause: z.string().trim().optional() })
      .optional(),
    grounds: z.object({
      investigationMayBePrejudiced: ZReason.optional(),
      publicInterest: ZReason.optional(),
    }),
  }),
  /**
   * Not suspended. For conduct on or after 13 July 2026 (CondR reg 11 as substituted) it needs
   * reasons why neither condition holds, and after an arrest for a listed offence (reg 11C) the
   * exceptional circumstances; `gate.suspension` judges both (422), not the schema.
   */
  decision('SUSPENSION_NOT_REQUIRED', {
    neitherConditionHolds: z
      .object({
        investigationNotPrejudiced: z.string().trim().optional(),
        publicInterestDoesNotRequire: z.string().trim().optional(),
      })
      .optional(),
    exceptionalCircumstances: z.string().trim().optional(),
  }),
  decision('SUSPENSION_CONFIRMED_IN_WRITING', {}),
  decision('SUSPENSION_REPRESENTATIONS_RECEIVED', {}),
  decision('SUSPENSION_REVIEWED', {}),
  decision('SUSPENSION_LIFTED', {}),
  decision('RESTRICTED', { restrictions: z.array(z.string().min(3)).min(1) }),
  decision('RESTRICTION_REVIEWED', {}),
  decision('RESTRICTION_LIFTED', {}),
  decision('NO_RESTRICTION_DECIDED', {}),
  // Investigator appointment
  decision('INVESTIGATOR_APPOINTED', {
    investigatorId: z.string().min(1),
    declaration: z.object({ signed: z.boolean(), statement: ZReason }),
  }),
  decision('EXTERNAL_FORCE_REQUESTED', {
    force: z.string().min(2),
    reasons: z
      .array(z.enum(['policy-requires', 'no-independent-investigator', 'victim-trust']))
      .min(1),
    termsOfReference: ZReason,
  }),
  decision('EXTERNAL_FORCE_RESPONDED', { accepted: z.boolean() }),
  decision('EXTERNAL_PROGRESS_REVIEWED', {}),
  // Conduct investigation
  decision('REG17_NOTICE_SERVED', {}),
  decision('OFFICER_REPRESENTATIONS_RECEIVED', {}),
  decision('REPRESENTATIONS_WINDOW_EXTENDED', {
    /** The whole window, in working days from service of the notice (more than 10). */
    totalWorkingDays: z.number().int().min(11).max(60),
  }),
  decision('INTERVIEW_DATE_SET', { date: ZDate }),
  decision('ALTERNATIVE_INTERVIEW_DATE_PROPOSED', { date: ZDate }),
  decision('INTERVIEW_HELD', {}),
  decision('CONDUCT_PAUSED', {
    reason: ZReason,
    approvedByAppropriateAuthority: z.boolean(),
    reviewDate: ZDate,
  }),
  decision('CONDUCT_RESUMED', {}),
  decision('FINAL_REPORT_SUBMITTED', {}),
  decision('OVERRUN_REPORTED', {
    iopcNotified: z.literal(true),
    /** Omitted: the PCC was sent the report. Given: why sending it would prejudice. */
    pccExemptBecausePrejudicial: ZReason.optional(),
  }),
  // Criminal track and safeguarding
  decision('CRIMINAL_DECISION_RECORDED', {
    decision: z.enum(CRIMINAL_KEY_DECISIONS),
    /** The offence (an arrest names it): checked against the pack's listed offences (reg 11C). */
    offence: z.string().trim().min(3).optional(),
  }),
  decision('VICTIM_TOLD_OF_DECISION', {}),
  decision('VRR_INFO_SENT', {}),
  decision('PROTECTIVE_ORDERS_CONSIDERED', { decision: z.enum(['dvpn', 'none-needed']) }),
  decision('DVPN_SERVED', {}),
  decision('DVPO_DECIDED', {
    granted: z.boolean(),
    /** A DVPO lasts 14 to 28 days (Crime and Security Act 2010 s28). */
    days: z.number().int().min(14).max(28).optional(),
  }),
  decision('DASH_ASSESSED', { level: z.enum(['standard', 'medium', 'high']) }),
  decision('MARAC_REFERRED', {}),
  decision('CRIMINAL_CASE_CONCLUDED', { result: z.string().min(3) }),
  // Victim engagement
  decision('SPOC_ASSIGNED', { spocId: z.string().min(1) }),
  decision('VICTIM_UPDATE_SENT', {}),
  decision('HARM_TEST_EXCEPTION_RECORDED', {}),
  decision('HARM_TEST_EXCEPTION_ENDED', {}),
  decision('VICTIM_PREFERENCES_RECORDED', {}),
  decision('OIC_CHANGE_REQUESTED', {}),
  decision('OIC_CHANGE_DECIDED', { granted: z.boolean() }),
  decision('VICTIM_TOLD_OUTCOME', {}),
  // Decision and proceedings
  decision('CASE_TO_ANSWER_DECIDED', {
    caseToAnswer: z.boolean(),
    forum: z.enum(['meeting', 'hearing']).optional(),
  }),
  decision('DOCUMENTS_SUPPLIED_TO_OFFICER', {
    /**
     * A misconduct meeting's date and time when it is fixed with the documents (CondR 34, the
     * timing of the meeting; CondR 35, "Notice of misconduct proceedings and panel": its heading
     * seen, its text not checked here). Optional: a hearing's date is fixed at its pre-hearing.
     */
    date: ZDate.optional(),
  }),
  decision('OFFICER_RESPONSE_RECEIVED', {}),
  decision('WITNESS_LISTS_SUPPLIED', {}),
  decision('DOCUMENTS_SENT_TO_CHAIR', {}),
  decision('PRE_HEARING_HELD', {
    /**
     * The misconduct hearing's date and time, fixed at or after the pre-hearing (CondR 33 gives
     * the pre-hearing's own notice of date, time and place; the hearing's notice: CondR 35).
     */
    date: ZDate.optional(),
  }),
  decision('MEETING_OR_HEARING_HELD', {}),
  decision('OUTCOME_RECORDED', {
    outcome: z.enum([
      'no-case-to-answer',
      'no-further-action',
      'reflective-practice',
      'management-advice',
      'written-warning',
      'final-written-warning',
      'reduction-in-rank',
      'dismissal-without-notice',
    ]),
    seriousness: z
      .object({
        culpability: ZReason,
        harm: ZReason,
        aggravating: z.array(z.string().min(3)),
        mitigating: z.array(z.string().min(3)),
      })
      .optional(),
  }),
  decision('IOPC_NOTIFIED_OF_OUTCOME', {}),
  // The vetting route (Police (Vetting) Regulations 2025): beside the conduct case.
  decision('VETTING_REFERRED', {}),
  decision('VETTING_NOTICE_SERVED', {}),
  decision('VETTING_REPRESENTATIONS_RECEIVED', {}),
  /** Withdrawn: the officer is dismissed without notice. */
  decision('VETTING_OUTCOME_DECIDED', { withdrawn: z.boolean() }),
  decision('VETTING_APPEAL_LODGED', {}),
  /** Upheld: the withdrawal is overturned and clearance restored. */
  decision('VETTING_APPEAL_DECIDED', { upheld: z.boolean() }),
  // Oversight and closure
  decision('BOARD_REVIEW_HELD', {}),
  decision('CASE_CLOSED', {}),
]);
export type TDecision = z.infer<typeof ZDecision>;
export type TDecisionType = TDecision['type'];
export const DECISION_TYPES = ZDecision.options.map((option) => option.shape.type.value);

/** A rung of a running clock firing; sent by the engine's timer worker. */
export interface TClockRungEvent {
  type: 'CLOCK_RUNG';
  ruleId: string;
  rung: number;
  kind: 'reminder' | 'due' | 'escalation';
}

/**
 * Facts the engine establishes from the directory before the machine sees a decision, never
 * taken from the request (`ZDecision` strips unknown keys).
 */
export interface TCheckedFacts {
  /** An appointed investigator serves in a force other than the subject's. */
  investigatorFromAnotherForce?: boolean;
}

export type TCaseEvent = (TDecision | TClockRungEvent) & { at: string; checked?: TCheckedFacts };
export type TEventOf<T extends TCaseEvent['type']> = Extract<TCaseEvent, { type: T }>;

/**
 * Raised by the machine itself (never accepted from outside: the API parses `ZDecision`), so
 * that a region reacts only when another region accepted the decision.
 */
export type TInternalEvent = { at: string } & (
  | {
      type: '$SEVERITY_REVISED';
      level: TSeverityLevel;
      referralCriteriaMet: TReferralCriterion[];
    }
  | {
      type: '$SEVERITY_ASSESSED';
      level: TSeverityLevel;
    }
  | { type: '$INVESTIGATION_STARTED' }
  | { type: '$REPORT_RECEIVED' }
  | { type: '$OUTCOME_READY' }
  | { type: '$FINAL_OUTCOME_TOLD' }
  | { type: '$VETTING_WITHDRAWN' }
);
