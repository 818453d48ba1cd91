import { Prisma } from '@ppda/db';
import { DECISION_TYPES, findRule } from '@ppda/ppda-case';
import { stringify } from 'csv-stringify/sync';
import { keptFrom, type TPrincipal } from '../access/authorize.ts';
import { subjectContextColumns, type TSubjectContextColumns } from '../access/case-parties.ts';
import type { TEngineDeps } from '../runtime/deps.ts';
import { eventTypeOf } from '../write/chain-event.ts';
import type { TAuditReport } from './audit-report.ts';
import { pdfDate, renderPdf } from './pdf-file.ts';

/** The board meets every 28 days: by default the pack looks back that far for decisions. */
export const BOARD_INTERVAL_DAYS = 28;
/** A running clock due within this many working days is at risk. */
export const AT_RISK_WORKING_DAYS = 5;

const DECISION_EVENT_TYPES = DECISION_TYPES.map(eventTypeOf);
const DECISION_TYPE_OF = new Map(DECISION_TYPES.map((type) => [eventTypeOf(type), type]));

interface TBoardPackClock {
  ruleId: string;
  title: string;
  dueAt: string;
}

interface TBoardPackDecision {
  type: string;
  actorRole: string;
  occurredAt: string;
}

export interface TBoardPackCase {
  caseId: string;
  reference: string;
  reportedAt: string;
  /** The DASH risk level the case recorded, or null when none was assessed. */
  risk: 'standard' | 'medium' | 'high' | null;
  /** Running clocks due after now and within `AT_RISK_WORKING_DAYS` working days. */
  clocksAtRisk: TBoardPackClock[];
  /** Running clocks past their due instant and still owed. */
  overdue: TBoardPackClock[];
  /** Decisions recorded since the last board (`since`), oldest first. */
  decisionsSince: TBoardPackDecision[];
}

export interface TBoardPack {
  asOf: string;
  /** The last board review: decisions recorded since then are listed. */
  since: string;
  /** Clocks due up to this instant (after now) are at risk. */
  atRiskUntil: string;
  totals: { cases: number; clocksAtRisk: number; overdue: number; decisionsSince: number };
  cases: TBoardPackCase[];
}

/**
 * The 28-day board pack: every live case the reader may read (cases kept from the reader, by
 * their subject, line chain or associates, are left out as in the audit), its DASH risk
 * level, its clocks at risk and overdue, and the decisions recorded since the last board.
 */
export async function boardPack(
  deps: TEngineDeps,
  reader: TPrincipal,
  options: { since?: Date } = {},
): Promise<TBoardPack> {
  const asOf = deps.clock.now();
  const since =
    options.since ?? new Date(asOf.getTime() - BOARD_INTERVAL_DAYS * 24 * 60 * 60 * 1000);
  const atRiskUntil = deps.calendar.addWorkingDays(asOf, AT_RISK_WORKING_DAYS);
  const rows = await deps.sql.query<
    {
      id: string;
      reference: string;
      reportedAt: Date;
      subjectId: string | null;
      risk: string | null;
      clocks: { ruleId: string; dueAt: string }[];
      decisions: { type: string; actorRole: string; occurredAt: string }[];
    } & TSubjectContextColumns
  >(Prisma.sql`SELECT c.id, c.reference, c."reportedAt", c."subjectId",
      c.snapshot->'context'->>'risk' AS risk,
      COALESCE((SELECT jsonb_agg(jsonb_build_object('ruleId', t."ruleId", 'dueAt', t."dueAt")
          ORDER BY t."dueAt", t."ruleId")
        FROM "Timer" t WHERE t."caseId" = c.id AND t.status IN ('armed', 'overdue')
          AND t."dueAt" <= ${atRiskUntil}), '[]'::jsonb) AS clocks,
      COALESCE((SELECT jsonb_agg(jsonb_build_object('type', e.type, 'actorRole', e."actorRole",
          'occurredAt', e."occurredAt") ORDER BY e.seq)
        FROM "CaseEvent" e WHERE e."caseId" = c.id AND e.type = ANY(${DECISION_EVENT_TYPES}::text[])
          AND e."occurredAt" >= ${since}), '[]'::jsonb) AS decisions,
      ${subjectContextColumns(Prisma.sql`c."subjectId"`)}
    FROM "Case" c
    WHERE c.status = 'open'
    ORDER BY c."reportedAt", c.reference`);
  const toClock = (clock: { ruleId: string; dueAt: string }): TBoardPackClock => ({
    ruleId: clock.ruleId,
    title: ruleTitle(deps, clock.ruleId),
    dueAt: new Date(clock.dueAt).toISOString(),
  });
  const cases = rows
    .filter((row) => !keptFrom(reader, row))
    .map((row): TBoardPackCase => {
      const due = row.clocks.map(toClock);
      return {
        caseId: row.id,
        reference: row.reference,
        reportedAt: row.reportedAt.toISOString(),
        risk: isRisk(row.risk) ? row.risk : null,
        clocksAtRisk: due.filter((clock) => Date.parse(clock.dueAt) > asOf.getTime()),
        overdue: due.filter((clock) => Date.parse(clock.dueAt) <= asOf.getTime()),
        decisionsSince: row.decisions.map((decision) => ({
          type: DECISION_TYPE_OF.get(decision.type) ?? decision.type,
          actorRole: decision.actorRole,
          occurredAt: new Date(decision.occurredAt).toISOString(),
        })),
      };
    });
  return {
    asOf: asOf.toISOString(),
    since: since.toISOString(),
    atRiskUntil: atRiskUntil.toISOString(),
    totals: {
      cases: cases.length,
      clocksAtRisk: cases.reduce((sum, entry) => sum + entry.clocksAtRisk.length, 0),
      overdue: cases.reduce((sum, entry) => sum + entry.overdue.length, 0),
      decisionsSince: cases.reduce((sum, entry) => sum + entry.decisionsSince.length, 0),
    },
    cases,
  };
}

