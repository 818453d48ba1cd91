import { type TBankHolidayDivision, ZBankHolidayDivision } from './bank-holiday-schema.ts';

/**
 * Fetched years replace the years we hold; years the feed no longer lists are kept, because
 * gov.uk drops old years and cases opened then still need their deadlines recomputed.
 */
export function mergeBankHolidays(
  current: TBankHolidayDivision,
  fetched: TBankHolidayDivision,
): TBankHolidayDivision {
  const fetchedYears = new Set(fetched.events.map((event) => event.date.slice(0, 4)));
  const kept = current.events.filter((event) => !fetchedYears.has(event.date.slice(0, 4)));
  const events = [...kept, ...fetched.events].sort((a, b) => a.date.localeCompare(b.date));
  return ZBankHolidayDivision.parse({ division: 'england-and-wales', events });
}
