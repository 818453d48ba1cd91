import { Prisma } from '@ppda/db';
import { AppError, type TIssue } from '@ppda/domain';
import type { TCaseContext } from '@ppda/ppda-case';
import { stringify } from 'csv-stringify/sync';
import { keptFrom, type TPrincipal } from '../access/authorize.ts';
import { subjectContextColumns, type TSubjectContextColumns } from '../access/case-parties.ts';
import type { TEngineDeps } from '../runtime/deps.ts';
import { eventTypeOf } from '../write/chain-event.ts';

/**
 * The key steps whose timeliness the returns ask about, each with the clock (policy pack rule)
 * that times it. The column names of the CSV are `<step>_days` and `<step>_on_time`.
 */
export const STATISTICS_STEPS = {
  recorded: 'record.decision',
  referral_decision: 'iopc.referral',
  severity_assessment: 'severity.assessment',
  suspension_decision: 'suspension.decision',
  investigator_appointed: 'investigator.appointment',
  case_to_answer: 'case-to-answer.decision',
} as const;
type TStatisticsStep = keyof typeof STATISTICS_STEPS;

/** The longest period one export covers: a financial year with room for a late return. */
const STATISTICS_MAX_DAYS = 2 * 366;

const SUSPENDED = eventTypeOf('SUSPENDED');
const RESTRICTED = eventTypeOf('RESTRICTED');
const NOT_SUSPENDED = eventTypeOf('SUSPENSION_NOT_REQUIRED');
const CASE_TO_ANSWER = eventTypeOf('CASE_TO_ANSWER_DECIDED');
const CLOSED = eventTypeOf('CASE_CLOSED');

interface TStatisticsStepTiming {
  /** Calendar days from receipt to the step (its clock met), or null while not taken. */
  days: number | null;
  /** Met by its clock's due instant; false when met late or overdue now; null otherwise. */
  onTime: boolean | null;
}

export interface TStatisticsRow {
  /** Every case the engine runs is police-perpetrated domestic abuse: always true. */
  ppda: true;
  reference: string;
  receivedOn: string;
  receivedInPeriod: boolean;
  status: 'open' | 'closed';
  finalisedOn: string | null;
  finalisedInPeriod: boolean;
  recordedAs: 'complaint' | 'conduct-matter' | 'complaint-and-conduct-matter' | null;
  underSchedule3: boolean | null;
  /** The referral categories the allegation meets; `domestic-abuse` when it meets none. */
  allegationType: string[];
  mandatoryReferral: boolean;
  severity: string | null;
  iopcReferred: boolean | null;
  iopcMode: string | null;
  externalForce: string | null;
  suspendedOn: string | null;
  restrictedOn: string | null;
  notSuspendedOn: string | null;
  deploymentNow: TCaseContext['deployment'];
  criminalInvestigation: boolean;
  criminalResult: string | null;
  caseToAnswer: boolean | null;
  forum: 'meeting' | 'hearing' | null;
  conductOutcome: string | null;
  vetting: string | null;
  timeliness: Record<TStatisticsStep, TStatisticsStepTiming>;
  daysToFinalise: number | null;
  clocksOverdue: number;
  clocksMetLate: number;
}

