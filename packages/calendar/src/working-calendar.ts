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
import { projectedBankHolidays } from './projected-bank-holidays.ts';

const MS_PER_HOUR = 3_600_000;

function assertInteger(name: string, value: number): void {
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
}

/** How many years past the last published year the calendar projects holidays by rule. */
export const PROJECTION_YEARS = 50;

export interface TWorkingCalendarOptions {
  /**
   * The bank-holiday dataset this calendar was built from: 0 for the shipped data, else the
   * stored dataset's version. Timers record it, so a refresh knows what to re-plan.
   */
  version?: number;
  /** Years projected by rule past the last published one (default `PROJECTION_YEARS`). */
  projectionYears?: number;
}

/** What a computation returned, and whether any holiday it looked at was projected. */
export interface TTracked<T> {
  value: T;
  projected: boolean;
}

/**
 * The working calendar for England and Wales. Every date is judged on its Europe/London
 * local date; every deadline is returned as an instant (`Date`). Bank holidays are gov.uk's
 * published dates where they exist and, for `PROJECTION_YEARS` after the last published year,
 * projected by rule (`projected-bank-holidays.ts`). Anything that depends on whether a day is
 * a bank holiday throws `CalendarCoverageError` before the data's first year or past the
 * projection horizon.
 */
export class WorkingCalendar {
  /** First local date the holiday data covers (1 Jan of the first published year), `YYYY-MM-DD`. */
  readonly coveredFrom: string;
  /** Last local date the calendar answers for: the projection horizon, `YYYY-MM-DD`. */
  readonly coveredTo: string;
  /** Last local date of published (gov.uk) data; later dates are projected, `YYYY-MM-DD`. */
  readonly publishedTo: string;
  /** The dataset version it was built from (0: the shipped data). */
  readonly version: number;
  readonly #holidays: ReadonlyMap<number, string>;
  readonly #firstDay: number;
  readonly #lastDay: number;
  readonly #lastPublishedDay: number;
  /** Set when a holiday lookup lands on a projected day; read by `track`. */
  #usedProjection = false;

  constructor(
    holidays: TBankHolidayDivision = englandAndWalesBankHolidays,
    options: TWorkingCalendarOptions = {},
  ) {
    const published = ZBankHolidayDivision.parse(holidays).events;
    const dates = published.map((event) => event.date).sort();
    const projectionYears = options.projectionYears ?? PROJECTION_YEARS;
    assertInteger('projectionYears', projectionYears);
    // min(1) in the schema guarantees both ends exist.
    const lastYear = Number(dates.at(-1)!.slice(0, 4));
    this.coveredFrom = `${dates[0]!.slice(0, 4)}-01-01`;
    this.publishedTo = `${lastYear}-12-31`;
    this.coveredTo = `${lastYear + projectionYears}-12-31`;
    this.version = options.version ?? 0;
    this.#firstDay = dayNumberFromIso(this.coveredFrom);
    this.#lastPublishedDay = dayNumberFromIso(this.publishedTo);
    this.#lastDay = dayNumberFromIso(this.coveredTo);
    const titles = new Map<number, string>();
    for (const event of published) titles.set(dayNumberFromIso(event.date), event.title);
    for (let year = lastYear + 1; year <= lastYear + projectionYears; year++) {
      for (const event of projectedBankHolidays(year)) {
        titles.set(dayNumberFromIso(event.date), event.title);
      }
    }
    this.#holidays = titles;
  }

  /** True when `d`'s local date lies past the published data (its holidays are projected). */
  isProjected(d: Date): boolean {
    return dayNumberOf(d) > this.#lastPublishedDay;
  }

  /**
   * Run a computation on this calendar and say whether it relied on projected data: whether
   * any day whose holiday status it looked at lies past the published data. Calendar
   * arithmetic is synchronous, so the flag cannot be set by anything else meanwhile.
   */
  track<T>(compute: () => T): TTracked<T> {
    const outer = this.#usedProjection;
    this.#usedProjection = false;
    try {
      const value = compute();
      return { value, projected: this.#usedProjection };
    } finally {
      this.#usedProjection = outer || this.#usedProjection;
    }
  }

  /**
   * The bank holidays (published or projected) on local dates from `a`'s to `b`'s inclusive,
   * `YYYY-MM-DD`, each with its title: what a re-plan names as the cause of a move.
   */
  bankHolidaysBetween(a: Date, b: Date): { date: string; title: string }[] {
    const from = Math.max(dayNumberOf(a), this.#firstDay);
    const to = Math.min(dayNumberOf(b), this.#lastDay);
    const found: { date: string; title: string }[] = [];
    for (let day = from; day <= to; day++) {
      const title = this.#holidays.get(day);
      if (title !== undefined) found.push({ date: isoDateOf(day), title });
    }
    return found;
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
    if (day > this.#lastPublishedDay) this.#usedProjection = true;
    return this.#holidays.has(day);
  }
}
