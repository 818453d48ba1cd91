import { z } from 'zod';

/**
 * Police ranks (uniform and detective) and police staff grades, each with a seniority level
 * so that staff compare with their rank equivalent: level 5 is Superintendent or staff
 * equivalent, 7 is ACC or staff chief officer, 9 the chief constable.
 */
export const RANK_LEVEL = {
  PC: 1,
  DC: 1,
  PS: 2,
  DS: 2,
  Insp: 3,
  DI: 3,
  ChInsp: 4,
  DCI: 4,
  Supt: 5,
  DSupt: 5,
  ChSupt: 6,
  DChSupt: 6,
  ACC: 7,
  DCC: 8,
  CC: 9,
  staff: 1,
  'staff-manager': 3,
  'staff-senior': 5,
  'staff-chief-officer': 7,
} as const;

export type TRank = keyof typeof RANK_LEVEL;
export const RANKS = Object.keys(RANK_LEVEL) as TRank[];
export const ZRank = z.enum(RANKS as [TRank, ...TRank[]]);

export function rankLevel(rank: TRank): number {
  return RANK_LEVEL[rank];
}

/** Chief officer rank: ACC and above, or the staff equivalent (rules.md "Words"). */
export const CHIEF_OFFICER_LEVEL = RANK_LEVEL.ACC;

/** ACC, DCC, chief constable or staff chief officer: where need-to-know's line chain stops. */
export function isChiefOfficerRank(rank: TRank): boolean {
  return rankLevel(rank) >= CHIEF_OFFICER_LEVEL;
}

/**
 * "The chief officer" of PRA 2002 and CMR reg 7(1)(g): the force's chief constable. When they
 * are the subject, the PCC is the AA.
 */
export function isChiefOfficer(rank: TRank): boolean {
  return rank === 'CC';
}
