import { type TDuration, ZDuration } from '@ppda/calendar';
import { ZRecipientRole } from '@ppda/domain';
import { z } from 'zod';
import { COUNTINGS_BY_UNIT, ZCounting } from './counting.ts';

/** A calendar date, `YYYY-MM-DD` (England and Wales law is dated by the day). */
export const ZLawDate = z.iso.date();

/**
 * The date that decides which version of a rule a case runs, as the transitional provisions
 * word it: when the conduct occurred (the 2026 suspension duties: conduct on or after 13 July
 * 2026), or when the allegation came to the attention of the appropriate authority (SI
 * 2025/558 reg 64, "pre-commencement allegation"; CondR 2020 itself from 1 February 2020).
 */
const ZDecidedBy = z.enum(['conduct-date', 'allegation-date']);
export type TDecidedBy = z.infer<typeof ZDecidedBy>;

/** When a version of a rule applies: from (and until, inclusive) a date, decided by which date. */
const effectiveDates = {
  appliesFrom: ZLawDate.default('2020-02-01'),
  /** The last day this version applies (inclusive); omitted: until a later version says. */
  appliesUntil: ZLawDate.optional(),
  decidedBy: ZDecidedBy.default('allegation-date'),
  /**
   * The figure or wording was not confirmed from the statutory instrument's own text (only
   * from a secondary source): a force may set it, and README lists it, until someone reads it.
   */
  unverified: z.boolean().default(false),
};

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
    ...effectiveDates,
  })
  .refine(
    (rule) => (COUNTINGS_BY_UNIT[rule.duration.unit] as readonly string[]).includes(rule.counting),
    { path: ['counting'], message: 'this counting does not apply to the duration unit' },
  );
export type TRule = z.infer<typeof ZRule>;
export type TRuleInput = z.input<typeof ZRule>;

/**
 * A rule of law that is not a clock: a gate, an option, a list the case checks against
 * (e.g. the offences whose arrest makes suspension the default). Dated like a clock rule.
 */
export const ZProvision = z.object({
  id: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'dotted lowercase id'),
  title: z.string().min(1),
  kind: z.enum(['statute', 'policy']),
  source: z.string().min(1),
  /** Offences (by name) whose arrest the provision is about: `suspension.listed-offence-arrest`. */
  listedOffences: z.array(z.string().min(3)).optional(),
  /** Whether the option reaches Schedule 3 matters (CMR), not only conduct matters (CondR). */
  reachesSchedule3: z.boolean().optional(),
  ...effectiveDates,
});
export type TProvision = z.infer<typeof ZProvision>;

type TDated = {
  id: string;
  appliesFrom: string;
  appliesUntil?: string | undefined;
  decidedBy: TDecidedBy;
};
const END_OF_TIME = '9999-12-31';

/** Versions of one rule never overlap, and are all decided by the same date. */
function checkVersions(items: TDated[], list: 'rules' | 'provisions', ctx: z.RefinementCtx) {
  items.forEach((item, index) => {
    if (item.appliesUntil && item.appliesUntil < item.appliesFrom) {
      ctx.addIssue({
        code: 'custom',
        path: [list, index, 'appliesUntil'],
        message: `${item.id} applies until ${item.appliesUntil}, before it applies from ${item.appliesFrom}`,
      });
    }
    items.slice(0, index).forEach((earlier) => {
      if (earlier.id !== item.id) return;
      if (earlier.decidedBy !== item.decidedBy) {
        ctx.addIssue({
          code: 'custom',
          path: [list, index, 'decidedBy'],
          message: `versions of ${item.id} are decided by different dates (${earlier.decidedBy}, ${item.decidedBy})`,
        });
      }
      const overlaps =
        item.appliesFrom <= (earlier.appliesUntil ?? END_OF_TIME) &&
        earlier.appliesFrom <= (item.appliesUntil ?? END_OF_TIME);
      if (overlaps) {
        ctx.addIssue({
          code: 'custom',
          path: [list, index, 'appliesFrom'],
          message: `versions of ${item.id} overlap: ${earlier.appliesFrom}..${earlier.appliesUntil ?? ''} and ${item.appliesFrom}..${item.appliesUntil ?? ''}`,
        });
      }
    });
  });
}

export const ZPolicyPack = z
  .object({
    version: z.string().min(1),
    rules: z.array(ZRule).min(1),
    provisions: z.array(ZProvision).default([]),
  })
  .superRefine((pack, ctx) => {
    checkVersions(pack.rules, 'rules', ctx);
    checkVersions(pack.provisions, 'provisions', ctx);
  });
export type TPolicyPack = z.infer<typeof ZPolicyPack>;
export type TPolicyPackInput = z.input<typeof ZPolicyPack>;

/** A window the officer (or a court) holds: at its end the case owner is told it closed. */
const windowLadder = [{ kind: 'due', workingDaysFromDue: 0, notify: ['case-owner'] }] as const;

