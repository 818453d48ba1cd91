import { z } from 'zod';

/** IOPC referral criteria (CMR reg 4 / 7); `gate.not-referred` needs a rationale for each. */
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

const ZRationale = z.string().trim().min(10, 'a rationale of at least 10 characters');

/** What a case starts from: facts only, no names (names live apart, never here). */
export const ZCaseInput = z.object({
  reference: z.string(),
  receivedAt: z.iso.datetime({ offset: true }),
  /** Criteria it is already clear the matter meets; starts `iopc.referral` at receipt. */
  referralCriteriaMet: z.array(ZReferralCriterion).default([]),
});
export type TCaseInput = z.infer<typeof ZCaseInput>;

/** Decisions a person records. `at` is stamped by the engine from its clock. */
export const ZDecision = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('MATTER_RECORDED'),
    asConductMatter: z.boolean(),
    asComplaint: z.boolean(),
    rationale: ZRationale,
  }),
  z.object({
    type: z.literal('REFERRAL_CRITERION_IDENTIFIED'),
    criteria: z.array(ZReferralCriterion).min(1),
    rationale: ZRationale,
  }),
  z.object({
    type: z.literal('IOPC_REFERRAL_DECIDED'),
    referred: z.boolean(),
    rationale: ZRationale,
    /** Required for "not referred": a rationale against every criterion. */
    criteriaRationale: z.partialRecord(ZReferralCriterion, ZRationale).default({}),
  }),
  z.object({
    type: z.literal('SEVERITY_ASSESSED'),
    level: z.enum(['no-misconduct', 'misconduct', 'gross-misconduct']),
    rationale: ZRationale,
  }),
]);
export type TDecision = z.infer<typeof ZDecision>;
export type TDecisionType = TDecision['type'];

/** A rung of a running clock firing; sent by the engine's timer worker. */
export interface TClockRungEvent {
  type: 'CLOCK_RUNG';
  ruleId: string;
  rung: number;
  kind: 'reminder' | 'due' | 'escalation';
}

export type TCaseEvent = (TDecision | TClockRungEvent) & { at: string };
