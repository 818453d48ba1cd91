import type { WorkingCalendar } from '@ppda/calendar';
import { z } from 'zod';

/**
 * How a clock's source counts its period, stated per rule in the policy pack:
 * - `from-next-working-day`: "N working days beginning with the first working day after" the
 *   anchor (CondR 17-34, CMR 20): the anchor's day never counts.
 * - `from-next-day`: N days / weeks / months after the anchor day ("end of the following day",
 *   "within 28 days", "every 4 weeks", "12 months"): the anchor's day is day 0.
 * - `beginning-with-anchor-day`: "N days beginning with the day on which" (Crime and Security
 *   Act 2010 s28(10), the DVPO): the anchor's day is day 1.
 * - `elapsed-hours`: hours from the anchor's instant (s27(3), the DVPN hearing).
 */
export const ZCounting = z.enum([
  'from-next-working-day',
  'from-next-day',
  'beginning-with-anchor-day',
  'elapsed-hours',
]);
export type TCounting = z.infer<typeof ZCounting>;

/** Which countings each duration unit can be read with. */
export const COUNTINGS_BY_UNIT = {
  'working-days': ['from-next-working-day'],
  'calendar-days': ['from-next-day', 'beginning-with-anchor-day'],
  weeks: ['from-next-day', 'beginning-with-anchor-day'],
  months: ['from-next-day', 'beginning-with-anchor-day'],
  'hours-excluding-sundays-and-bank-holidays': ['elapsed-hours'],
} as const satisfies Record<string, readonly TCounting[]>;

interface TCountedRule {
  duration: { amount: number; unit: keyof typeof COUNTINGS_BY_UNIT };
  counting: TCounting;
}

/**
 * When a clock falls due, counted as its source counts. "Beginning with" the anchor day makes
 * that day the first of the period, so the period ends a day sooner than one counted from the
 * next day (a 28-day DVPO made on 1 March ends at the end of 28 March).
 */
export function dueAtFor(rule: TCountedRule, anchorAt: Date, calendar: WorkingCalendar): Date {
  const due = calendar.dueAt(anchorAt, rule.duration);
  if (rule.counting !== 'beginning-with-anchor-day' || rule.duration.amount === 0) return due;
  return calendar.addCalendarDays(due, -1);
}

const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The local (Europe/London) date of an instant, `YYYY-MM-DD`. */
export const londonDateOf = (d: Date): string => londonDate.format(d);

/**
 * The first and last day a clock's period counts, as local dates (for the table test and the
 * case page): the first is the anchor's day, the next day or the next working day.
 */
export function countingWindow(
  rule: TCountedRule,
  anchorAt: Date,
  calendar: WorkingCalendar,
): { firstDay: string; lastDay: string; dueAt: Date } {
  const dueAt = dueAtFor(rule, anchorAt, calendar);
  const first =
    rule.counting === 'from-next-working-day'
      ? calendar.addWorkingDays(anchorAt, 1)
      : rule.counting === 'from-next-day'
        ? calendar.addCalendarDays(anchorAt, 1)
        : anchorAt;
  return { firstDay: londonDateOf(first), lastDay: londonDateOf(dueAt), dueAt };
}
