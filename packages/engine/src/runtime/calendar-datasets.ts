import { createHash } from 'node:crypto';
import {
  englandAndWalesBankHolidays,
  mergeBankHolidays,
  type TBankHolidayDivision,
  WorkingCalendar,
  ZBankHolidayDivision,
  ZGovUkBankHolidays,
} from '@ppda/calendar';
import { Prisma, violatedUniqueConstraint } from '@ppda/db';
import { AppError, type TIssue } from '@ppda/domain';
import type { TEngineDeps } from './deps.ts';

/**
 * Published bank holidays as a runtime dataset. Ops import a gov.uk-shaped file (there is
 * no internet at run time); each import that changes a date is stored as a new version
 * holding the effective published data (merged over the version before), who imported it,
 * when, and which dates it added and removed. Every process builds its calendar from the
 * newest version merged over the shipped data (the shipped data alone when none is stored).
 *
 * How other processes learn of a new version: `syncCalendar` reads the newest version
 * number (one indexed row) and rebuilds the calendar when it moved on. It runs when a runtime
 * opens, at the start of every reconcile (at start and every RECONCILE_EVERY_MS on the
 * worker) and before any re-plan. A command in a process that has not synced yet plans with
 * the calendar it holds and records that version on the timer, so the next re-plan (the
 * reconciler's, on any process) corrects it: the timer is never lost, only briefly stale.
 */

/** England and Wales always has at least 8 bank holidays a year: fewer means a partial year. */
const MIN_PER_YEAR = 8;
/**
 * The most a year has had is 10 (2022: the jubilee and a state funeral). A file with more is
 * a mistake or an attempt to push every clock back (a dataset is an ops power over case
 * timing), so it is refused: the bound leaves room for one more one-off day.
 */
const MAX_PER_YEAR = 11;

export interface TDatasetRow {
  version: number;
  division: TBankHolidayDivision;
  publishedTo: string;
  added: string[];
  removed: string[];
  source: string;
  importedBy: string;
  importedAt: Date;
  replannedAt: Date | null;
}

const DATASET_COLUMNS = Prisma.sql`version, division, "publishedTo", added, removed, source,
  "importedBy", "importedAt", "replannedAt"`;

async function readDataset(
  deps: Pick<TEngineDeps, 'sql'>,
  version?: number,
): Promise<TDatasetRow | undefined> {
  const rows = await deps.sql.query<TDatasetRow>(
    version === undefined
      ? Prisma.sql`SELECT ${DATASET_COLUMNS} FROM "BankHolidayDataset" ORDER BY version DESC LIMIT 1`
      : Prisma.sql`SELECT ${DATASET_COLUMNS} FROM "BankHolidayDataset" WHERE version = ${version}`,
  );
  return rows[0];
}

/** The dataset's metadata, or the shipped data's (version 0). */
export async function datasetInfo(deps: TEngineDeps, version: number) {
  return version === 0 ? undefined : readDataset(deps, version);
}

/** The calendar of a stored version (or of the shipped data, for none). */
function calendarOf(dataset?: Pick<TDatasetRow, 'version' | 'division'>): WorkingCalendar {
  if (!dataset) return new WorkingCalendar(englandAndWalesBankHolidays, { version: 0 });
  return new WorkingCalendar(mergeBankHolidays(englandAndWalesBankHolidays, dataset.division), {
    version: dataset.version,
  });
}

/** Calendars of older versions, kept per engine: a re-plan compares a timer's with the newest. */
const older = new WeakMap<TEngineDeps, Map<number, WorkingCalendar>>();

/** The calendar a timer was planned with. */
export async function calendarOfVersion(
  deps: TEngineDeps,
  version: number,
): Promise<WorkingCalendar> {
  if (version === deps.calendar.version) return deps.calendar;
  let cache = older.get(deps);
  if (!cache) {
    cache = new Map();
    older.set(deps, cache);
  }
  let calendar = cache.get(version);
  if (!calendar) {
    calendar = calendarOf(await datasetInfo(deps, version));
    cache.set(version, calendar);
  }
  return calendar;
}