function isRisk(value: string | null): value is 'standard' | 'medium' | 'high' {
  return value === 'standard' || value === 'medium' || value === 'high';
}

function ruleTitle(deps: TEngineDeps, ruleId: string): string {
  try {
    return findRule(deps.policy, ruleId).title;
  } catch {
    return ruleId;
  }
}

const clockCell = (clocks: TBoardPackClock[]) =>
  clocks.map((clock) => `${clock.ruleId} (due ${clock.dueAt})`).join('; ');

/** The board pack as CSV: a header, then one row per case. */
export function boardPackCsv(pack: TBoardPack): string {
  return stringify(
    pack.cases.map((entry) => [
      entry.reference,
      entry.reportedAt,
      entry.risk ?? '',
      entry.clocksAtRisk.length,
      clockCell(entry.clocksAtRisk),
      entry.overdue.length,
      clockCell(entry.overdue),
      entry.decisionsSince.length,
      entry.decisionsSince.map((decision) => `${decision.type} ${decision.occurredAt}`).join('; '),
    ]),
    {
      header: true,
      columns: [
        'reference',
        'reported_at',
        'risk',
        'clocks_at_risk',
        'clocks_at_risk_detail',
        'overdue',
        'overdue_detail',
        'decisions_since_last_board',
        'decisions_detail',
      ],
    },
  );
}

/** The Rec-1 audit as CSV: a header, then one row per case with its findings. */
export function auditCsv(report: TAuditReport): string {
  const checks = Object.keys(report.checks) as (keyof TAuditReport['checks'])[];
  return stringify(
    report.cases.map((entry) => [
      entry.reference,
      entry.status,
      entry.closedAt ?? '',
      entry.findings.join('; '),
      ...checks.map((check) => (entry.findings.includes(check) ? 'yes' : '')),
    ]),
    { header: true, columns: ['reference', 'status', 'closed_at', 'findings', ...checks] },
  );
}

/**
 * The board pack as a PDF (`renderPdf`: pdfkit, in-process): the totals, then each case with
 * its risk, overdue clocks, clocks at risk and decisions since the last board.
 */
export async function boardPackPdf(pack: TBoardPack): Promise<Buffer> {
  return renderPdf(
    { Title: 'PPDA board pack', Subject: `Live cases as of ${pack.asOf}` },
    (doc) => {
      doc.font('Helvetica-Bold').fontSize(18).text('PPDA board pack');
      doc
        .font('Helvetica')
        .fontSize(10)
        .text(
          `As of ${pdfDate(pack.asOf)}; decisions since the last board on ${pdfDate(pack.since)}`,
        )
        .moveDown();
      doc.fontSize(11);
      doc.text(`Live cases: ${pack.totals.cases}`);
      doc.text(`Overdue clocks: ${pack.totals.overdue}`);
      doc.text(`Clocks due by ${pdfDate(pack.atRiskUntil)}: ${pack.totals.clocksAtRisk}`);
      doc.text(`Decisions since the last board: ${pack.totals.decisionsSince}`).moveDown();
      const list = (label: string, items: string[]) =>
        doc
          .font('Helvetica')
          .fontSize(10)
          .text(`${label}: ${items.length ? items.join('; ') : 'none'}`);
      for (const entry of pack.cases) {
        doc.font('Helvetica-Bold').fontSize(12).text(entry.reference, { continued: false });
        doc
          .font('Helvetica')
          .fontSize(10)
          .text(`Reported ${pdfDate(entry.reportedAt)}; risk ${entry.risk ?? 'not assessed'}`);
        list(
          'Overdue',
          entry.overdue.map((clock) => `${clock.title} (due ${pdfDate(clock.dueAt)})`),
        );
        list(
          'At risk',
          entry.clocksAtRisk.map((clock) => `${clock.title} (due ${pdfDate(clock.dueAt)})`),
        );
        list(
          'Decisions since the last board',
          entry.decisionsSince.map(
            (decision) => `${decision.type} (${pdfDate(decision.occurredAt)})`,
          ),
        );
        doc.moveDown(0.5);
      }
    },
  );
}