const wd = (amount: number): TDuration => ({ amount, unit: 'working-days' });
const days = (amount: number): TDuration => ({ amount, unit: 'calendar-days' });
const weeks = (amount: number): TDuration => ({ amount, unit: 'weeks' });

const CondR = 'Police (Conduct) Regulations 2020';
const CMR = 'Police (Complaints and Misconduct) Regulations 2020';
const CVA2026 = 'the Police (Conduct and Vetting etc.) (Amendment) Regulations 2026';
const PVR = 'Police (Vetting) Regulations 2025 (SI 2025/502, in force 14 May 2025)';
/**
 * The 2026 amendments reach conduct on or after this day (rules.md; Weightmans: "all behaviour
 * (and allegations) that arise on or after 13 July 2026", which read as both is the conduct
 * date, since an allegation never precedes its conduct). The SI's own transitional provision
 * was not found by the search tools (README, "The law on the day"): unverified.
 */
export const IN_FORCE_2026 = '2026-07-13';

/**
 * The offences whose arrest makes suspension the default (CondR reg 11C, 2026; the offences
 * are listed in Schedule 3 to the 2026 Regulations per Weightmans; the schedule's text was
 * not found): a pack value a force sets from the schedule. These are examples of sexual and
 * domestic abuse offences only.
 */