/**
 * Make `deps.calendar` the newest stored dataset's. Cheap when nothing changed (one indexed
 * read). `deps` is shared by every function of the engine, so swapping the calendar on it
 * moves the whole process to the new dataset at once; a computation already under way keeps
 * the calendar it started with.
 */
export async function syncCalendar(deps: TEngineDeps): Promise<WorkingCalendar> {
  const rows = await deps.sql.query<{ version: number | null }>(
    Prisma.sql`SELECT max(version) AS version FROM "BankHolidayDataset"`,
  );
  const newest = rows[0]?.version ?? 0;
  if (newest !== deps.calendar.version) {
    const dataset = await readDataset(deps, newest);
    deps.calendar = calendarOf(dataset);
    deps.logger.info(
      { calendarVersion: deps.calendar.version, publishedTo: deps.calendar.publishedTo },
      'working calendar loaded',
    );
  }
  return deps.calendar;
}

/** A gov.uk bank-holidays file (whole feed or the england-and-wales division), checked. */
export function parseBankHolidayFile(text: string): TBankHolidayDivision {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid([{ field: 'file', rule: 'json', message: `not JSON: ${String(error)}` }]);
  }
  return checkBankHolidays(json);
}

/**
 * Check an already-parsed file: gov.uk's whole feed (only england-and-wales is kept) or that
 * division alone; its shape, real weekday dates, no gaps, whole years.
 */
export function checkBankHolidays(input: unknown): TBankHolidayDivision {
  const isFeed = typeof input === 'object' && input !== null && 'england-and-wales' in input;
  const parsed = isFeed
    ? ZGovUkBankHolidays.transform((feed) => feed['england-and-wales']).safeParse(input)
    : ZBankHolidayDivision.safeParse(input);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.') || 'file',
        rule: issue.code,
        message: issue.message,
      })),
    );
  }
  const perYear = new Map<string, number>();
  for (const { date } of parsed.data.events) {
    perYear.set(date.slice(0, 4), (perYear.get(date.slice(0, 4)) ?? 0) + 1);
  }
  const partial = [...perYear].filter(([, count]) => count < MIN_PER_YEAR);
  if (partial.length > 0) {
    throw invalid(
      partial.map(([year, count]) => ({
        field: 'events',
        rule: 'whole-years',
        message: `${year} lists ${count} bank holidays; a year has at least ${MIN_PER_YEAR}, so it is partial`,
      })),
    );
  }
  return parsed.data;
}

function invalid(issues: TIssue[]): AppError {
  const message = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
  return new AppError('validation', `bank holidays refused, nothing stored: ${message}`, {
    issues,
  });
}

const datesOf = (division: TBankHolidayDivision) =>
  division.events.map((event) => event.date).sort();

export interface TDatasetImport {
  division: TBankHolidayDivision;
  importedBy: string;
  /** Where it came from: a file name, or `api`. */
  source: string;
}

export interface TDatasetImportResult {
  /** The newest version after the import (unchanged when nothing changed). */
  version: number;
  changed: boolean;
  added: string[];
  removed: string[];
  publishedTo: string;
}

/**
 * Store a new version when the file changes any date: the years it lists replace those of
 * the newest version (years it leaves out are kept, as gov.uk drops old years). The same data
 * again stores nothing. Two imports at once: the second to commit fails on the version key
 * (409) and can be retried.
 */
