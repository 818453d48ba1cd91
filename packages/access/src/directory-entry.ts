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

/** The people a case must be kept from: its subject, their line chain and associates. */
export interface TCaseParties {
  /** Null only for cases opened before subjects were recorded. */
  subjectId: string | null;
  /** The subject's line managers, nearest first. */
  subjectChain: readonly string[];
  /** Declared associates of the subject, in either direction. */
  subjectAssociates: readonly string[];
  subjectIsChiefOfficer: boolean;
}

export type TRestriction = 'restricted:subject' | 'restricted:line-chain' | 'restricted:associate';

/** Why `personId` may never see this case, whatever their role; null when nothing bars them. */
export function restrictionAgainst(personId: string, parties: TCaseParties): TRestriction | null {
  if (parties.subjectId === null) return null;
  if (personId === parties.subjectId) return 'restricted:subject';
  if (parties.subjectChain.includes(personId)) return 'restricted:line-chain';
  if (parties.subjectAssociates.includes(personId)) return 'restricted:associate';
  return null;
}
