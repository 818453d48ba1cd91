import { isChiefOfficerRank, rankLevel, type TPersonRole } from '@ppda/domain';
import type {
  TActing,
  TActingBasis,
  TActingFor,
  TCaseParties,
  TDirectoryEntry,
} from './directory-entry.ts';

/**
 * Directory roles that make a person a candidate to act for cases. Holding one gives nothing
 * on a case by itself: who acts for each case is resolved (`whoActsFor`), and only that person
 * holds the part there (`caseRolesOf`).
 */
export const ACTING_ROLES = [
  'appropriate-authority',
  'chief-constable',
  'head-of-psd',
  'pcc',
  'vetting-authority',
] as const satisfies readonly TPersonRole[];

/** Roles that count on a case only for the person resolved to act in them there. */
const PARTS: readonly string[] = [
  'appropriate-authority',
  'head-of-psd',
  'chief-constable',
  'vetting-authority',
];

/** The force's chief constable ("the chief officer" of PRA 2002 and CMR reg 7(1)(g)). */
export function isChiefConstable(entry: Pick<TDirectoryEntry, 'rank' | 'roles'>): boolean {
  return entry.rank === 'CC' || entry.roles.includes('chief-constable');
}

/**
 * `gate.access`: the part of a subject's line chain (nearest first) that may never read the
 * case. It stops at the first person of chief officer rank: in a real force nearly every chain
 * runs up through the DCC, who is the AA. That person is barred only when they manage the
 * subject directly, and never the chief constable, who acts in law for everyone but themselves.
 * A manager whose rank is unknown is treated as below chief officer rank (barred).
 */
export function barredLineChain(
  chain: readonly Pick<TDirectoryEntry, 'id' | 'rank' | 'roles'>[],
): string[] {
  const barred: string[] = [];
  for (const [index, manager] of chain.entries()) {
    if (!manager.rank || !isChiefOfficerRank(manager.rank)) {
      barred.push(manager.id);
      continue;
    }
    if (index === 0 && !isChiefConstable(manager)) barred.push(manager.id);
    break;
  }
  return barred;
}

export interface TWhoActsInput {
  subjectId: string | null;
  /** The subject's directory entry; undefined for a subject missing from the directory. */
  subject: Pick<TDirectoryEntry, 'rank' | 'roles' | 'lineManagerId'> | undefined;
  barredChain: readonly string[];
  subjectAssociates: readonly string[];
  /** Active people holding any of `ACTING_ROLES`. */
  holders: readonly TDirectoryEntry[];
}

const bySeniority = (a: TDirectoryEntry, b: TDirectoryEntry) =>
  (b.rank ? rankLevel(b.rank) : 0) - (a.rank ? rankLevel(a.rank) : 0) || a.id.localeCompare(b.id);

/**
 * Who acts for a case (rules.md "Who acts for the case", PRA 2002 s29):
 * - AA: the delegated AA (the most senior `appropriate-authority` holder not conflicted), else
 *   the chief constable, who acts for every subject but themselves; the PCC when the subject
 *   is the chief constable.
 * - Head of PSD: the `head-of-psd` holder unless conflicted or barred, else the case's AA.
 * - Vetting authority (the vetting route's decisions): the most senior `vetting-authority`
 *   holder not conflicted, by the same test as the delegated AA; else the case's AA (the
 *   chief officer's functions are the vetting authority's by default), so the part is never empty
 *   while an AA can be resolved. When the subject is the chief constable, the AA (the PCC).
 * Conflicted: the subject, a declared associate, the subject's direct line manager, or someone
 * the subject manages directly. The chief constable is conflicted only as subject or associate.
 */
