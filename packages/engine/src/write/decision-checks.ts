import {
  checkAppointment,
  checkDecisionRights,
  checkExternalForce,
  defaultAccessPolicy,
  externalForceRequirement,
  restrictionAgainst,
  type TAuthority,
} from '@ppda/access';
import type { Prisma } from '@ppda/db';
import { AppError } from '@ppda/domain';
import type { TCheckedFacts, TDecision } from '@ppda/ppda-case';
import { caseNotFound } from '../access/authorize.ts';
import {
  loadAssociates,
  loadDirectoryEntry,
  loadLineChain,
  type TSubjectContext,
} from '../access/case-parties.ts';
import { victimFactsForChecks } from '../access/victim-record.ts';
import type { TActor, TEngineDeps } from '../runtime/deps.ts';

export interface TDecisionClearance {
  authority: TAuthority;
  /** Added to the event payload: what the checks found, so the record shows them. */
  annotations: Record<string, Prisma.InputJsonValue>;
  /** People the decision puts on the case (an appointed investigator, a SPOC). */
  assign: { personId: string; role: string }[];
  /** Facts from the directory the machine's gates read (never from the request). */
  checked: TCheckedFacts;
}

const refuse = (gate: string, reason: string) => new AppError('gate-refused', reason, { gate });

/**
 * What the engine checks before the machine sees a decision: the decider is not kept from
 * the case, holds the decision right (`gate.decision-rights`), and an appointment is
 * independent (`gate.investigator-independence`) and from another force where policy says
 * (`gate.external-referral`). Reads the directory for appointments; changes nothing.
 */
export async function checkDecision(
  deps: TEngineDeps,
  caseRow: { id: string },
  { parties, subject }: TSubjectContext,
  decision: TDecision,
  actor: TActor,
): Promise<TDecisionClearance> {
  if (restrictionAgainst(actor.id, parties)) throw caseNotFound(caseRow.id);
  const rights = checkDecisionRights({
    type: decision.type,
    person: { id: actor.id, roles: actor.roles ?? [actor.role] },
    parties,
  });
  if (!rights.ok) throw refuse(rights.gate, rights.reason);
  const clearance: TDecisionClearance = {
    authority: rights.authority,
    annotations: {},
    assign: [],
    checked: {},
  };
  const policy = deps.accessPolicy ?? defaultAccessPolicy;

  if (decision.type === 'INVESTIGATOR_APPOINTED') {
    if (!subject) {
      throw refuse(
        'gate.investigator-independence',
        'the case has no subject in the directory to check independence against.',
      );
    }
    const candidateId = decision.investigatorId;
    const candidate = await loadDirectoryEntry(deps.sql, candidateId);
    const victim = await victimFactsForChecks(deps, caseRow.id);
    const [candidateChain, victimAssociates] = await Promise.all([
      loadLineChain(deps.sql, candidate),
      victim.personId ? loadAssociates(deps.sql, victim.personId) : Promise.resolve([]),
    ]);
    const check = checkAppointment({
      candidateId,
      candidate,
      subject,
      subjectChain: parties.subjectChain,
      candidateChain,
      subjectAssociates: parties.subjectAssociates,
      victimAssociates,
      victimPersonId: victim.personId,
      victimLocalTeam: victim.localTeam,
      policy,
    });
    if (!check.ok) throw refuse(check.gate, check.reason);
    clearance.annotations.independence = {
      checkedAgainstDirectory: true,
      conflicts: [],
      policyVersion: policy.version,
      externalForceRequired: check.external.required,
    };
    clearance.assign.push({ personId: candidateId, role: 'investigator' });
    // Policy wanting an external force is met by an investigator from another force.
    clearance.checked.investigatorFromAnotherForce =
      candidate?.force != null && candidate.force !== subject.force;
  }

  if (decision.type === 'EXTERNAL_FORCE_REQUESTED') {
    const check = checkExternalForce({
      force: decision.force,
      subjectForce: subject?.force ?? null,
    });
    if (!check.ok) throw refuse(check.gate, check.reason);
    if (subject) {
      const victim = await victimFactsForChecks(deps, caseRow.id);
      const external = externalForceRequirement({
        subject,
        victimLocalTeam: victim.localTeam,
        policy,
      });
      clearance.annotations.policy = {
        externalForceRequired: external.required,
        reasons: external.reasons,
      };
    }
  }

  if (decision.type === 'SPOC_ASSIGNED') {
    const spoc = await loadDirectoryEntry(deps.sql, decision.spocId);
    if (!spoc?.roles.includes('victim-spoc')) {
      throw refuse('gate.access', `${decision.spocId} is not a victim SPOC in the directory.`);
    }
    if (restrictionAgainst(decision.spocId, parties)) {
      throw refuse(
        'gate.access',
        `${decision.spocId} may not work on this case: they are connected to the subject.`,
      );
    }
    clearance.assign.push({ personId: decision.spocId, role: 'victim-spoc' });
  }
  return clearance;
}
