import { dutyHolderOf, restrictionAgainst, type TCaseParties } from '@ppda/access';
import type { Tx } from '@ppda/db';
import { AppError, type TPersonRole } from '@ppda/domain';
import { CLOCK_DUTIES } from '@ppda/ppda-case';
import { z } from 'zod';
import type { TActor, TEngineDeps } from '../runtime/deps.ts';
import { caseState, loadCase, retryOnConflict } from './case-store.ts';
import { commitCaseWrite, type TCaseWrite } from './case-write.ts';
import { chainEvent } from './chain-event.ts';

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
  /** Those the case is kept from, as the caller already read them. */
  parties: TCaseParties,
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
  if (person.leftAt) {
    throw new AppError('validation', `${field}: ${assignment.personId} has left the force`, {
      issues: [{ field, rule: 'active-person', message: `${assignment.personId} has left` }],
    });
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
  const restriction = restrictionAgainst(assignment.personId, parties);
  if (restriction) {
    throw new AppError(
      'gate-refused',
      `${assignment.personId} may not work on this case: ${restriction === 'restricted:subject' ? 'they are its subject' : restriction === 'restricted:line-chain' ? "they are in the subject's line chain" : 'they are a declared associate of the subject'}.`,
      { gate: 'gate.access' },
    );
  }
}

/** Assignment rows for a case write; an active identical one is kept, not duplicated. */
export function assignmentRows(
  caseId: string,
  assignments: { personId: string; role: string }[],
  by: { actorId: string; at: Date },
) {
  return assignments.map(({ personId, role }) => ({
    caseId,
    personId,
    role,
    assignedAt: by.at,
    assignedBy: by.actorId,
  }));
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

/** The clocks whose meeting decision a part owes (decision rights, `dutyHolderOf`). */
function rulesOwedBy(part: 'criminal-oic' | 'victim-spoc'): string[] {
  return Object.entries(CLOCK_DUTIES)
    .filter(([, duty]) => dutyHolderOf(duty) === part)
    .map(([ruleId]) => ruleId);
}

/** Parts one person holds at a time: the case names them (`ownerId`, `supervisorId`). */
const SOLE_PARTS: readonly TAssignmentRole[] = ['owner', 'supervisor'];

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
    const { row, snapshot, subject } = await loadCase(deps, caseId);
    const at = deps.clock.now();
    const by = { actorId: actor.id, at };
    const ended = (id: bigint | string) => ({ id: String(id), endedAt: at, endedBy: actor.id });
    let payload: { personId: string; role: string; previousPersonId?: string | null };
    let write: Pick<
      TCaseWrite,
      'assignments' | 'endedAssignments' | 'ownership' | 'movedTasks' | 'reassignedTasks'
    >;
    if (change.kind === 'assign') {
      await assertAssignable(deps.prisma, subject.parties, change);
      payload = { personId: change.personId, role: change.role };
      write = { assignments: assignmentRows(caseId, [change], by) };
      // An OIC or SPOC takes over the open tasks of the clocks they owe (the owner held them).
      if (change.role === 'criminal-oic' || change.role === 'victim-spoc') {
        write.reassignedTasks = { ruleIds: rulesOwedBy(change.role), to: change.personId };
      }
      const held = change.role === 'owner' ? row.ownerId : row.supervisorId;
      if (SOLE_PARTS.includes(change.role) && held !== change.personId) {
        // One owner and one supervisor at a time: the part moves, and the one who held it
        // leaves the case (they keep it only by another assignment). The owner's open tasks
        // go with the case; clock rungs already name the owner only when they fire.
        const previous = await deps.prisma.caseAssignment.findMany({
          where: { caseId, role: change.role, endedAt: null },
        });
        payload.previousPersonId = held;
        write.endedAssignments = previous.map((assignment) => ended(assignment.id));
        write.ownership =
          change.role === 'owner'
            ? { ownerId: change.personId, supervisorId: row.supervisorId }
            : { ownerId: row.ownerId, supervisorId: change.personId };
        if (change.role === 'owner') write.movedTasks = { from: row.ownerId, to: change.personId };
      }
    } else {
      // Read before the write: assignments change only in writes that move the case's version.
      const ending = await deps.prisma.caseAssignment.findFirst({
        where: { id: BigInt(change.assignmentId), caseId, endedAt: null },
      });
      if (!ending) {
        throw new AppError('not-found', `no active assignment ${change.assignmentId} on this case`);
      }
      if (ending.role === 'owner' && ending.personId === row.ownerId) {
        throw new AppError(
          'not-allowed-now',
          'A case always has an owner: assign the new owner, which ends this assignment.',
        );
      }
      payload = { personId: ending.personId, role: ending.role };
      write = { endedAssignments: [ended(ending.id)] };
      if (ending.role === 'supervisor' && ending.personId === row.supervisorId) {
        // Without a supervisor, the owner's line manager is told in its place.
        write.ownership = { ownerId: row.ownerId, supervisorId: null };
      }
    }
    // The snapshot is unchanged; the version still moves, ordering this event with every other.
    const { event, head } = chainEvent(caseId, row, {
      type: change.kind === 'assign' ? 'assignment.made' : 'assignment.ended',
      actor,
      rationale: change.rationale,
      payload,
      occurredAt: at,
    });
    await commitCaseWrite(deps, {
      caseId,
      expectedVersion: row.version,
      state: caseState(snapshot, head),
      event,
      ...write,
    });
  });
}
