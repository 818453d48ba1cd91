import { DateTime } from 'luxon';
import { LONDON } from './london-day.ts';

/** An instant from a Europe/London wall-clock time, e.g. `london('2025-03-03T10:00')`. */
export function london(localIso: string): Date {
  const parsed = DateTime.fromISO(localIso, { zone: LONDON });
  if (!parsed.isValid) throw new Error(`bad test date ${localIso}`);
  return parsed.toJSDate();
}

/** An instant shown as Europe/London wall-clock time, e.g. `2025-03-04T23:59:59.999`. */
export function local(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: LONDON }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS");
}

/** Shorthand for the end of a local day. */
export function endOf(isoDate: string): string {
  return `${isoDate}T23:59:59.999`;
}
