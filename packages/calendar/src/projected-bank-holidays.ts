import Holidays from 'date-holidays';
import type { TBankHolidayEvent } from './bank-holiday-schema.ts';

/**
 * England and Wales bank holidays projected by rule for a year gov.uk has not published yet.
 *
 * The rules are those of the Banking and Financial Dealings Act 1971, Schedule 1 (England and
 * Wales): New Year's Day (by proclamation since 1974), Good Friday and Christmas Day (common
 * law), Easter Monday, the first Monday in May (by proclamation since 1978), the last Monday in
 * May, the last Monday in August, and 26 December; when 1 January, 25 or 26 December falls on a
 * Saturday or Sunday the next weekday not already a holiday is the holiday instead
 * ("substitute day"). `date-holidays` (GB-ENG) encodes exactly these rules, Easter included.
 *
 * Only the recurring days are projected. One-off days (a coronation, a jubilee, a state
 * funeral) and one-off moves of a recurring day (VE day 2020, the 2022 Spring bank holiday)
 * are made by proclamation at a few months' notice and can never be projected: they arrive in
 * a refreshed published dataset, which re-plans the clocks they move.
 */
const RECURRING = new Set([
  "New Year's Day",
  'Good Friday',
  'Easter Monday',
  'Early May bank holiday',
  'Spring bank holiday',
  'Summer bank holiday',
  'Christmas Day',
  'Boxing Day',
]);
const SUBSTITUTE = ' (substitute day)';

const reference = new Holidays('GB', 'ENG');
const byYear = new Map<number, readonly TBankHolidayEvent[]>();

const isWeekday = (isoDate: string) => {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

/** The days off a year's rules give, as gov.uk would list them (weekdays only), memoised. */
export function projectedBankHolidays(year: number): readonly TBankHolidayEvent[] {
  let events = byYear.get(year);
  if (!events) {
    events = reference
      .getHolidays(year)
      .filter((holiday) => holiday.type === 'public')
      .filter((holiday) => RECURRING.has(holiday.name.replace(SUBSTITUTE, '')))
      .map((holiday) => ({
        title: holiday.name,
        date: holiday.date.slice(0, 10),
        notes: 'projected by rule',
        bunting: false,
      }))
      // The weekend date a substitute replaces is not a day off (gov.uk never lists it).
      .filter((event) => isWeekday(event.date))
      .sort((a, b) => a.date.localeCompare(b.date));
    byYear.set(year, events);
  }
  return events;
}