export const LISTED_OFFENCES_UNVERIFIED = [
  'controlling or coercive behaviour (Serious Crime Act 2015 s76)',
  'rape (Sexual Offences Act 2003 s1)',
  'assault by penetration (Sexual Offences Act 2003 s2)',
  'sexual assault (Sexual Offences Act 2003 s3)',
  'non-fatal strangulation or suffocation (Serious Crime Act 2015 s75A)',
  'stalking (Protection from Harassment Act 1997 s2A or s4A)',
  'breach of a domestic abuse protection order (Domestic Abuse Act 2021 s39)',
  'assault occasioning actual bodily harm, domestic abuse related (Offences against the Person Act 1861 s47)',
];

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
      // Conduct before 13 July 2026 keeps the 4-weekly review (rules.md, "The law on the day").
      appliesUntil: '2026-07-12',
      decidedBy: 'conduct-date',
    },
    {
      id: 'suspension.review',
      title: 'Review the suspension within 12 weeks',
      kind: 'statute',
      // Figure and scope from a secondary source (Weightmans: "must be reviewed within 12 weeks
      // (whereas before it was four weeks)"), not the SI's own text, which the search tools do
      // not hold (searched: the title, "regulation 11B", "12 weeks": only Weightmans and
      // legislationtracker summaries): unverified. A restriction is still reviewed every 4
      // weeks (the case sets it: `restrictionReview` in machine.ts).
      source: `${CondR} reg 11B, inserted by ${CVA2026}: a suspension "must be reviewed within 12 weeks"`,
      anchor: 'suspension, then each review',
      actor: 'AA',
      duration: weeks(12),
      counting: 'from-next-day',
      appliesFrom: IN_FORCE_2026,
      decidedBy: 'conduct-date',
      unverified: true,
    },
    {
      id: 'suspension.decision',
      title: 'Decide on suspension: under criminal investigation and assessed as gross misconduct',
      kind: 'statute',
      // Weightmans: "decide within three working days"; how the 3 days are counted (beginning
      // with the first working day after?) is the engine's reading of CondR's usual wording.
      source: `${CondR} reg 11B, inserted by ${CVA2026} (summary only, Weightmans; the SI's text not found): the AA decides whether to suspend within 3 working days`,
      anchor:
        'criminal investigation recorded and severity assessed as gross misconduct (whichever is later)',
      actor: 'AA',
      duration: wd(3),
      counting: 'from-next-working-day',
      appliesFrom: IN_FORCE_2026,
      decidedBy: 'conduct-date',
      unverified: true,
    },
    {
      id: 'vetting.referral',
      title: 'Refer the matter to the vetting authority',
      kind: 'policy',
      source: `${CondR} reg 14(2)(aa), inserted by SI 2025/558 reg 9 (text read); ${PVR} reg 4 (Parts 3 and 4 apply when a matter comes to the vetting authority's attention: quoted in a secondary source). Time limit: none found in either text, force policy default`,
      anchor: 'severity assessed: refer to be dealt with under the Vetting Regulations',
      actor: 'AA → vetting authority',
      duration: wd(2),
      counting: 'from-next-working-day',
      appliesFrom: '2025-05-28',
      unverified: true,
    },
    {
      id: 'vetting.notice',
      title: 'Give the officer written notice of the withdrawal assessment',
      kind: 'policy',
      source: `${PVR} Part 3 (reg 15: the vetting authority's assessment whether a withdrawal assessment must follow; reg 16: it appoints a person to carry it out; both quoted in a secondary source). Time limit not found: SI 2025/502's stored text ends at reg 2: policy default`,
      anchor: 'referral received by the vetting authority',
      actor: 'vetting authority',
      duration: wd(5),
      counting: 'from-next-working-day',
      appliesFrom: '2025-05-14',
      unverified: true,
    },
    {
      id: 'vetting.representations',
      title: "Officer's representations on the withdrawal assessment",
      kind: 'policy',
      source: `${PVR} Part 3. Window not found (SI 2025/502's stored text ends at reg 2; the Home Office statutory guidance of 22 July 2025 is stored only to its contents): policy default`,
      anchor: 'notice of the withdrawal assessment given',
      actor: 'officer',
      duration: wd(10),
      counting: 'from-next-working-day',
      ladder: windowLadder,
      appliesFrom: '2025-05-14',
      unverified: true,
    },
    {
      id: 'vetting.outcome',
      title: 'Decide the withdrawal assessment (withdrawal: dismissal without notice)',
      kind: 'policy',
      source: `${PVR} Part 3: withdrawal of clearance ends in dismissal without notice (explanatory memorandum, via secondary sources). Time limit not found: policy default`,
      anchor: "officer's representations received, or their window closed",
      actor: 'vetting authority',
      duration: wd(10),
      counting: 'from-next-working-day',
      appliesFrom: '2025-05-14',
      unverified: true,
    },
    {
      id: 'vetting.appeal',
      title: 'Officer may appeal the withdrawal (appeal panel, then the Police Appeals Tribunal)',
      kind: 'policy',
      source: `${PVR} Part 4 (appeals: an appeal panel, then the Police Appeals Tribunal; secondary sources). Window not found: policy default`,
      anchor: 'withdrawal decided',
      actor: 'officer',
      duration: wd(10),
      counting: 'from-next-working-day',
      ladder: windowLadder,
      appliesFrom: '2025-05-14',
      unverified: true,
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
  provisions: [
    {
      id: 'suspension.duty',
      title:
        'Suspension is a duty when either condition holds; "not suspended" needs reasons why neither does',
      kind: 'statute',
      // legislation.gov.uk's revised CondR reg 11 (as stored) still reads "may ... suspend",
      // with no outstanding effects listed: the store predates the 2026 change being applied.
      source: `${CondR} reg 11 as substituted by ${CVA2026} (read in secondary sources only: Weightmans)`,
      appliesFrom: IN_FORCE_2026,
      decidedBy: 'conduct-date',
      unverified: true,
    },
    {
      id: 'suspension.listed-offence-arrest',
      title:
        'Arrest for a listed sexual or domestic abuse offence: suspended unless exceptional circumstances are recorded',
      kind: 'statute',
      // "Arrested" (Weightmans, rules.md) against "charged" (legislationtracker's summary):
      // the SI's text would settle it and was not found. The engine keeps "arrested" (as
      // rules.md): if the text says "charged", the engine asks for exceptional circumstances
      // earlier than the law does, which is stricter, never looser.
      source: `${CondR} reg 11C, inserted by ${CVA2026}; offences listed in its Schedule 3 (per Weightmans; not read: the list is a pack value). Trigger read as "arrested" (Weightmans); legislationtracker says "charged"`,
      listedOffences: LISTED_OFFENCES_UNVERIFIED,
      appliesFrom: IN_FORCE_2026,
      decidedBy: 'conduct-date',
      unverified: true,
    },
    {
      id: 'severity.refer-to-vetting',
      title:
        'Severity assessment may conclude: refer to be dealt with under the Vetting Regulations',
      kind: 'statute',
      // Reg 9 amends CondR only (conduct matters outside Schedule 3); whether CMR (Schedule 3,
      // the usual PPDA route) gained the same option is not confirmed: not on Schedule 3.
      source: `${CondR} reg 14(2)(aa), inserted by SI 2025/558 reg 9 (text read); reg 64: not for a pre-commencement allegation (text read)`,
      reachesSchedule3: false,
      appliesFrom: '2025-05-28',
      decidedBy: 'allegation-date',
    },
  ],
});

/** The key a case records for the version of a rule it runs: `id@appliesFrom`. */
export const versionKeyOf = (rule: Pick<TRule, 'id' | 'appliesFrom'>) =>
  `${rule.id}@${rule.appliesFrom}`;

/** Whether a dated version applies on `date` (`YYYY-MM-DD`). */
export const appliesOn = (
  version: { appliesFrom: string; appliesUntil?: string | undefined },
  date: string,
) => version.appliesFrom <= date && (!version.appliesUntil || date <= version.appliesUntil);

/**
 * The rule `ruleId` of the pack. A rule with one version needs no dates; one with several
 * needs the case's law (`resolveRule` in `case-law.ts`), and asking without it is a mistake.
 */
export function findRule(pack: TPolicyPack, ruleId: string): TRule {
  const versions = pack.rules.filter((candidate) => candidate.id === ruleId);
  const [only] = versions;
  if (!only) throw new Error(`policy pack ${pack.version} has no rule ${ruleId}`);
  if (versions.length > 1) {
    throw new Error(
      `policy pack ${pack.version} has ${versions.length} versions of ${ruleId}: resolve it with the case's law`,
    );
  }
  return only;
}
