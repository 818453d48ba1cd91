import { restrictionAgainst } from '@ppda/access';
import type { Prisma, Tx } from '@ppda/db';
import { AppError, type TPersonRole } from '@ppda/domain';
import { z } from 'zod';
import { loadSubjectContext } from './case-parties.ts';
import { loadCase, retryOnConflict, saveSnapshot } from './case-store.ts';
import { appendCaseEvent } from './case-transaction.ts';
import type { TActor, TEngineDeps } from './deps.ts';

/** A person's part on one case; an active assignment is what need-to-know is granted by. */
export const ZAssignmentRole = z.enum([
  'owner',
  'supervisor',
  'investigator',
  'victim-spoc',
  'criminal-oic',
]);
export type TAssignmentRole = z.infer<typeof ZAssignmentRole>;

/** The directory roles that qualify a person for each part. */
export const ASSIGNABLE_ROLES: Record<TAssignmentRole, TPersonRole[]> = {
  owner: ['investigator', 'psd-supervisor', 'head-of-psd'],
  supervisor: ['psd-supervisor', 'head-of-psd'],
  investigator: ['investigator'],
  'victim-spoc': ['victim-spoc'],
  'criminal-oic': ['criminal-oic'],
};

/**
 * Check that `personId` may be put on a case: in the directory, holding a qualifying role,
 * and not the subject, in their line chain or a declared associate (`gate.access`).
 */
export async function assertAssignable(
  db: TEngineDeps['prisma'] | Tx,
  subjectId: string | null,
  assignment: { personId: string; role: TAssignmentRole },
  field = 'personId',
): Promise<void> {
  const person = await db.person.findUnique({ where: { id: assignment.personId } });
  if (!person) {
    throw new AppError(
      'validation',
      `${field}: no person ${assignment.personId} in the directory`,
      {
        issues: [
          {
            field,
            rule: 'known-person',
            message: `no person ${assignment.personId} in the directory`,
          },
        ],
      },
    );
  }
  const qualifying = ASSIGNABLE_ROLES[assignment.role];
  if (!person.roles.some((role) => (qualifying as string[]).includes(role))) {
    throw new AppError(
      'validation',
      `${field}: ${assignment.personId} cannot be ${assignment.role}`,
      {
        issues: [
          {
            field,
            rule: 'holds-role',
            message: `${assignment.role} needs one of: ${qualifying.join(', ')}`,
          },
        ],
      },
    );
  }
  const { parties } = await loadSubjectContext(db, subjectId);
  const restriction = restrictionAgainst(assignment.personId, parties);
  if (restriction) {
    throw new AppError(
      'gate-refused',
      `${assignment.personId} may not work on this case: ${restriction === 'restricted:subject' ? 'they are its subject' : restriction === 'restricted:line-chain' ? "they are in the subject's line chain" : 'they are a declared associate of the subject'}.`,
      { gate: 'gate.access' },
    );
  }
}

/** Record assignments inside the caller's transaction; an active identical one is kept. */
export async function addAssignments(
  tx: Tx,
  caseId: string,
  assignments: { personId: string; role: string }[],
  by: { actorId: string; at: Date },
): Promise<void> {
  for (const { personId, role } of assignments) {
    const active = await tx.caseAssignment.findFirst({
      where: { caseId, personId, role, endedAt: null },
    });
    if (active) continue;
    await tx.caseAssignment.create({
      data: { caseId, personId, role, assignedAt: by.at, assignedBy: by.actorId },
    });
  }
}

export async function listAssignments(deps: TEngineDeps, caseId: string) {
  const rows = await deps.prisma.caseAssignment.findMany({
    where: { caseId },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({
    assignmentId: String(row.id),
    personId: row.personId,
    role: row.role,
    assignedAt: row.assignedAt.toISOString(),
    assignedBy: row.assignedBy,
    endedAt: row.endedAt?.toISOString() ?? null,
    endedBy: row.endedBy,
  }));
}

/**
 * Put a person on a case or take them off it, as a hash-chained case event with its
 * rationale: investigation ownership decisions are recorded like any other.
 */
export async function changeAssignment(
  deps: TEngineDeps,
  caseId: string,
  change:
    | { kind: 'assign'; personId: string; role: TAssignmentRole; rationale: string }
    | { kind: 'end'; assignmentId: string; rationale: string },
  actor: TActor,
): Promise<void> {
  await retryOnConflict(async () => {
    const { row, snapshot } = await loadCase(deps, caseId);
    const at = deps.clock.now();
    if (change.kind === 'assign') await assertAssignable(deps.prisma, row.subjectId, change);
    await deps.prisma.$transaction(async (tx) => {
      // Bumping the version orders this event with every other write to the case.
      await saveSnapshot(tx, caseId, row.version, snapshot);
      let payload: Prisma.InputJsonValue;
      if (change.kind === 'assign') {
        await addAssignments(tx, caseId, [change], { actorId: actor.id, at });
        payload = { personId: change.personId, role: change.role };
      } else {
        const ended = await tx.caseAssignment.updateMany({
          where: { id: BigInt(change.assignmentId), caseId, endedAt: null },
          data: { endedAt: at, endedBy: actor.id },
        });
        if (ended.count === 0) {
          throw new AppError(
            'not-found',
            `no active assignment ${change.assignmentId} on this case`,
          );
        }
        const ending = await tx.caseAssignment.findUniqueOrThrow({
          where: { id: BigInt(change.assignmentId) },
        });
        payload = { personId: ending.personId, role: ending.role };
      }
      await appendCaseEvent(tx, caseId, {
        type: change.kind === 'assign' ? 'assignment.made' : 'assignment.ended',
        actor,
        rationale: change.rationale,
        payload,
        occurredAt: at,
      });
    });
  });
}
