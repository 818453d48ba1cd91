import { type TBankHolidayDivision, ZBankHolidayDivision } from './bank-holiday-schema.ts';
import { englandAndWalesBankHolidays } from './bank-holidays.ts';
import { CalendarCoverageError } from './calendar-coverage-error.ts';
import type { TDuration } from './duration.ts';
import {
  addMonthsToDay,
  dayNumberFromIso,
  dayNumberOf,
  endOfLondonDay,
  isoDateOf,
  londonHourOf,
  startOfLondonDay,
  weekdayOf,
} from './london-day.ts';

const MS_PER_HOUR = 3_600_000;

function assertInteger(name: string, value: number): void {
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
}

/**
 * The working calendar for England and Wales. Every date is judged on its Europe/London
 * local date; every deadline is returned as an instant (`Date`). Anything that depends on
 * whether a day is a bank holiday throws `CalendarCoverageError` outside the data's years.
 */
export class WorkingCalendar {
  /** First and last local dates the holiday data covers (whole years), `YYYY-MM-DD`. */
  readonly coveredFrom: string;
  readonly coveredTo: string;
  readonly #holidays: ReadonlySet<number>;
  readonly #firstDay: number;
  readonly #lastDay: number;

  constructor(holidays: TBankHolidayDivision = englandAndWalesBankHolidays) {
    const dates = ZBankHolidayDivision.parse(holidays)
      .events.map((event) => event.date)
      .sort();
    // min(1) in the schema guarantees both ends exist.
    this.coveredFrom = `${dates[0]!.slice(0, 4)}-01-01`;
    this.coveredTo = `${dates.at(-1)!.slice(0, 4)}-12-31`;
    this.#firstDay = dayNumberFromIso(this.coveredFrom);
    this.#lastDay = dayNumberFromIso(this.coveredTo);
    this.#holidays = new Set(dates.map(dayNumberFromIso));
  }

  /** Monday to Friday and not a bank holiday, on `d`'s local date. */
  isWorkingDay(d: Date): boolean {
    return this.#isWorkingDay(dayNumberOf(d));
  }

  /** 23:59:59.999 Europe/London on `d`'s local date. */
  endOfDay(d: Date): Date {
    return new Date(endOfLondonDay(dayNumberOf(d)));
  }

  /**
   * End of the `n`th working day after the anchor's local date (the anchor's own day never
   * counts, whatever time it is). Negative `n`: end of the `|n|`th working day before it.
   * Zero: end of the anchor's own day.
   */
  addWorkingDays(anchor: Date, n: number): Date {
    assertInteger('n', n);
    const step = Math.sign(n);
    let day = dayNumberOf(anchor);
    for (let left = Math.abs(n); left > 0; ) {
      day += step;
      if (this.#isWorkingDay(day)) left--;
    }
    return new Date(endOfLondonDay(day));
  }

  /** End of the local day `n` calendar days after the anchor's. */
  addCalendarDays(anchor: Date, n: number): Date {
    assertInteger('n', n);
    return new Date(endOfLondonDay(dayNumberOf(anchor) + n));
  }

  /** End of the local day `n` weeks after the anchor's. */
  addWeeks(anchor: Date, n: number): Date {
    return this.addCalendarDays(anchor, 7 * n);
  }

  /** End of the local day `n` months after the anchor's, clamped to the month's end (31 Jan + 1 → 28/29 Feb). */
  addMonths(anchor: Date, n: number): Date {
    assertInteger('n', n);
    return new Date(endOfLondonDay(addMonthsToDay(dayNumberOf(anchor), n)));
  }

  /**
   * The anchor plus `hours` of real elapsed time, not counting any time on a Sunday or a bank
   * holiday (the DVPN hearing rule, Crime and Security Act 2010 s27). Walks local day by local
   * day in instants, so 23- and 25-hour days count their true length.
   */
  addHoursExcluding(anchor: Date, hours: number): Date {
    if (!Number.isFinite(hours) || hours < 0) {
      throw new RangeError(`hours must be a finite number >= 0, got ${hours}`);
    }
    let remaining = hours * MS_PER_HOUR;
    let cursor = anchor.getTime();
    for (let day = dayNumberOf(anchor); ; day++) {
      const nextStart = startOfLondonDay(day + 1);
      if (!this.#isExcludedFromHours(day)) {
        const available = nextStart - cursor;
        if (remaining <= available) return new Date(cursor + remaining);
        remaining -= available;
      }
      cursor = nextStart;
    }
  }

  /** `hour`:00 local on the first working day on or after `d`'s local date. */
  startOfWorkingDay(d: Date, hour = 9): Date {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
      throw new RangeError(`hour must be an integer 0-23, got ${hour}`);
    }
    let day = dayNumberOf(d);
    while (!this.#isWorkingDay(day)) day++;
    return new Date(londonHourOf(day, hour));
  }

  /** The instant midway between `a` and `b` (for "remind halfway" on short clocks). */
  halfway(a: Date, b: Date): Date {
    return new Date(a.getTime() + (b.getTime() - a.getTime()) / 2);
  }

  /**
   * Working days after `a`'s local date up to and including `b`'s, so that
   * `workingDaysBetween(a, addWorkingDays(a, n)) === n` for n >= 0. Negative when `b` is earlier.
   */
  workingDaysBetween(a: Date, b: Date): number {
    const from = dayNumberOf(a);
    const to = dayNumberOf(b);
    if (to < from) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let day = from + 1; day <= to; day++) if (this.#isWorkingDay(day)) count++;
    return count;
  }

  /** When a clock of `duration` started at `anchor` falls due. */
  dueAt(anchor: Date, duration: TDuration): Date {
    const { amount, unit } = duration;
    switch (unit) {
      case 'working-days':
        return this.addWorkingDays(anchor, amount);
      case 'calendar-days':
        return this.addCalendarDays(anchor, amount);
      case 'weeks':
        return this.addWeeks(anchor, amount);
      case 'months':
        return this.addMonths(anchor, amount);
      case 'hours-excluding-sundays-and-bank-holidays':
        return this.addHoursExcluding(anchor, amount);
      default: {
        const unknown: never = unit;
        throw new RangeError(`unknown duration unit ${String(unknown)}`);
      }
    }
  }

  #isWorkingDay(day: number): boolean {
    // Holiday lookup first: it is what refuses days outside the data, weekends included.
    return !this.#isBankHoliday(day) && weekdayOf(day) <= 5;
  }

  #isExcludedFromHours(day: number): boolean {
    return this.#isBankHoliday(day) || weekdayOf(day) === 7;
  }

  #isBankHoliday(day: number): boolean {
    if (day < this.#firstDay || day > this.#lastDay) {
      throw new CalendarCoverageError(isoDateOf(day), this.coveredFrom, this.coveredTo);
    }
    return this.#holidays.has(day);
  }
}
