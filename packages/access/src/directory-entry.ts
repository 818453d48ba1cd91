import type { TRank } from '@ppda/domain';

/** One directory person as the policy sees them: no names, no contact details. */
export interface TDirectoryEntry {
  id: string;
  roles: readonly string[];
  /** Null only for rows imported before ranks were kept. */
  rank: TRank | null;
  force: string | null;
  department: string | null;
  team: string | null;
  lineManagerId: string | null;
}

/** Why a person acts for a case in a part (rules.md "Who acts for the case"). */
export type TActingBasis =
  /** The holder of the `appropriate-authority` role: the chief constable's delegate. */
  | 'delegated-aa'
  /** The chief constable: the delegated AA is conflicted or missing (PRA 2002 s29). */
  | 'chief-constable'
  /** The PCC: the subject is the chief constable (PRA 2002 s29). */
  | 'pcc-for-chief-constable'
  /** The holder of the `head-of-psd` role. */
  | 'head-of-psd'
  /** The Head of PSD is conflicted or missing: their part goes to the case's AA. */
  | 'aa-for-head-of-psd'
  /** The holder of the `vetting-authority` role (the force vetting manager). */
  | 'vetting-authority'
  /** No unconflicted `vetting-authority` holder: the case's AA holds the part. */
  | 'aa-for-vetting-authority';

export interface TActing {
  personId: string;
  basis: TActingBasis;
}

/** Who acts for one case; null where nobody can be resolved (alerted, never silent). */
export interface TActingFor {
  appropriateAuthority: TActing | null;
  headOfPsd: TActing | null;
  /**
   * Who decides the case's vetting route (Police (Vetting) Regulations 2025). Absent only in
   * parties built before the role existed: read it with `vettingAuthorityOf` (then the AA).
   */
  vettingAuthority?: TActing | null;
}

/** The people a case must be kept from, and who acts for it. */
export interface TCaseParties {
  /** Null only for cases opened before subjects were recorded. */
  subjectId: string | null;
  /** The subject's whole line chain, nearest first (independence checks read all of it). */
  subjectChain: readonly string[];
  /**
   * The part of the chain need-to-know bars: managers below chief officer rank, and a chief
   * officer (not the chief constable) only when they manage the subject directly.
   */
  barredChain: readonly string[];
  /** Declared associates of the subject, in either direction. */
  subjectAssociates: readonly string[];
  /** The subject is the force's chief constable: the PCC is the AA. */
  subjectIsChiefOfficer: boolean;
  actingFor: TActingFor;
}

export type TRestriction = 'restricted:subject' | 'restricted:line-chain' | 'restricted:associate';

/** Why `personId` may never see this case, whatever their role; null when nothing bars them. */
export function restrictionAgainst(personId: string, parties: TCaseParties): TRestriction | null {
  if (parties.subjectId === null) return null;
  if (personId === parties.subjectId) return 'restricted:subject';
  if (parties.barredChain.includes(personId)) return 'restricted:line-chain';
  if (parties.subjectAssociates.includes(personId)) return 'restricted:associate';
  return null;
}