export async function storeBankHolidays(
  /** Only the database, the clock and a logger: the CLI stores without the rest of an engine. */
  deps: Pick<TEngineDeps, 'sql' | 'clock' | 'logger'>,
  input: TDatasetImport,
): Promise<TDatasetImportResult> {
  const newest = await readDataset(deps);
  const current = newest?.division ?? englandAndWalesBankHolidays;
  const merged = ZBankHolidayDivision.parse(
    mergeBankHolidays(mergeBankHolidays(englandAndWalesBankHolidays, current), input.division),
  );
  const before = new Set(datesOf(mergeBankHolidays(englandAndWalesBankHolidays, current)));
  const after = new Set(datesOf(merged));
  const added = [...after].filter((date) => !before.has(date));
  const removed = [...before].filter((date) => !after.has(date));
  const publishedTo = `${datesOf(merged).at(-1)!.slice(0, 4)}-12-31`;
  const version = newest?.version ?? 0;
  refuseRewritingTime(merged, [...added, ...removed], deps.clock.now());
  if (added.length === 0 && removed.length === 0) {
    return { version, changed: false, added, removed, publishedTo };
  }
  const sha256 = createHash('sha256').update(datesOf(merged).join(',')).digest('hex');
  try {
    await deps.sql.query(
      Prisma.sql`INSERT INTO "BankHolidayDataset" (version, division, "publishedTo", added,
          removed, source, sha256, "importedBy", "importedAt")
        VALUES (${version + 1}, ${JSON.stringify(merged)}::jsonb, ${publishedTo}, ${added}::text[],
          ${removed}::text[], ${input.source}, ${sha256}, ${input.importedBy}, ${deps.clock.now()})`,
    );
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'BankHolidayDataset_pkey') {
      throw new AppError('conflict', 'another bank-holiday import landed first; retry');
    }
    throw error;
  }
  deps.logger.info(
    { calendarVersion: version + 1, added, removed, importedBy: input.importedBy },
    'bank holiday dataset stored',
  );
  return { version: version + 1, changed: true, added, removed, publishedTo };
}

/**
 * A dataset moves running clocks, so ops' power over it is bounded: no day already begun
 * (past rungs have fired on the old dates; history is not rewritten) and no year with more
 * bank holidays than any has had. Every date it does move is recorded on each case it moves.
 */
function refuseRewritingTime(merged: TBankHolidayDivision, changed: string[], now: Date): void {
  const today = londonDateOf(now);
  const issues: TIssue[] = changed
    .filter((date) => date <= today)
    .map((date) => ({
      field: 'events',
      rule: 'no-past-change',
      message: `${date} is on or before today (${today}): a day already counted cannot change`,
    }));
  const perYear = new Map<string, number>();
  for (const date of datesOf(merged)) {
    perYear.set(date.slice(0, 4), (perYear.get(date.slice(0, 4)) ?? 0) + 1);
  }
  for (const [year, count] of perYear) {
    if (count > MAX_PER_YEAR) {
      issues.push({
        field: 'events',
        rule: 'at-most-11-a-year',
        message: `${year} would have ${count} bank holidays; no year has had more than 10`,
      });
    }
  }
  if (issues.length > 0) throw invalid(issues);
}

const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
const londonDateOf = (instant: Date) => londonDate.format(instant);

/** Mark a version's re-plan finished: every timer planned under an older one was re-planned. */
export async function markReplanned(deps: TEngineDeps, version: number): Promise<void> {
  if (version === 0) return;
  await deps.sql.query(
    Prisma.sql`UPDATE "BankHolidayDataset" SET "replannedAt" = ${deps.clock.now()}
      WHERE version = ${version} AND "replannedAt" IS NULL`,
  );
}

/** What `GET /calendar` shows: how far the calendar answers, and from which dataset. */
export async function calendarCoverage(deps: TEngineDeps) {
  const calendar = await syncCalendar(deps);
  const dataset = await datasetInfo(deps, calendar.version);
  return {
    coveredFrom: calendar.coveredFrom,
    publishedTo: calendar.publishedTo,
    projectedTo: calendar.coveredTo,
    datasetVersion: calendar.version,
    dataset: dataset
      ? {
          source: dataset.source,
          importedBy: dataset.importedBy,
          importedAt: new Date(dataset.importedAt).toISOString(),
          added: dataset.added,
          removed: dataset.removed,
          replannedAt: dataset.replannedAt ? new Date(dataset.replannedAt).toISOString() : null,
        }
      : { source: 'shipped', importedBy: null, importedAt: null, added: [], removed: [] },
  };
}
