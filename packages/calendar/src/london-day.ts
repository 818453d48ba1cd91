import { DateTime, IANAZone } from 'luxon';

/**
 * Local dates in Europe/London as day numbers: whole days since 1970-01-01 of the civil
 * date. Day arithmetic on them is plain integer arithmetic with no zone or DST to get
 * wrong; Luxon converts only at the edges (instant → local date, local time → instant).
 */
export const LONDON = 'Europe/London';

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

const zone = IANAZone.create(LONDON);
const offsetMemo = new Map<number, number>();

// Asking Intl for an offset costs microseconds and the engine asks constantly. London's
// clock changes fall on a whole UTC hour (01:00 UTC), so one offset holds for a whole UTC
// hour and can be remembered per hour (london-day.test.ts checks this against Luxon).
function londonOffsetMs(ms: number): number {
  const hour = Math.floor(ms / MS_PER_HOUR);
  let offset = offsetMemo.get(hour);
  if (offset === undefined) {
    offset = zone.offset(hour * MS_PER_HOUR) * 60_000;
    offsetMemo.set(hour, offset);
  }
  return offset;
}

/** The Europe/London local date of an instant, as a day number. */
export function dayNumberOf(instant: Date): number {
  const ms = instant.getTime();
  // An invalid Date would otherwise walk the working-day loops forever.
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date');
  return Math.floor((ms + londonOffsetMs(ms)) / MS_PER_DAY);
}

/** The same day of the month `months` later, clamped to that month's last day. */
export function addMonthsToDay(day: number, months: number): number {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastOfMonth)) / MS_PER_DAY;
}

export function dayNumberFromIso(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / MS_PER_DAY;
}

export function isoDateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

// Timers ask for the same few hundred days again and again; a memo keeps Luxon's
// zone resolution off the hot path. Both always exist: London changes clocks at 01:00 UTC.
const startMemo = new Map<number, number>();
const endMemo = new Map<number, number>();

function localTime(day: number, hour: number, minute: number, second: number, ms: number): number {
  const date = new Date(day * MS_PER_DAY);
  return DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour,
      minute,
      second,
      millisecond: ms,
    },
    { zone: LONDON },
  ).toMillis();
}

/** 00:00:00.000 Europe/London on `day`, as epoch milliseconds. */
export function startOfLondonDay(day: number): number {
  let ms = startMemo.get(day);
  if (ms === undefined) {
    ms = localTime(day, 0, 0, 0, 0);
    startMemo.set(day, ms);
  }
  return ms;
}

/** 23:59:59.999 Europe/London on `day`, as epoch milliseconds. */
export function endOfLondonDay(day: number): number {
  let ms = endMemo.get(day);
  if (ms === undefined) {
    ms = localTime(day, 23, 59, 59, 999);
    endMemo.set(day, ms);
  }
  return ms;
}

/** `hour`:00 Europe/London on `day`, as epoch milliseconds. */
export function londonHourOf(day: number, hour: number): number {
  return localTime(day, hour, 0, 0, 0);
}
