import { Prisma } from '@ppda/db';
import { keptFrom, type TPrincipal } from '../access/authorize.ts';
import { subjectContextColumns, type TSubjectContextColumns } from '../access/case-parties.ts';
import type { TEngineDeps } from '../runtime/deps.ts';

export interface TDirectoryChangeQuery {
  personId?: string | undefined;
  /** Changes at or after this instant. */
  since?: Date | undefined;
  limit: number;
  /** `nextCursor` of the page before: the last change id it listed. */
  cursor?: string | undefined;
}

/** The versioned directory changes, oldest first, a keyset page at a time. */
export async function listDirectoryChanges(
  deps: Pick<TEngineDeps, 'prisma'>,
  query: TDirectoryChangeQuery,
) {
  const rows = await deps.prisma.directoryChange.findMany({
    where: {
      ...(query.personId ? { personId: query.personId } : {}),
      ...(query.since ? { at: { gte: query.since } } : {}),
      ...(query.cursor ? { id: { gt: BigInt(query.cursor) } } : {}),
    },
    orderBy: { id: 'asc' },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    changes: page.map((row) => ({
      id: String(row.id),
      at: row.at.toISOString(),
      by: row.actorId,
      source: row.source,
      kind: row.kind,
      personId: row.personId,
      before: row.before,
      after: row.after,
      rationale: row.rationale,
    })),
    nextCursor: rows.length > query.limit ? String(page.at(-1)?.id) : null,
  };
}

interface TLeaverWorkRow {
  caseId: string;
  reference: string;
  part: string;
  subjectId: string | null;
}

/**
 * Leavers and the live work they leave behind, for reassignment: their active assignments,
 * the cases they own or supervise, their open tasks. Cases kept from the reader are left out
 * (the Head of PSD may be in a subject's line chain): reassigning those is for whoever acts.
 */
export async function listLeavers(deps: TEngineDeps, reader: TPrincipal) {
  const leavers = await deps.prisma.person.findMany({
    where: { NOT: { leftAt: null } },
    orderBy: [{ leftAt: 'desc' }, { id: 'asc' }],
    take: 500,
  });
  if (leavers.length === 0) return { leavers: [] };
  const ids = leavers.map((person) => person.id);
  const work = await deps.sql.query<TLeaverWorkRow & { personId: string } & TSubjectContextColumns>(
    Prisma.sql`SELECT w."personId", w.part, c.id::text AS "caseId", c.reference, c."subjectId",
        ${subjectContextColumns(Prisma.sql`c."subjectId"`)}
      FROM (
        SELECT a."personId", a."caseId", a.role AS part FROM "CaseAssignment" a
          WHERE a."personId" = ANY(${ids}::text[]) AND a."endedAt" IS NULL
        UNION SELECT c."ownerId", c.id, 'owner' FROM "Case" c WHERE c."ownerId" = ANY(${ids}::text[])
        UNION SELECT c."supervisorId", c.id, 'supervisor' FROM "Case" c
          WHERE c."supervisorId" = ANY(${ids}::text[])
        UNION SELECT t."assigneeId", t."caseId", 'task' FROM "Task" t
          WHERE t."assigneeId" = ANY(${ids}::text[]) AND t.status = 'open'
      ) w JOIN "Case" c ON c.id = w."caseId"
      WHERE c.status = 'open'
      ORDER BY c.reference, w.part`,
  );
  const tasks = await deps.prisma.task.findMany({
    where: { assigneeId: { in: ids }, status: 'open', case: { status: 'open' } },
    select: {
      id: true,
      caseId: true,
      assigneeId: true,
      ruleId: true,
      title: true,
      dueAt: true,
      case: { select: { reference: true } },
    },
    orderBy: { dueAt: 'asc' },
  });
  const hidden = new Set(work.filter((row) => keptFrom(reader, row)).map((row) => row.caseId));
  return {
    leavers: leavers.map((person) => ({
      personId: person.id,
      displayName: person.displayName,
      leftAt: person.leftAt?.toISOString().slice(0, 10) ?? null,
      cases: work
        .filter(
          (row) => row.personId === person.id && row.part !== 'task' && !hidden.has(row.caseId),
        )
        .map(({ caseId, reference, part }) => ({ caseId, reference, part })),
      openTasks: tasks
        .filter((task) => task.assigneeId === person.id && !hidden.has(task.caseId))
        .map((task) => ({
          taskId: task.id,
          caseId: task.caseId,
          reference: task.case.reference,
          ruleId: task.ruleId,
          title: task.title,
          dueAt: task.dueAt.toISOString(),
        })),
    })),
  };
}
