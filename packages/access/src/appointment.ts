import { externalForceRequirement, type TExternalForceRequirement } from './external-force.ts';
import {
  checkInvestigatorIndependence,
  type TConflict,
  type TIndependenceInput,
} from './independence.ts';

export const EXTERNAL_ROUTE =
  'Appoint someone else, or request an external force (EXTERNAL_FORCE_REQUESTED) with your reasons.';

export type TAppointmentCheck =
  | { ok: true; external: TExternalForceRequirement }
  | {
      ok: false;
      gate: 'gate.investigator-independence' | 'gate.external-referral';
      reason: string;
      conflicts: TConflict[];
      external: TExternalForceRequirement;
    };

/**
 * An investigator appointment: independent of everyone involved, and from another force
 * when policy requires one. A refusal names each conflict and offers the external route.
 */
export function checkAppointment(
  input: TIndependenceInput & { victimLocalTeam?: string | undefined },
): TAppointmentCheck {
  const external = externalForceRequirement({
    subject: input.subject,
    victimLocalTeam: input.victimLocalTeam,
    policy: input.policy,
  });
  const conflicts = checkInvestigatorIndependence(input);
  if (conflicts.length > 0) {
    return {
      ok: false,
      gate: 'gate.investigator-independence',
      reason: `${input.candidateId} cannot be appointed: ${conflicts.map((c) => c.reason).join(' ')} ${EXTERNAL_ROUTE}`,
      conflicts,
      external,
    };
  }
  if (external.required && input.candidate?.force === input.subject.force) {
    return {
      ok: false,
      gate: 'gate.external-referral',
      reason: `Local policy requires an external force because ${external.reasons.join('; ')}. Request an external force (EXTERNAL_FORCE_REQUESTED), or appoint an investigator from another force.`,
      conflicts: [],
      external,
    };
  }
  return { ok: true, external };
}

/** `EXTERNAL_FORCE_REQUESTED` must name a force other than the subject's. */
export function checkExternalForce(input: {
  force: string;
  subjectForce: string | null;
}): { ok: true } | { ok: false; gate: 'gate.external-referral'; reason: string } {
  if (input.subjectForce && input.force.toLowerCase() === input.subjectForce.toLowerCase()) {
    return {
      ok: false,
      gate: 'gate.external-referral',
      reason: `${input.force} is the subject's own force; an external investigation needs another force.`,
    };
  }
  return { ok: true };
}
