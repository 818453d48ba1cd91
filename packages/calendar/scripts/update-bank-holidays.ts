/**
 * Refreshes src/data/england-and-wales-bank-holidays.json from gov.uk.
 * Run: pnpm --filter @ppda/calendar update-holidays, then review the diff and run the tests.
 * Nothing is written unless the feed is reached and passes the same schema the calendar uses.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ZBankHolidayDivision, ZGovUkBankHolidays } from '../src/bank-holiday-schema.ts';
import { mergeBankHolidays } from '../src/merge-bank-holidays.ts';

const SOURCE = 'https://www.gov.uk/bank-holidays.json';
const DATA_FILE = fileURLToPath(
  new URL('../src/data/england-and-wales-bank-holidays.json', import.meta.url),
);
const UNCHANGED = 'The data file was not changed.';
// England and Wales always has at least 8 bank holidays a year (substitutes replace, never
// remove). Fewer means a partial year, whose missing days would count as working days.
const MIN_PER_YEAR = 8;

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch wraps the network failure (DNS, refused, timeout) in `cause`.
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

async function fetchFeed(): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(SOURCE, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new Error(`could not reach ${SOURCE} (${reason(error)}). ${UNCHANGED}`);
  }
  if (!response.ok) {
    throw new Error(`${SOURCE} answered ${response.status} ${response.statusText}. ${UNCHANGED}`);
  }
  try {
    return await response.json();
  } catch (error) {
    throw new Error(`${SOURCE} did not return JSON (${reason(error)}). ${UNCHANGED}`);
  }
}

async function main(): Promise<void> {
  const feed = ZGovUkBankHolidays.safeParse(await fetchFeed());
  if (!feed.success) {
    throw new Error(
      `${SOURCE} does not match the expected shape. ${UNCHANGED}\n${z.prettifyError(feed.error)}`,
    );
  }
  const current = ZBankHolidayDivision.parse(JSON.parse(await readFile(DATA_FILE, 'utf8')));
  const merged = mergeBankHolidays(current, feed.data['england-and-wales']);

  const perYear = new Map<string, number>();
  for (const { date } of merged.events) {
    perYear.set(date.slice(0, 4), (perYear.get(date.slice(0, 4)) ?? 0) + 1);
  }
  const partial = [...perYear].filter(([, count]) => count < MIN_PER_YEAR);
  if (partial.length > 0) {
    const years = partial.map(([year, count]) => `${year} (${count})`).join(', ');
    throw new Error(`fewer than ${MIN_PER_YEAR} bank holidays in ${years}. ${UNCHANGED}`);
  }

  const before = new Set(current.events.map((event) => event.date));
  const after = new Set(merged.events.map((event) => event.date));
  const added = [...after].filter((date) => !before.has(date));
  const removed = [...before].filter((date) => !after.has(date));

  await writeFile(DATA_FILE, `${JSON.stringify(merged, null, 2)}\n`);
  const dates = merged.events.map((event) => event.date);
  console.log(
    `Wrote ${dates.length} bank holidays (${dates[0]} to ${dates.at(-1)}) to ${DATA_FILE}.\n` +
      `Added: ${added.join(', ') || 'none'}. Removed: ${removed.join(', ') || 'none'}.\n` +
      'Review the diff, then run: pnpm exec vitest run packages/calendar',
  );
}

main().catch((error: unknown) => {
  console.error(`update-holidays failed: ${reason(error)}`);
  process.exitCode = 1;
});