export function whoActsFor(input: TWhoActsInput): TActingFor {
  const { subjectId, subject } = input;
  const barred = (person: TDirectoryEntry) =>
    person.id === subjectId ||
    input.barredChain.includes(person.id) ||
    input.subjectAssociates.includes(person.id);
  const conflicted = (person: TDirectoryEntry) =>
    barred(person) ||
    (subject !== undefined && subject.lineManagerId === person.id) ||
    (subjectId !== null && person.lineManagerId === subjectId);
  const first = (role: TPersonRole, fit: (person: TDirectoryEntry) => boolean) =>
    input.holders
      .filter((person) => person.roles.includes(role) && fit(person))
      .sort(bySeniority)[0];
  const acting = (person: TDirectoryEntry | undefined, basis: TActingBasis) =>
    person ? { personId: person.id, basis } : null;

  const subjectIsChief = subject !== undefined && isChiefConstable(subject);
  const appropriateAuthority = subjectIsChief
    ? acting(
        first('pcc', (person) => !conflicted(person)),
        'pcc-for-chief-constable',
      )
    : (acting(
        first('appropriate-authority', (person) => !conflicted(person)),
        'delegated-aa',
      ) ??
      acting(
        first('chief-constable', (person) => !barred(person)),
        'chief-constable',
      ));
  const headOfPsd =
    acting(
      first('head-of-psd', (person) => !conflicted(person)),
      'head-of-psd',
    ) ??
    (appropriateAuthority && {
      personId: appropriateAuthority.personId,
      basis: 'aa-for-head-of-psd' as const,
    });
  // The chief constable's own vetting is not for a vetting manager they command: the AA in law
  // (the PCC) holds the part, as for every other decision on that case.
  const vettingAuthority =
    (subjectIsChief
      ? null
      : acting(
          first('vetting-authority', (person) => !conflicted(person)),
          'vetting-authority',
        )) ??
    (appropriateAuthority && {
      personId: appropriateAuthority.personId,
      basis: 'aa-for-vetting-authority' as const,
    });
  return { appropriateAuthority, headOfPsd, vettingAuthority };
}

/**
 * Who acts as the case's vetting authority: the resolved part, or for parties resolved before
 * the role existed (no `vettingAuthority` key) the case's AA.
 */
export function vettingAuthorityOf(actingFor: TActingFor): TActing | null {
  if (actingFor.vettingAuthority !== undefined) return actingFor.vettingAuthority;
  const aa = actingFor.appropriateAuthority;
  return aa && { personId: aa.personId, basis: 'aa-for-vetting-authority' };
}

/**
 * The roles `person` holds on this case: their directory roles, where the acting parts
 * (`appropriate-authority`, `head-of-psd`, `vetting-authority`) count only for whoever acts for this case, who holds
 * them here whatever their directory role (the chief constable, the PCC, the AA for a
 * conflicted Head of PSD).
 */
export function caseRolesOf(
  person: { id: string; roles: readonly string[] },
  parties: Pick<TCaseParties, 'actingFor'>,
): string[] {
  const roles = person.roles.filter((role) => !PARTS.includes(role));
  const { appropriateAuthority, headOfPsd } = parties.actingFor;
  if (appropriateAuthority?.personId === person.id) roles.push('appropriate-authority');
  if (headOfPsd?.personId === person.id) roles.push('head-of-psd');
  if (vettingAuthorityOf(parties.actingFor)?.personId === person.id) {
    roles.push('vetting-authority');
  }
  return roles;
}

/** What each basis means, in words, for the case page and the decision record. */
export const ACTING_BASIS_TEXT: Record<TActingBasis, string> = {
  'delegated-aa': "appropriate authority (the chief constable's delegate)",
  'chief-constable':
    'the chief constable as appropriate authority: the delegated AA is conflicted or absent',
  'pcc-for-chief-constable': 'the PCC as appropriate authority: the subject is the chief constable',
  'head-of-psd': 'Head of PSD',
  'aa-for-head-of-psd': 'the appropriate authority, for a Head of PSD who is conflicted',
  'vetting-authority': 'vetting authority (the force vetting manager)',
  'aa-for-vetting-authority':
    'the appropriate authority as vetting authority: no vetting manager can act for this case',
};
