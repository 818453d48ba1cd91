import { randomUUID } from 'node:crypto';
import type { Prisma } from '@ppda/db';
import { AppError, createCaseReference } from '@ppda/domain';
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
  type TSubjectProfile,
} from '@ppda/ppda-case';
import { loadCase, retryOnConflict, saveSnapshot } from './case-store.ts';
import { appendCaseEvent } from './case-transaction.ts';
import { applyClockChanges } from './clock-changes.ts';
import type { TActor, TEngineDeps } from './deps.ts';
import { relayOutbox } from './outbox-relay.ts';

export interface TReportAllegation {
  /** When the force received it; defaults to now. Never in the future. */
  receivedAt?: Date;
  referralCriteriaMet: TReferralCriterion[];
  ownerId: string;
  supervisorId?: string;
  /** What the process needs to know about the subject (chief officer; external force required). */
  subject?: TSubjectProfile;
  victimHasEnhancedRights?: boolean;
}

async function assertPerson(deps: TEngineDeps, field: string, personId: string) {
  const person = await deps.prisma.person.findUnique({ where: { id: personId } });
  if (!person) {
    throw new AppError('validation', `${field}: no person ${personId} in the directory`, {
      issues: [{ field, rule: 'known-person', message: `no person ${personId} in the directory` }],
    });
  }
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
  await assertPerson(deps, 'ownerId', report.ownerId);
  if (report.supervisorId) await assertPerson(deps, 'supervisorId', report.supervisorId);

  const caseId = randomUUID();
  const reference = createCaseReference(receivedAt);
  const snapshot = startCase({
    reference,
    receivedAt: receivedAt.toISOString(),
    referralCriteriaMet: report.referralCriteriaMet,
    ...(report.subject ? { subject: report.subject } : {}),
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
        reportedAt: receivedAt,
      },
    });
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
      await appendCaseEvent(tx, caseId, {
        type: eventTypeOf(decision.type),
        actor,
        rationale,
        payload: facts as Prisma.InputJsonValue,
        occurredAt: at,
      });
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
