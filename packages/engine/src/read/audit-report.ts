import { Prisma } from '@ppda/db';
import {
  AUDIT_CHECKS,
  auditFindings,
  ENFORCED_BY_GATES,
  restoreCase,
  type TAuditCheck,
} from '@ppda/ppda-case';
import { keptFrom, type TPrincipal } from '../access/authorize.ts';
import { subjectContextColumns, type TSubjectContextColumns } from '../access/case-parties.ts';
import type { TEngineDeps } from '../runtime/deps.ts';
import { eventTypeOf } from '../write/chain-event.ts';

/** Closed cases stay in the audit for this many months after closing (recommendation 1). */
const CLOSED_WITHIN_MONTHS = 12;

const CLOSED = eventTypeOf('CASE_CLOSED');
const PROTECTIVE_ORDERS = [eventTypeOf('PROTECTIVE_ORDERS_CONSIDERED'), eventTypeOf('DVPN_SERVED')];

export interface TAuditReport {
  asOf: string;
  /** Cases closed since then are included, with every live case. */
  closedSince: string;
  checks: typeof AUDIT_CHECKS;
  /** Failures the gates refuse at the decision, so no case can show them. */
  enforcedByGates: typeof ENFORCED_BY_GATES;
  /** How many of the listed cases fail each check. */
  totals: Record<TAuditCheck, number>;
  cases: {
    caseId: string;
    reference: string;
    status: 'open' | 'closed';
    closedAt: string | null;
    findings: TAuditCheck[];
  }[];
}

/**
 * Recommendation 1's audit: every live case and every case closed in the last 12 months, each
 * with the failures forces' audits found (`auditFindings`). Cases kept from the reader (their
 * subject, line chain or associates) are left out, as everywhere else.
 */
export async function auditReport(deps: TEngineDeps, reader: TPrincipal): Promise<TAuditReport> {
  const asOf = deps.clock.now();
  const closedSince = new Date(asOf);
  closedSince.setUTCMonth(closedSince.getUTCMonth() - CLOSED_WITHIN_MONTHS);
  const rows = await deps.sql.query<
    {
      id: string;
      reference: string;
      status: string;
      snapshot: unknown;
      machineVersion: number;
      subjectId: string | null;
      closedAt: Date | null;
      protectiveOrdersConsidered: boolean;
    } & TSubjectContextColumns
  >(Prisma.sql`SELECT c.id, c.reference, c.status, c.snapshot, c."machineVersion", c."subjectId",
      (SELECT max(e."occurredAt") FROM "CaseEvent" e WHERE e."caseId" = c.id AND e.type = ${CLOSED})
        AS "closedAt",
      EXISTS (SELECT 1 FROM "CaseEvent" e WHERE e."caseId" = c.id
        AND e.type = ANY(${PROTECTIVE_ORDERS}::text[])) AS "protectiveOrdersConsidered",
      ${subjectContextColumns(Prisma.sql`c."subjectId"`)}
    FROM "Case" c
    WHERE c.status = 'open' OR EXISTS (SELECT 1 FROM "CaseEvent" e WHERE e."caseId" = c.id
      AND e.type = ${CLOSED} AND e."occurredAt" >= ${closedSince})
    ORDER BY c."reportedAt", c.reference`);
  const totals = Object.fromEntries(Object.keys(AUDIT_CHECKS).map((check) => [check, 0])) as Record<
    TAuditCheck,
    number
  >;
  const cases = rows
    .filter((row) => !keptFrom(reader, row))
    .map((row) => {
      const findings = auditFindings(restoreCase(row.snapshot, row.machineVersion), {
        protectiveOrdersConsidered: row.protectiveOrdersConsidered,
      });
      for (const check of findings) totals[check] += 1;
      return {
        caseId: row.id,
        reference: row.reference,
        status: row.status === 'closed' ? ('closed' as const) : ('open' as const),
        closedAt: row.closedAt?.toISOString() ?? null,
        findings,
      };
    });
  return {
    asOf: asOf.toISOString(),
    closedSince: closedSince.toISOString(),
    checks: AUDIT_CHECKS,
    enforcedByGates: ENFORCED_BY_GATES,
    totals,
    cases,
  };
}
