import { randomUUID } from 'node:crypto';
import { defaultAccessPolicy, externalForceRequirement } from '@ppda/access';
import type { Prisma } from '@ppda/db';
import { AppError, createCaseReference, isChiefOfficer } from '@ppda/domain';
import {
  activeClocks,
  applyEvent,
  describeState,
  MACHINE_ID,
  MACHINE_VERSION,
  persistCase,
  startCase,
  type TDecision,
  type TReferralCriterion,
} from '@ppda/ppda-case';
import { caseNotFound } from './access.ts';
import { addAssignments, assertAssignable } from './assignments.ts';
import { loadDirectoryEntry } from './case-parties.ts';
import { loadCase, retryOnConflict, saveSnapshot } from './case-store.ts';
import { appendCaseEvent } from './case-transaction.ts';
import { applyClockChanges } from './clock-changes.ts';
import { clearDecision } from './decision-checks.ts';
import type { TActor, TEngineDeps } from './deps.ts';
import { relayOutbox } from './outbox-relay.ts';

export interface TReportAllegation {
  /** When the force received it; defaults to now. Never in the future. */
  receivedAt?: Date;
  referralCriteriaMet: TReferralCriterion[];
  ownerId: string;
  supervisorId?: string;
  /**
   * Directory id of the accused officer or staff member. Who may see the case, who decides
   * as AA and whether policy requires an external force all follow from it.
   */
  subjectId: string;
  victimHasEnhancedRights?: boolean;
}

/** What the machine needs to know about the subject, worked out from the directory. */
async function subjectProfile(deps: TEngineDeps, subjectId: string) {
  const subject = await loadDirectoryEntry(deps.prisma, subjectId);
  if (!subject) {
    throw new AppError('validation', `subjectId: no person ${subjectId} in the directory`, {
      issues: [
        {
          field: 'subjectId',
          rule: 'known-person',
          message: `no person ${subjectId} in the directory`,
        },
      ],
    });
  }
  const external = externalForceRequirement({
    subject,
    policy: deps.accessPolicy ?? defaultAccessPolicy,
  });
  return {
    isChiefOfficer: subject.rank ? isChiefOfficer(subject.rank) : false,
    externalForceRequiredBecause: external.required ? external.reasons.join('; ') : null,
  };
}

/** Open a PPDA case: a pseudonymous reference, its first clocks, its first event. */
export async function reportAllegation(
  deps: TEngineDeps,
  report: TReportAllegation,
  actor: TActor,
): Promise<{ caseId: string; reference: string }> {
  const now = deps.clock.now();
  const receivedAt = report.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime()) {
    throw new AppError('validation', 'receivedAt: cannot be in the future', {
      issues: [{ field: 'receivedAt', rule: 'not-in-future', message: 'cannot be in the future' }],
    });
  }
  const subject = await subjectProfile(deps, report.subjectId);
  // The owner and supervisor get need-to-know; neither may be kept from the case.
  const assignments = [
    { personId: report.ownerId, role: 'owner' as const },
    ...(report.supervisorId
      ? [{ personId: report.supervisorId, role: 'supervisor' as const }]
      : []),
  ];
  for (const assignment of assignments) {
    await assertAssignable(
      deps.prisma,
      report.subjectId,
      assignment,
      assignment.role === 'owner' ? 'ownerId' : 'supervisorId',
    );
  }

  const caseId = randomUUID();
  const reference = createCaseReference(receivedAt);
  const snapshot = startCase({
    reference,
    receivedAt: receivedAt.toISOString(),
    referralCriteriaMet: report.referralCriteriaMet,
    subject,
    ...(report.victimHasEnhancedRights === undefined
      ? {}
      : { victimHasEnhancedRights: report.victimHasEnhancedRights }),
  });
  const outboxIds = await deps.prisma.$transaction(async (tx) => {
    await tx.case.create({
      data: {
        id: caseId,
        reference,
        machineId: MACHINE_ID,
        machineVersion: MACHINE_VERSION,
        snapshot: persistCase(snapshot) as Prisma.InputJsonValue,
        stateValue: snapshot.value as Prisma.InputJsonValue,
        status: 'open',
        version: 1,
        ownerId: report.ownerId,
        supervisorId: report.supervisorId ?? null,
        subjectId: report.subjectId,
        reportedAt: receivedAt,
      },
    });
    await addAssignments(tx, caseId, assignments, { actorId: actor.id, at: receivedAt });
    await appendCaseEvent(tx, caseId, {
      type: 'allegation.reported',
      actor,
      payload: { ppda: true, referralCriteriaMet: report.referralCriteriaMet },
      occurredAt: receivedAt,
    });
    return applyClockChanges(deps, tx, {
      caseId,
      ownerId: report.ownerId,
      clocks: activeClocks(snapshot),
      at: receivedAt,
      cause: 'allegation.reported',
    });
  });
  await relayOutbox(deps, outboxIds);
  deps.logger.info({ caseId, reference }, 'case opened');
  return { caseId, reference };
}

/** `MATTER_RECORDED` → `matter.recorded`: commands are imperative, the record states facts. */
export function eventTypeOf(decisionType: string): string {
  return decisionType.toLowerCase().replaceAll('_', '.');
}

/** Record a decision with its rationale; a gate or the case's state may refuse it. */
export async function recordDecision(
  deps: TEngineDeps,
  caseId: string,
  decision: TDecision,
  actor: TActor,
): Promise<{ version: number; state: string }> {
  // Checked once, before the retry loop: the subject and the directory do not change with the
  // case's version, and a longer attempt would lose more races to concurrent writers.
  const subject = await deps.prisma.case.findUnique({
    where: { id: caseId },
    select: { id: true, subjectId: true },
  });
  if (!subject) throw caseNotFound(caseId);
  const clearance = await clearDecision(deps, subject, decision, actor);
  return retryOnConflict(async () => {
    const { row, snapshot } = await loadCase(deps, caseId);
    const at = deps.clock.now();
    const applied = applyEvent(snapshot, { ...decision, at: at.toISOString() });
    if (!applied.ok) {
      const { gate, reason } = applied.refusal;
      throw new AppError(gate === 'state' ? 'not-allowed-now' : 'gate-refused', reason, {
        gate,
        state: snapshot.value,
      });
    }
    const { rationale, ...facts } = decision;
    const result = await deps.prisma.$transaction(async (tx) => {
      const version = await saveSnapshot(tx, caseId, row.version, applied.next);
      // Who decided under which authority is part of the hashed record.
      const { role, right, basis } = clearance.authority;
      await appendCaseEvent(tx, caseId, {
        type: eventTypeOf(decision.type),
        actor: { id: actor.id, role },
        rationale,
        payload: {
          ...(facts as Record<string, Prisma.InputJsonValue>),
          authority: { role, right, basis },
          ...clearance.annotations,
        },
        occurredAt: at,
      });
      await addAssignments(tx, caseId, clearance.assign, { actorId: actor.id, at });
      const outboxIds = await applyClockChanges(deps, tx, {
        caseId,
        ownerId: row.ownerId,
        clocks: activeClocks(applied.next),
        at,
        cause: eventTypeOf(decision.type),
      });
      return { version, outboxIds };
    });
    await relayOutbox(deps, result.outboxIds);
    return { version: result.version, state: describeState(applied.next) };
  });
}