export interface TStatisticsExport {
  asOf: string;
  /** The period, London dates inclusive. */
  from: string;
  to: string;
  totals: {
    cases: number;
    receivedInPeriod: number;
    finalisedInPeriod: number;
    suspended: number;
    iopcReferred: number;
    clocksOverdue: number;
  };
  rows: TStatisticsRow[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;
const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const londonDateOf = (instant: Date) => londonDate.format(instant);
/** Whole calendar days between the London dates of two instants. */
const daysBetween = (from: Date, to: Date) =>
  Math.round(
    (Date.parse(`${londonDateOf(to)}T00:00:00Z`) - Date.parse(`${londonDateOf(from)}T00:00:00Z`)) /
      MS_PER_DAY,
  );

function validDay(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
}

/** The period's London dates, checked: each a real date, `to` not before `from`, not too long. */
export function checkStatisticsPeriod(period: { from?: unknown; to?: unknown }): {
  from: string;
  to: string;
} {
  const issues: TIssue[] = [];
  for (const field of ['from', 'to'] as const) {
    if (!validDay(period[field])) {
      issues.push({ field, rule: 'date', message: `${field} must be a date as yyyy-mm-dd` });
    }
  }
  if (issues.length === 0) {
    const days = (Date.parse(String(period.to)) - Date.parse(String(period.from))) / MS_PER_DAY;
    if (days < 0) issues.push({ field: 'to', rule: 'after-from', message: 'to is before from' });
    else if (days >= STATISTICS_MAX_DAYS) {
      issues.push({
        field: 'to',
        rule: 'max-period',
        message: `the period is longer than ${STATISTICS_MAX_DAYS} days`,
      });
    }
  }
  if (issues.length > 0) {
    throw new AppError(
      'validation',
      issues.map((issue) => `${issue.field}: ${issue.message} (${issue.rule})`).join('; '),
      { issues },
    );
  }
  return { from: String(period.from), to: String(period.to) };
}

/** The default period: the financial year to date (1 April to today, London dates). */
function financialYearToDate(asOf: Date): { from: string; to: string } {
  const today = londonDateOf(asOf);
  const year = Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0);
  return { from: `${year}-04-01`, to: today };
}

interface TTimerFacts {
  ruleId: string;
  generation: number;
  status: string;
  dueAt: string;
  stoppedAt: string | null;
}

/**
 * The statistics export for the IOPC and Home Office returns (docs/statistics-export.md) over
 * a period of London dates (none given: the financial year to date): one
 * row per PPDA case open at any time in the period (received by its end and not closed before
 * its start), that the reader may read (cases kept from the reader are left out, as in the
 * audit). Each row carries the PPDA flag, the allegation type, referral, suspension, outcomes
 * and the timeliness of each key step against its clock.
 */
export async function statisticsExport(
  deps: TEngineDeps,
  reader: TPrincipal,
  period: { from?: unknown; to?: unknown },
): Promise<TStatisticsExport> {
  const asOf = deps.clock.now();
  const { from, to } = checkStatisticsPeriod(
    period.from === undefined && period.to === undefined ? financialYearToDate(asOf) : period,
  );
  // Noon UTC is on the same London date all year round.
  const dayBefore = new Date(Date.parse(`${from}T12:00:00Z`) - MS_PER_DAY);
  const periodStart = new Date(deps.calendar.endOfDay(dayBefore).getTime() + 1);
  const endsAt = deps.calendar.endOfDay(new Date(`${to}T12:00:00Z`));
  const rows = await deps.sql.query<
    {
      reference: string;
      reportedAt: Date;
      status: string;
      subjectId: string | null;
      context: TCaseContext;
      closedAt: Date | null;
      suspendedAt: Date | null;
      restrictedAt: Date | null;
      notSuspendedAt: Date | null;
      caseToAnswer: { caseToAnswer: boolean; forum?: 'meeting' | 'hearing' } | null;
      timers: TTimerFacts[];
    } & TSubjectContextColumns
  >(Prisma.sql`SELECT c.reference, c."reportedAt", c.status, c."subjectId",
      c.snapshot->'context' AS context,
      (SELECT max(e."occurredAt") FROM "CaseEvent" e WHERE e."caseId" = c.id AND e.type = ${CLOSED})
        AS "closedAt",
      (SELECT min(e."occurredAt") FROM "CaseEvent" e WHERE e."caseId" = c.id
        AND e.type = ${SUSPENDED}) AS "suspendedAt",
      (SELECT min(e."occurredAt") FROM "CaseEvent" e WHERE e."caseId" = c.id
        AND e.type = ${RESTRICTED}) AS "restrictedAt",
      (SELECT min(e."occurredAt") FROM "CaseEvent" e WHERE e."caseId" = c.id
        AND e.type = ${NOT_SUSPENDED}) AS "notSuspendedAt",
      (SELECT e.payload FROM "CaseEvent" e WHERE e."caseId" = c.id AND e.type = ${CASE_TO_ANSWER}
        ORDER BY e.seq DESC LIMIT 1) AS "caseToAnswer",
      COALESCE((SELECT jsonb_agg(jsonb_build_object('ruleId', t."ruleId",
          'generation', t.generation, 'status', t.status, 'dueAt', t."dueAt",
          'stoppedAt', t."stoppedAt") ORDER BY t."ruleId", t.generation)
        FROM "Timer" t WHERE t."caseId" = c.id), '[]'::jsonb) AS timers,
      ${subjectContextColumns(Prisma.sql`c."subjectId"`)}
    FROM "Case" c
    WHERE c."reportedAt" <= ${endsAt}
      AND NOT EXISTS (SELECT 1 FROM "CaseEvent" e WHERE e."caseId" = c.id AND e.type = ${CLOSED}
        AND e."occurredAt" < ${periodStart})
    ORDER BY c."reportedAt", c.reference`);
  const inPeriod = (at: Date | null) =>
    at !== null && at.getTime() >= periodStart.getTime() && at.getTime() <= endsAt.getTime();
  const day = (at: Date | null) => (at ? londonDateOf(at) : null);
  const result = rows
    .filter((row) => !keptFrom(reader, row))
    .map((row): TStatisticsRow => {
      const { context } = row;
      const received = row.reportedAt;
      const firstOf = (ruleId: string) =>
        row.timers.find((timer) => timer.ruleId === ruleId) ?? null;
      const timing = (ruleId: string): TStatisticsStepTiming => {
        const timer = firstOf(ruleId);
        if (!timer) return { days: null, onTime: null };
        const dueAt = Date.parse(timer.dueAt);
        if (timer.status === 'met' && timer.stoppedAt) {
          return {
            days: daysBetween(received, new Date(timer.stoppedAt)),
            onTime: Date.parse(timer.stoppedAt) <= dueAt,
          };
        }
        const running = ['armed', 'overdue', 'paused'].includes(timer.status);
        return { days: null, onTime: running && dueAt < asOf.getTime() ? false : null };
      };
      const criteria = [
        ...new Set([
          ...(context.referralCriteria ?? []),
          ...(context.referralScreening?.criteria ?? []),
        ]),
      ].sort();
      const recorded = context.recordedAs;
      const closedAt = row.status === 'closed' ? row.closedAt : null;
      return {
        ppda: true,
        reference: row.reference,
        receivedOn: londonDateOf(received),
        receivedInPeriod: inPeriod(received),
        status: row.status === 'closed' ? 'closed' : 'open',
        finalisedOn: day(closedAt),
        finalisedInPeriod: inPeriod(closedAt),
        recordedAs: !recorded
          ? null
          : recorded.complaint && recorded.conductMatter
            ? 'complaint-and-conduct-matter'
            : recorded.complaint
              ? 'complaint'
              : 'conduct-matter',
        underSchedule3: recorded ? recorded.underSchedule3 : null,
        allegationType: criteria.length > 0 ? criteria : ['domestic-abuse'],
        mandatoryReferral: criteria.length > 0,
        severity: context.severity?.level ?? null,
        iopcReferred: context.referral?.referred ?? null,
        iopcMode: context.iopcMode ?? null,
        externalForce: context.investigation?.externalForce ?? null,
        suspendedOn: day(row.suspendedAt),
        restrictedOn: day(row.restrictedAt),
        notSuspendedOn: day(row.notSuspendedAt),
        deploymentNow: context.deployment,
        criminalInvestigation: context.criminalInvestigation ?? false,
        criminalResult: context.criminalResult ?? null,
        caseToAnswer: row.caseToAnswer?.caseToAnswer ?? null,
        forum: row.caseToAnswer?.forum ?? null,
        conductOutcome: context.outcome?.outcome ?? null,
        vetting: context.vetting?.status ?? null,
        timeliness: Object.fromEntries(
          Object.entries(STATISTICS_STEPS).map(([step, ruleId]) => [step, timing(ruleId)]),
        ) as Record<TStatisticsStep, TStatisticsStepTiming>,
        daysToFinalise: closedAt ? daysBetween(received, closedAt) : null,
        clocksOverdue: row.timers.filter(
          (timer) =>
            ['armed', 'overdue'].includes(timer.status) && Date.parse(timer.dueAt) < asOf.getTime(),
        ).length,
        clocksMetLate: row.timers.filter(
          (timer) =>
            timer.status === 'met' &&
            timer.stoppedAt !== null &&
            Date.parse(timer.stoppedAt) > Date.parse(timer.dueAt),
        ).length,
      };
    });
  return {
    asOf: asOf.toISOString(),
    from,
    to,
    totals: {
      cases: result.length,
      receivedInPeriod: result.filter((row) => row.receivedInPeriod).length,
      finalisedInPeriod: result.filter((row) => row.finalisedInPeriod).length,
      suspended: result.filter((row) => row.suspendedOn !== null).length,
      iopcReferred: result.filter((row) => row.iopcReferred === true).length,
      clocksOverdue: result.reduce((sum, row) => sum + row.clocksOverdue, 0),
    },
    rows: result,
  };
}

const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no');

/** The CSV columns, in order; docs/statistics-export.md documents each against its return. */
export const STATISTICS_COLUMNS = [
  'ppda_flag',
  'reference',
  'received_on',
  'received_in_period',
  'status',
  'finalised_on',
  'finalised_in_period',
  'recorded_as',
  'under_schedule_3',
  'allegation_type',
  'mandatory_referral',
  'severity',
  'iopc_referred',
  'iopc_mode',
  'external_force',
  'suspended_on',
  'restricted_on',
  'not_suspended_on',
  'deployment_now',
  'criminal_investigation',
  'criminal_result',
  'case_to_answer',
  'forum',
  'conduct_outcome',
  'vetting',
  ...Object.keys(STATISTICS_STEPS).flatMap((step) => [`${step}_days`, `${step}_on_time`]),
  'days_to_finalise',
  'clocks_overdue',
  'clocks_met_late',
] as const;

/** The statistics export as CSV: a header, then one row per case. */
export function statisticsCsv(exported: TStatisticsExport): string {
  return stringify(
    exported.rows.map((row) => [
      'yes',
      row.reference,
      row.receivedOn,
      yesNo(row.receivedInPeriod),
      row.status,
      row.finalisedOn ?? '',
      yesNo(row.finalisedInPeriod),
      row.recordedAs ?? '',
      yesNo(row.underSchedule3),
      row.allegationType.join('; '),
      yesNo(row.mandatoryReferral),
      row.severity ?? '',
      yesNo(row.iopcReferred),
      row.iopcMode ?? '',
      row.externalForce ?? '',
      row.suspendedOn ?? '',
      row.restrictedOn ?? '',
      row.notSuspendedOn ?? '',
      row.deploymentNow,
      yesNo(row.criminalInvestigation),
      row.criminalResult ?? '',
      yesNo(row.caseToAnswer),
      row.forum ?? '',
      row.conductOutcome ?? '',
      row.vetting ?? '',
      ...(Object.keys(STATISTICS_STEPS) as TStatisticsStep[]).flatMap((step) => [
        row.timeliness[step].days ?? '',
        yesNo(row.timeliness[step].onTime),
      ]),
      row.daysToFinalise ?? '',
      row.clocksOverdue,
      row.clocksMetLate,
    ]),
    { header: true, columns: [...STATISTICS_COLUMNS] },
  );
}
