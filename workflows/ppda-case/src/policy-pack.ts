import { type TDuration, ZDuration } from '@ppda/calendar';
import { ZRecipientRole } from '@ppda/domain';
import { z } from 'zod';
import { COUNTINGS_BY_UNIT, ZCounting } from './counting.ts';

/** When a rung of a clock's ladder fires, relative to the clock's due instant. */
export const ZRungSpec = z.object({
  kind: z.enum(['reminder', 'due', 'escalation']),
  /** Working days from due: -2 is "2 WD before", 0 "at due", +1 "due + 1 WD". */
  workingDaysFromDue: z.number().int().min(-20).max(20),
  notify: z.array(ZRecipientRole).min(1),
});
export type TRungSpec = z.infer<typeof ZRungSpec>;

export const ZRule = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'dotted lowercase id, e.g. iopc.referral'),
    title: z.string().min(1),
    /** Statute rules can only be tightened by a force; policy rules can be changed. */
    kind: z.enum(['statute', 'policy']),
    source: z.string().min(1),
    anchor: z.string().min(1),
    actor: z.string().min(1),
    duration: ZDuration,
    /** How the source counts the period: whether the anchor's day is its first (`counting.ts`). */
    counting: ZCounting,
    /** Explicit ladder; omitted means the default ladder of rules.md. */
    ladder: z.array(ZRungSpec).min(1).optional(),
    /** Whether a state may pause this clock (e.g. a conduct investigation paused by the AA). */
    pausable: z.boolean().default(false),
  })
  .refine(
    (rule) => (COUNTINGS_BY_UNIT[rule.duration.unit] as readonly string[]).includes(rule.counting),
    { path: ['counting'], message: 'this counting does not apply to the duration unit' },
  );
export type TRule = z.infer<typeof ZRule>;
export type TRuleInput = z.input<typeof ZRule>;

export const ZPolicyPack = z
  .object({
    version: z.string().min(1),
    rules: z.array(ZRule).min(1),
  })
  .superRefine((pack, ctx) => {
    const seen = new Set<string>();
    pack.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'id'],
          message: `duplicate rule id ${rule.id}`,
        });
      }
      seen.add(rule.id);
    });
  });
export type TPolicyPack = z.infer<typeof ZPolicyPack>;

/** A window the officer (or a court) holds: at its end the case owner is told it closed. */
const windowLadder = [{ kind: 'due', workingDaysFromDue: 0, notify: ['case-owner'] }] as const;

const wd = (amount: number): TDuration => ({ amount, unit: 'working-days' });
const days = (amount: number): TDuration => ({ amount, unit: 'calendar-days' });
const weeks = (amount: number): TDuration => ({ amount, unit: 'weeks' });

const CondR = 'Police (Conduct) Regulations 2020';
const CMR = 'Police (Complaints and Misconduct) Regulations 2020';

