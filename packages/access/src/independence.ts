import { rankLevel } from '@ppda/domain';
import type { TAccessPolicy } from './access-policy.ts';
import type { TDirectoryEntry } from './directory-entry.ts';

export type TConflictCode =
  | 'unknown-person'
  | 'not-an-investigator'
  | 'is-subject'
  | 'is-victim'
  | 'in-subject-line-chain'
  | 'managed-by-subject'
  | 'associate-of-subject'
  | 'associate-of-victim'
  | 'same-team-as-subject'
  | 'same-force-as-senior-subject'
  | 'subject-rank-unknown';

export interface TConflict {
  code: TConflictCode;
  reason: string;
}

export interface TIndependenceInput {
  candidateId: string;
  /** Undefined when the candidate is not in the directory. */
  candidate: TDirectoryEntry | undefined;
  subject: TDirectoryEntry;
  /** The subject's line managers, nearest first. */
  subjectChain: readonly string[];
  /** The candidate's line managers, nearest first. */
  candidateChain: readonly string[];
  subjectAssociates: readonly string[];
  victimAssociates: readonly string[];
  /** The victim's directory id, when the victim is police officer or staff. */
  victimPersonId?: string | undefined;
  policy: TAccessPolicy;
}

/**
 * `gate.investigator-independence` (CondR 15, CMR 12; rec 2): an investigator with no prior
 * connection to anyone involved. Returns every conflict, not just the first, so the person
 * appointing sees all of them at once.
 */
export function checkInvestigatorIndependence(input: TIndependenceInput): TConflict[] {
  const { candidate, candidateId: id, subject } = input;
  if (!candidate) {
    return [{ code: 'unknown-person', reason: `${id} is not in the people directory.` }];
  }
  const conflicts: TConflict[] = [];
  const add = (code: TConflictCode, reason: string) => conflicts.push({ code, reason });
  if (!candidate.roles.includes('investigator')) {
    add('not-an-investigator', `${id} does not hold the investigator role.`);
  }
  if (id === subject.id) add('is-subject', `${id} is the subject of the case.`);
  if (input.victimPersonId && id === input.victimPersonId) {
    add('is-victim', `${id} is the victim.`);
  }
  const chainAt = input.subjectChain.indexOf(id);
  if (chainAt >= 0) {
    add(
      'in-subject-line-chain',
      `${id} is in the subject's line chain (${chainAt === 0 ? 'their line manager' : `${chainAt + 1} levels above them`}).`,
    );
  }
  if (input.candidateChain.includes(subject.id)) {
    add('managed-by-subject', `the subject is in ${id}'s line chain.`);
  }
  if (input.subjectAssociates.includes(id)) {
    add('associate-of-subject', `${id} is a declared associate of the subject.`);
  }
  if (input.victimAssociates.includes(id)) {
    add('associate-of-victim', `${id} is a declared associate of the victim.`);
  }
  if (candidate.team && candidate.team === subject.team) {
    add('same-team-as-subject', `${id} works in the subject's team (${subject.team}).`);
  }
  if (!subject.rank) {
    add('subject-rank-unknown', "the subject's rank is not in the directory; record it first.");
  } else if (
    rankLevel(subject.rank) >= rankLevel(input.policy.otherForceFromRank) &&
    candidate.force === subject.force
  ) {
    add(
      'same-force-as-senior-subject',
      `the subject is ${subject.rank} (${input.policy.otherForceFromRank} or above), so the investigator must come from another force; ${id} is in ${candidate.force}.`,
    );
  }
  return conflicts;
}
