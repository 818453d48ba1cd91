import { z } from 'zod';
import {
  appliesOn,
  type TDecidedBy,
  type TPolicyPack,
  type TProvision,
  type TRule,
  versionKeyOf,
  ZLawDate,
} from './policy-pack.ts';

/** Where the conduct date came from: the case records its source with it. */
export const CONDUCT_DATE_SOURCES = [
  'victim-account',
  'witness-account',
  'documentary-record',
  'subject-account',
  'psd-estimate',
  /** A case recorded before machine version 4: the date received stands in (migrations/). */
  'not-recorded-before-v4',
] as const;
export const ZConductDateSource = z.enum(CONDUCT_DATE_SOURCES);

/**
 * The law a case runs (rules.md, "The law on the day"): the dates that decide it, recorded at
 * report, and the version of each rule and provision the pack gave for them then. A pack
 * loaded later never moves a case off the versions it recorded.
 */
export const ZCaseLaw = z.object({
  /** When the conduct occurred (the first day, if over a period). */
  conductDate: ZLawDate,
  conductDateSource: ZConductDateSource,
  /** When the allegation came to the appropriate authority's attention: the day received. */
  allegationDate: ZLawDate,
  /** Rule id → version key (`id@appliesFrom`) of each clock rule that applies to the case. */
  ruleVersions: z.record(z.string(), z.string()).default({}),
  /** Provision id → version key of each gate or option that applies to the case. */
  provisions: z.record(z.string(), z.string()).default({}),
  /** The offences whose arrest makes suspension the default, as the pack listed them. */
  listedOffences: z.array(z.string()).default([]),
  /** Whether the vetting outcome of a severity assessment reaches Schedule 3 matters. */
  vettingReachesSchedule3: z.boolean().default(false),
  /** The pack version the case recorded its law from. */
  packVersion: z.string().default('unknown'),
});
export type TCaseLaw = z.infer<typeof ZCaseLaw>;

export interface TLawDates {
  conductDate: string;
  conductDateSource: z.infer<typeof ZConductDateSource>;
  allegationDate: string;
}

const dateOf = (law: Pick<TCaseLaw, 'conductDate' | 'allegationDate'>, by: TDecidedBy) =>
  by === 'conduct-date' ? law.conductDate : law.allegationDate;

/** The version of each rule and provision in force for the case's dates: recorded at report. */
export function lawOfCase(pack: TPolicyPack, dates: TLawDates): TCaseLaw {
  const ruleVersions: Record<string, string> = {};
  for (const rule of pack.rules) {
    if (appliesOn(rule, dateOf(dates, rule.decidedBy))) ruleVersions[rule.id] = versionKeyOf(rule);
  }
  const provisions: Record<string, string> = {};
  let listedOffences: string[] = [];
  let vettingReachesSchedule3 = false;
  for (const provision of pack.provisions) {
    if (!appliesOn(provision, dateOf(dates, provision.decidedBy))) continue;
    provisions[provision.id] = versionKeyOf(provision);
    if (provision.listedOffences) listedOffences = provision.listedOffences;
    if (provision.id === 'severity.refer-to-vetting') {
      vettingReachesSchedule3 = provision.reachesSchedule3 === true;
    }
  }
  return {
    ...dates,
    ruleVersions,
    provisions,
    listedOffences,
    vettingReachesSchedule3,
    packVersion: pack.version,
  };
}

/**
 * The version of `ruleId` a case runs: the one it recorded at report if the pack still has
 * it, else the one in force for its deciding date (a rule the pack gained since), else (no
 * law: a rule with one version) the only one.
 */
/** What resolving a rule reads of a case's law: its deciding dates and recorded versions. */
export type TLawForRules = Pick<TCaseLaw, 'conductDate' | 'allegationDate' | 'ruleVersions'>;

export function resolveRule(pack: TPolicyPack, ruleId: string, law?: TLawForRules | null): TRule {
  const versions = pack.rules.filter((rule) => rule.id === ruleId);
  if (versions.length === 0) throw new Error(`policy pack ${pack.version} has no rule ${ruleId}`);
  const recorded = law?.ruleVersions[ruleId];
  const pinned = recorded && versions.find((rule) => versionKeyOf(rule) === recorded);
  if (pinned) return pinned;
  if (law) {
    const dated = versions.find((rule) => appliesOn(rule, dateOf(law, rule.decidedBy)));
    if (dated) return dated;
  }
  const [only] = versions;
  if (versions.length === 1 && only) return only;
  throw new Error(
    `policy pack ${pack.version}: no version of ${ruleId} applies ${law ? `to conduct on ${law.conductDate} / an allegation of ${law.allegationDate}` : 'without the case law'}`,
  );
}

/** Why a version applies, in words: `GET /cases/:id` shows it beside each running rule. */
export interface TRuleVersionExplained {
  id: string;
  /** The title of this version (versions of a rule may word it differently). */
  title: string;
  version: string;
  appliesFrom: string;
  appliesUntil: string | null;
  decidedBy: TDecidedBy;
  source: string;
  unverified: boolean;
  why: string;
}

export function explainVersion(
  item: TRule | TProvision,
  law: TCaseLaw,
  pinned: boolean,
): TRuleVersionExplained {
  const date = dateOf(law, item.decidedBy);
  const range = `from ${item.appliesFrom}${item.appliesUntil ? ` until ${item.appliesUntil}` : ''}`;
  const which =
    item.decidedBy === 'conduct-date'
      ? `the conduct date ${date} (${law.conductDateSource})`
      : `the date the allegation came to attention, ${date}`;
  return {
    id: item.id,
    title: item.title,
    version: versionKeyOf(item),
    appliesFrom: item.appliesFrom,
    appliesUntil: item.appliesUntil ?? null,
    decidedBy: item.decidedBy,
    source: item.source,
    unverified: item.unverified,
    why: `${which} falls in this version's dates (${range}); ${pinned ? 'recorded on the case at report' : 'resolved from the case dates (the rule is newer than the case record)'}`,
  };
}

/** The provisions (gates, options) the case runs, explained. */
export function explainProvisions(pack: TPolicyPack, law: TCaseLaw): TRuleVersionExplained[] {
  return Object.values(law.provisions).flatMap((key) => {
    const provision = pack.provisions.find((item) => versionKeyOf(item) === key);
    return provision ? [explainVersion(provision, law, true)] : [];
  });
}

/** The version key of the suspension review every case before machine version 4 ran. */
export const PRE_V4_SUSPENSION_REVIEW = 'suspension.review@2020-02-01';

/**
 * The law of a case that recorded none (stored before machine version 4, or started without
 * one): the day received stands in for the conduct date, marked so, and it runs the rules it
 * ran before: the 4-weekly suspension review, none of the 2026 duties, no vetting outcome.
 */
export function lawBeforeV4(receivedDate: string): TCaseLaw {
  return {
    conductDate: receivedDate,
    conductDateSource: 'not-recorded-before-v4',
    allegationDate: receivedDate,
    ruleVersions: { 'suspension.review': PRE_V4_SUSPENSION_REVIEW },
    provisions: {},
    listedOffences: [],
    vettingReachesSchedule3: false,
    packVersion: 'machine-v3',
  };
}

/** Whether the case runs a provision (by id), as it recorded at report. */
export const runsProvision = (law: TCaseLaw, id: string) => id in law.provisions;
