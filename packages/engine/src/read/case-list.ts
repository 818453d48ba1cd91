import { SEES_UNASSIGNED_ROLES } from '@ppda/access';
import { Prisma } from '@ppda/db';
import { describeState, restoreCase } from '@ppda/ppda-case';
import {
  activeAssignmentsColumn,
  isCaseId,
  mayReadListed,
  type TPrincipal,
  vettingRouteOpenColumn,
} from '../access/authorize.ts';
import { subjectContextColumns, type TSubjectContextColumns } from '../access/case-parties.ts';
import type { TEngineDeps } from '../runtime/deps.ts';
import { decodeCursor, encodeCursor, type TKeysetCursor } from './keyset-cursor.ts';

export interface TCaseListQuery {
  status: 'open' | 'closed' | 'all';
  /** Only cases with a running clock past its due time. */
  overdueOnly: boolean;
  ownerId?: string;
  limit: number;
  /** Where the previous page ended (`nextCursor`). */
  cursor?: string;
}

interface TClock {
  ruleId: string;
  dueAt: string;
}

export interface TCaseList {
  cases: {
    caseId: string;
    reference: string;
    status: 'open' | 'closed';
    reportedAt: string;
    ownerId: string;
    supervisorId: string | null;
    subjectId: string | null;
    /** Where each region of the case stands. */
    summary: string;
    /** Running clocks past their due time, oldest first. */
    overdue: TClock[];
    /** The running clock due soonest that is not yet overdue. */
    nextDue: TClock | null;
  }[];
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
}

type TRow = {
  id: string;
  reference: string;
  status: string;
  reportedAt: Date;
  ownerId: string;
  supervisorId: string | null;
  subjectId: string | null;
  snapshot: unknown;
  machineVersion: number;
  assignments: string[];
  vettingRouteOpen: boolean;
  clocks: TClock[];
} & TSubjectContextColumns;

/**
 * The cases `reader` may read, newest report first, a page at a time. Each row is decided by
 * `gate.access` exactly as opening the case would be (its subject, their line chain and
 * associates never see it); pages are filled past the cases left out, so a short page cannot
 * hint that a hidden case exists.
 */
export async function listCases(
  deps: TEngineDeps,
  reader: TPrincipal,
  query: TCaseListQuery,
): Promise<TCaseList> {
  const now = deps.clock.now();
  // Only these roles may read cases unassigned to them: for anyone else, read no other case.
  const seesAll = reader.roles.some((role) => (SEES_UNASSIGNED_ROLES as string[]).includes(role));
  let after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isCaseId);
  const cases: TCaseList['cases'] = [];
  let last: TKeysetCursor | undefined;
  for (;;) {
    const batch = query.limit + 1 - cases.length;
    const rows = await deps.sql.query<TRow>(Prisma.sql`SELECT c.id, c.reference, c.status,
        c."reportedAt", c."ownerId", c."supervisorId", c."subjectId", c.snapshot,
        c."machineVersion", ${activeAssignmentsColumn(reader.id)} AS assignments,
        ${vettingRouteOpenColumn} AS "vettingRouteOpen",
        COALESCE((SELECT json_agg(json_build_object('ruleId', t."ruleId",
            'dueAt', to_char(t."dueAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY t."dueAt")
          FROM "Timer" t WHERE t."caseId" = c.id AND t.status IN ('armed', 'overdue')), '[]')
          AS clocks,
        ${subjectContextColumns(Prisma.sql`c."subjectId"`)}
      FROM "Case" c
      WHERE (${query.status} = 'all' OR c.status = ${query.status})
        AND (${query.ownerId ?? null}::text IS NULL OR c."ownerId" = ${query.ownerId ?? null})
        AND (${seesAll} OR EXISTS (SELECT 1 FROM "CaseAssignment" a WHERE a."caseId" = c.id
          AND a."personId" = ${reader.id} AND a."endedAt" IS NULL))
        AND (NOT ${query.overdueOnly} OR EXISTS (SELECT 1 FROM "Timer" t WHERE t."caseId" = c.id
          AND t.status IN ('armed', 'overdue') AND t."dueAt" < ${now}))
        AND (${after?.at ?? null}::timestamp IS NULL
          OR (c."reportedAt", c.id) < (${after?.at ?? null}::timestamp, ${after?.id ?? null}::uuid))
      ORDER BY c."reportedAt" DESC, c.id DESC
      LIMIT ${batch}`);
    for (const row of rows) {
      if (!mayReadListed(reader, row)) continue;
      if (cases.length === query.limit) {
        return { cases, nextCursor: last ? encodeCursor(last) : null };
      }
      cases.push(listed(row, now));
      last = { at: row.reportedAt.toISOString(), id: row.id };
    }
    if (rows.length < batch) return { cases, nextCursor: null };
    const end = rows.at(-1)!;
    after = { at: end.reportedAt.toISOString(), id: end.id };
  }
}

function listed(row: TRow, now: Date): TCaseList['cases'][number] {
  const overdue = row.clocks.filter((clock) => Date.parse(clock.dueAt) < now.getTime());
  return {
    caseId: row.id,
    reference: row.reference,
    status: row.status === 'closed' ? 'closed' : 'open',
    reportedAt: row.reportedAt.toISOString(),
    ownerId: row.ownerId,
    supervisorId: row.supervisorId,
    subjectId: row.subjectId,
    summary: describeState(restoreCase(row.snapshot, row.machineVersion)),
    overdue,
    nextDue: row.clocks.find((clock) => !overdue.includes(clock)) ?? null,
  };
}