/** The rules of ../shared/domain/rules.md as data, each with its source. */
export const defaultPolicyPack: TPolicyPack = ZPolicyPack.parse({
  version: '2025.1',
  rules: [
    {
      id: 'record.decision',
      title: 'Record the allegation as a conduct matter and/or complaint',
      kind: 'policy',
      source: 'Force policy; Police Reform Act 2002 s12(2)',
      anchor: 'allegation received',
      actor: 'PSD',
      duration: wd(1),
      counting: 'from-next-working-day',
    },
    {
      id: 'iopc.referral',
      title: 'Refer to the IOPC (or record why not)',
      kind: 'statute',
      // Counted as rules.md states it (end of the following day); the time limit's own wording
      // is not in the stored regulation text read for this change.
      source: `${CMR} regs 4 and 7 (reg 7(1)(g): conduct of a chief officer)`,
      anchor: 'it becomes clear the matter meets a referral criterion',
      actor: 'AA / PSD',
      duration: days(1),
      counting: 'from-next-day',
    },
    {
      id: 'referral.screening',
      title: 'Screen the matter against the IOPC referral criteria (or record that none applies)',
      kind: 'policy',
      source: `Force policy; ${CMR} regs 4 and 7 (a referral is due once a criterion is met)`,
      anchor: 'matter recorded with no referral criterion identified',
      actor: 'PSD → AA',
      duration: wd(2),
      counting: 'from-next-working-day',
    },
    {
      id: 'severity.assessment',
      title: 'Assess severity',
      kind: 'policy',
      source: `${CMR} regs 16-19; ${CondR} reg 14`,
      anchor: 'matter recorded',
      actor: 'AA',
      duration: wd(2),
      counting: 'from-next-working-day',
    },
    {
      id: 'suspension.confirm-in-writing',
      title: 'Confirm an oral suspension in writing',
      kind: 'statute',
      source: `${CondR} reg 11`,
      anchor: 'oral suspension',
      actor: 'AA',
      duration: wd(3),
      counting: 'from-next-working-day',
    },
    {
      id: 'suspension.representations',
      title: "Officer's representations on suspension",
      kind: 'statute',
      source: `${CondR} reg 11`,
      anchor: 'suspension notified',
      actor: 'officer → AA',
      duration: wd(7),
      counting: 'from-next-working-day',
      ladder: windowLadder,
    },
    {
      id: 'suspension.review',
      title: 'Review the suspension or restriction',
      kind: 'statute',
      source: `${CondR} reg 11; Home Office guidance`,
      anchor: 'suspension or restriction, then each review',
      actor: 'AA (suspension) / Head of PSD (restriction)',
      duration: weeks(4),
      counting: 'from-next-day',
    },
    {
      id: 'investigator.appointment',
      title: 'Appoint an independent investigator',
      kind: 'policy',
      source: `${CondR} reg 15; ${CMR} reg 12`,
      anchor: 'decision to investigate',
      actor: 'AA',
      duration: wd(2),
      counting: 'from-next-working-day',
    },
    {
      id: 'reg17.notice',
      title: 'Serve the reg 17 notice of investigation',
      kind: 'policy',
      source: `${CondR} reg 17; ${CMR} reg 17`,
      anchor: 'investigator appointed',
      actor: 'investigator',
      duration: wd(5),
      counting: 'from-next-working-day',
      pausable: true,
    },
    {
      id: 'officer.representations',
      title: "Officer's representations window",
      kind: 'statute',
      source: `${CMR} reg 20; ${CondR} reg 18`,
      anchor: 'reg 17 notice served',
      actor: 'officer',
      duration: wd(10),
      counting: 'from-next-working-day',
      ladder: windowLadder,
    },
    {
      id: 'interview.alternative-date',
      title: 'Officer may propose an alternative interview date',
      kind: 'statute',
      source: `${CondR} reg 20(5): "before the end of the period of 5 working days beginning with the first working day after the day specified by the investigator"`,
      anchor: 'the interview date the investigator specified (not the day it was set)',
      actor: 'officer',
      duration: wd(5),
      counting: 'from-next-working-day',
      ladder: windowLadder,
    },
    {
      id: 'investigation.overrun-report',
      title: 'Report an investigation open 12 months (then every 6 months)',
      kind: 'statute',
      source: `${CMR} reg 13; ${CondR} reg 19`,
      anchor: 'matter came to attention / complaint made',
      actor: 'AA',
      duration: { amount: 12, unit: 'months' },
      counting: 'from-next-day',
    },
    {
      id: 'victim.progress-update',
      title: 'Update the victim on progress',
      kind: 'statute',
      source: `${CMR} regs 34-35`,
      anchor: 'handling starts, then each update sent',
      actor: 'victim SPOC / AA',
      duration: days(28),
      counting: 'from-next-day',
    },
    {
      id: 'victim.outcome-notice',
      title: 'Tell the victim the outcome',
      kind: 'statute',
      source: `${CMR} reg 34`,
      anchor: 'any outcome',
      actor: 'AA',
      duration: wd(5),
      counting: 'from-next-working-day',
    },
    {
      id: 'victim.key-decision',
      title: 'Tell the victim of a key criminal decision',
      kind: 'statute',
      source: "Victims' Code 2020 Right 6",
      anchor: 'arrest, interview, release, bail/RUI, NFA, charge',
      actor: 'criminal OIC',
      duration: wd(1),
      counting: 'from-next-working-day',
    },
    {
      id: 'victim.vrr-info',
      title: 'Give the victim Right to Review information with the NFA notice',
      kind: 'policy',
      source: "Victim Right to Review scheme; Victims' Code 2020 Right 6 (with the NFA notice)",
      anchor: 'NFA decision',
      actor: 'criminal OIC',
      // "With the NFA notice": due when the victim.key-decision notice of the NFA is (1 WD with
      // enhanced rights, else 5 WD; the case sets 5 for a victim without them), not on the day.
      duration: wd(1),
      counting: 'from-next-working-day',
    },
    {
      id: 'dvpn.hearing',
      title: 'DVPO hearing after a DVPN',
      kind: 'statute',
      source:
        'Crime and Security Act 2010 s27(3): 48 hours, Sundays, Christmas Day, Good Friday and bank holidays disregarded',
      anchor: 'DVPN served',
      actor: 'police → court',
      duration: { amount: 48, unit: 'hours-excluding-sundays-and-bank-holidays' },
      counting: 'elapsed-hours',
    },
    {
      id: 'dvpo.expiry',
      title: 'DVPO expires: re-assess risk (DASH) before it ends',
      kind: 'statute',
      source:
        'Crime and Security Act 2010 s28(10): "no fewer than 14 days beginning with the day on which it is made" and no more than 28',
      anchor: 'DVPO granted (14 to 28 days)',
      actor: 'DA team',
      duration: days(28),
      // The day the order is made is day 1: a 28-day DVPO made on 1 March ends with 28 March.
      counting: 'beginning-with-anchor-day',
      ladder: [
        { kind: 'reminder', workingDaysFromDue: -2, notify: ['case-owner'] },
        { kind: 'due', workingDaysFromDue: 0, notify: ['case-owner', 'supervisor'] },
      ],
    },
    {
      id: 'marac.referral',
      title: 'Refer to MARAC (high DASH risk)',
      kind: 'policy',
      source: 'APP / SafeLives',
      anchor: 'DASH level high',
      actor: 'DA team',
      duration: wd(1),
      counting: 'from-next-working-day',
    },
    {
      id: 'external.response',
      title: 'External force to reply to the request to investigate',
      kind: 'policy',
      source: 'Force policy; super-complaint recommendation 2',
      anchor: 'external force requested',
      actor: 'Head of PSD → DCC',
      duration: wd(5),
      counting: 'from-next-working-day',
      ladder: [
        { kind: 'reminder', workingDaysFromDue: -2, notify: ['case-owner'] },
        { kind: 'due', workingDaysFromDue: 0, notify: ['case-owner', 'head-of-psd'] },
        {
          kind: 'escalation',
          workingDaysFromDue: 5,
          notify: ['head-of-psd', 'appropriate-authority'],
        },
      ],
    },
    {
      id: 'external.progress-review',
      title: "Review the external force's progress",
      kind: 'policy',
      source: 'Super-complaint recommendation 2(c); NPCC overview (Jan 2023)',
      anchor: 'external investigation accepted, then each review',
      actor: 'Head of PSD',
      duration: weeks(4),
      counting: 'from-next-day',
    },
    {
      id: 'conduct-pause.review',
      title: 'Review the pause of the misconduct investigation',
      kind: 'policy',
      source: 'Force policy; NPCC overview (Jan 2023): run both investigations by default',
      anchor: 'the review date set when the pause was approved',
      actor: 'AA',
      duration: days(0),
      counting: 'beginning-with-anchor-day',
    },
    {
      id: 'case-to-answer.decision',
      title: 'Decide whether there is a case to answer',
      kind: 'policy',
      source: `${CondR} reg 23`,
      anchor: 'final report received',
      actor: 'AA',
      duration: wd(10),
      counting: 'from-next-working-day',
    },
    {
      id: 'proceedings.response',
      title: "Officer's response to the proceedings documents",
      kind: 'statute',
      source: `${CondR} reg 31(1): "15 working days beginning with the first working day after the documents have been supplied"`,
      anchor: 'documents supplied to officer',
      actor: 'officer',
      duration: wd(15),
      counting: 'from-next-working-day',
    },
    {
      id: 'proceedings.witness-lists',
      title: 'Supply witness lists after the officer responds',
      kind: 'statute',
      source: `${CondR} reg 31(4): "3 working days beginning with the first working day after" the officer complied`,
      anchor: "officer's response",
      actor: 'officer; AA',
      duration: wd(3),
      counting: 'from-next-working-day',
    },
    {
      id: 'proceedings.prehearing',
      title: 'Pre-hearing',
      kind: 'statute',
      source: `${CondR} reg 33`,
      anchor: 'documents reach the chair',
      actor: 'chair',
      duration: wd(15),
      counting: 'from-next-working-day',
    },
    {
      id: 'proceedings.meeting',
      title: 'Hold the misconduct meeting',
      kind: 'statute',
      source: `${CondR} reg 34`,
      anchor: 'documents supplied (meeting)',
      actor: 'chair',
      duration: wd(20),
      counting: 'from-next-working-day',
    },
    {
      id: 'oversight.board-review',
      title: "Review at the DCC's oversight board",
      kind: 'policy',
      source: 'NPCC overview (Jan 2023)',
      anchor: 'case opened, then each review',
      actor: 'DCC',
      duration: days(28),
      counting: 'from-next-day',
    },
  ],
});

export function findRule(pack: TPolicyPack, ruleId: string): TRule {
  const rule = pack.rules.find((candidate) => candidate.id === ruleId);
  if (!rule) throw new Error(`policy pack ${pack.version} has no rule ${ruleId}`);
  return rule;
}
