import { SEES_UNASSIGNED_ROLES } from '@ppda/access';
import { Prisma } from '@ppda/db';
import {
  activeAssignmentsColumn,
  mayReadListed,
  type TPrincipal,
  vettingRouteOpenColumn,
} from '../access/authorize.ts';
import { subjectContextColumns, type TSubjectContextColumns } from '../access/case-parties.ts';
import type { TEngineDeps } from '../runtime/deps.ts';
import { ASSIGNABLE_ROLES } from '../write/assignments.ts';

/** Open tasks above which an owner counts as overloaded. */
export const DEFAULT_OVERLOAD_AT = 25;

export type TAllocationReason = 'unallocated' | 'owner-left' | 'owner-overloaded';

type TCaseRow = {
  id: string;
  reference: string;
  reportedAt: Date;
  ownerId: string;
  ownerName: string | null;
  ownerLeftAt: Date | null;
  ownerRoles: string[] | null;
  ownerOpenTasks: number;
  hasInvestigator: boolean;
  subjectId: string | null;
  assignments: string[];
  vettingRouteOpen: boolean;
} & TSubjectContextColumns;

type TTaskRow = {
  id: string;
  caseId: string;
  reference: string;
  ruleId: string;
  title: string;
  dueAt: Date;
  assigneeId: string;
  assigneeName: string;
  leftAt: Date;
  subjectId: string | null;
  assignments: string[];
  vettingRouteOpen: boolean;
} & TSubjectContextColumns;

type TLoadRow = {
  id: string;
  displayName: string;
  roles: string[];
  openTasks: number;
  ownedCases: number;
};

/**
 * What a PSD must allocate, oldest first: open cases with no investigator appointed (no
 * active investigator assignment and an owner who is no investigator), whose owner has left or
 * holds more than `overloadAt` open tasks; open tasks whose assignee has left; and the load of
 * everyone who may own a case. Every case and task is decided by `gate.access` exactly as
 * opening the case would be (`mayReadListed`): a case kept from the reader is never listed.
 */
export async function listAllocation(
  deps: TEngineDeps,
  reader: TPrincipal,
  options: { overloadAt?: number | undefined } = {},
) {
  const overloadAt = options.overloadAt ?? DEFAULT_OVERLOAD_AT;
  const seesAll = reader.roles.some((role) => (SEES_UNASSIGNED_ROLES as string[]).includes(role));
  const visible = Prisma.sql`(${seesAll} OR EXISTS (SELECT 1 FROM "CaseAssignment" a
    WHERE a."caseId" = c.id AND a."personId" = ${reader.id} AND a."endedAt" IS NULL))`;
  const ownerRoles = ASSIGNABLE_ROLES.owner as string[];
  const [caseRows, taskRows, loadRows] = await Promise.all([
    deps.sql.query<TCaseRow>(Prisma.sql`SELECT c.id, c.reference, c."reportedAt", c."ownerId",
        o."displayName" AS "ownerName", o."leftAt" AS "ownerLeftAt", o.roles AS "ownerRoles",
        (SELECT count(*)::int FROM "Task" t WHERE t."assigneeId" = c."ownerId"
          AND t.status = 'open') AS "ownerOpenTasks",
        EXISTS (SELECT 1 FROM "CaseAssignment" i WHERE i."caseId" = c.id
          AND i.role = 'investigator' AND i."endedAt" IS NULL) AS "hasInvestigator",
        c."subjectId", ${activeAssignmentsColumn(reader.id)} AS assignments,
        ${vettingRouteOpenColumn} AS "vettingRouteOpen",
        ${subjectContextColumns(Prisma.sql`c."subjectId"`)}
      FROM "Case" c LEFT JOIN "Person" o ON o.id = c."ownerId"
      WHERE c.status = 'open' AND ${visible}
        AND (o.id IS NULL OR o."leftAt" IS NOT NULL OR NOT ('investigator' = ANY(o.roles))
          OR (SELECT count(*) FROM "Task" t WHERE t."assigneeId" = c."ownerId"
            AND t.status = 'open') > ${overloadAt}
          OR NOT EXISTS (SELECT 1 FROM "CaseAssignment" i WHERE i."caseId" = c.id
            AND i.role = 'investigator' AND i."endedAt" IS NULL))
      ORDER BY c."reportedAt", c.id
      LIMIT 1000`),
    deps.sql.query<TTaskRow>(Prisma.sql`SELECT k.id, k."caseId", c.reference, k."ruleId",
        k.title, k."dueAt", k."assigneeId", p."displayName" AS "assigneeName", p."leftAt",
        c."subjectId", ${activeAssignmentsColumn(reader.id)} AS assignments,
        ${vettingRouteOpenColumn} AS "vettingRouteOpen",
        ${subjectContextColumns(Prisma.sql`c."subjectId"`)}
      FROM "Task" k JOIN "Case" c ON c.id = k."caseId" JOIN "Person" p ON p.id = k."assigneeId"
      WHERE k.status = 'open' AND c.status = 'open' AND p."leftAt" IS NOT NULL AND ${visible}
      ORDER BY k."openedAt", k.id
      LIMIT 1000`),
    deps.sql.query<TLoadRow>(Prisma.sql`SELECT p.id, p."displayName", p.roles,
        (SELECT count(*)::int FROM "Task" t WHERE t."assigneeId" = p.id AND t.status = 'open')
          AS "openTasks",
        (SELECT count(*)::int FROM "Case" c WHERE c."ownerId" = p.id AND c.status = 'open')
          AS "ownedCases"
      FROM "Person" p
      WHERE p."leftAt" IS NULL AND p.roles && ${ownerRoles}::text[]
      ORDER BY p.id`),
  ]);
  const cases = caseRows
    .filter((row) => mayReadListed(reader, row))
    .map((row) => {
      const reasons: TAllocationReason[] = [];
      const ownerIsInvestigator = Boolean(row.ownerRoles?.includes('investigator'));
      if (!row.hasInvestigator && !ownerIsInvestigator) reasons.push('unallocated');
      if (!row.ownerName || row.ownerLeftAt) reasons.push('owner-left');
      if (row.ownerOpenTasks > overloadAt) reasons.push('owner-overloaded');
      return {
        caseId: row.id,
        reference: row.reference,
        reportedAt: row.reportedAt.toISOString(),
        ownerId: row.ownerId,
        ownerName: row.ownerName ?? row.ownerId,
        ownerLeftAt: row.ownerLeftAt?.toISOString() ?? null,
        ownerOpenTasks: row.ownerOpenTasks,
        reasons,
      };
    })
    .filter((row) => row.reasons.length > 0);
  const tasks = taskRows
    .filter((row) => mayReadListed(reader, row))
    .map((row) => ({
      taskId: row.id,
      caseId: row.caseId,
      reference: row.reference,
      ruleId: row.ruleId,
      title: row.title,
      dueAt: row.dueAt.toISOString(),
      assigneeId: row.assigneeId,
      assigneeName: row.assigneeName,
      leftAt: row.leftAt.toISOString(),
    }));
  const load = loadRows.map((row) => ({
    personId: row.id,
    displayName: row.displayName,
    roles: row.roles,
    openTasks: row.openTasks,
    ownedCases: row.ownedCases,
    overloaded: row.openTasks > overloadAt,
  }));
  return { overloadAt, cases, tasks, load };
}
export type TAllocation = Awaited<ReturnType<typeof listAllocation>>;
