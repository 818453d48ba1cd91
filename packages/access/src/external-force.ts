import { rankLevel } from '@ppda/domain';
import type { TAccessPolicy } from './access-policy.ts';
import type { TDirectoryEntry } from './directory-entry.ts';

export interface TExternalForceRequirement {
  required: boolean;
  reasons: string[];
}

/**
 * `gate.external-referral`, local policy: by default a subject who is Superintendent (or
 * staff equivalent) or above, or works in PSD, the DA unit or the victim's local team, is
 * investigated by another force. Otherwise another force is an option with recorded reasons.
 */
export function externalForceRequirement(input: {
  subject: TDirectoryEntry;
  victimLocalTeam?: string | undefined;
  policy: TAccessPolicy;
}): TExternalForceRequirement {
  const { subject, policy } = input;
  const reasons: string[] = [];
  const { fromRank, departments, victimLocalTeam } = policy.externalForce;
  if (subject.rank && rankLevel(subject.rank) >= rankLevel(fromRank)) {
    reasons.push(`the subject is ${subject.rank}: ${fromRank} (or staff equivalent) or above`);
  }
  if (subject.department && departments.includes(subject.department)) {
    reasons.push(`the subject works in ${subject.department}`);
  }
  if (
    victimLocalTeam &&
    input.victimLocalTeam &&
    subject.team &&
    subject.team === input.victimLocalTeam
  ) {
    reasons.push("the subject works in the victim's local team");
  }
  return { required: reasons.length > 0, reasons };
}
