import type { WorkingCalendar } from '@ppda/calendar';
import type { TRule } from '@ppda/ppda-case';

/** When mail may go: whole hours, Europe/London, on working days (rules.md, default 08-18). */
export interface TMailHours {
  startHour: number;
  endHour: number;
}

export const DEFAULT_MAIL_HOURS: TMailHours = { startHour: 8, endHour: 18 };

/** Working hours, or `always`: every notice goes at its rung (configured, never the default). */
export type TMailHoursSetting = TMailHours | 'always';

/**
 * How a notice is timed (rules.md, the paragraph after the clocks table):
 * `at-once` whatever the hour (hour-based clocks, escalations of short statute clocks, alerts);
 * `on-its-day` at the start of working hours on the rung's own day (reminders, due notices);
 * `after-rung` at the first start of working hours after the rung (escalations).
 */
export type TMailTiming = 'at-once' | 'on-its-day' | 'after-rung';

const HOUR_BASED = 'hours-excluding-sundays-and-bank-holidays';

/** A statute clock of 2 WD (or 2 days, or 48 hours) or shorter: its escalation cannot wait. */
function isShortStatute(rule: Pick<TRule, 'kind' | 'duration'>): boolean {
  const { amount, unit } = rule.duration;
  if (rule.kind !== 'statute') return false;
  if (unit === 'working-days' || unit === 'calendar-days') return amount <= 2;
  if (unit === HOUR_BASED) return amount <= 48;
  return false;
}

export function mailTimingOf(
  rule: Pick<TRule, 'kind' | 'duration'>,
  kind: 'reminder' | 'due' | 'escalation',
): TMailTiming {
  if (rule.duration.unit === HOUR_BASED) return 'at-once';
  if (kind === 'escalation') return isShortStatute(rule) ? 'at-once' : 'after-rung';
  return 'on-its-day';
}

/** Is `at` within working hours (a working day, from the start hour up to the end hour)? */
function isWithinMailHours(calendar: WorkingCalendar, hours: TMailHours, at: Date): boolean {
  if (!calendar.isWorkingDay(at)) return false;
  const opens = calendar.startOfWorkingDay(at, hours.startHour).getTime();
  const closes = calendar.startOfWorkingDay(at, hours.endHour).getTime();
  return at.getTime() >= opens && at.getTime() < closes;
}

/** The first start of working hours strictly after `at`. */
function nextMailHoursStart(calendar: WorkingCalendar, hours: TMailHours, at: Date): Date {
  const sameDay = calendar.startOfWorkingDay(at, hours.startHour);
  if (sameDay.getTime() > at.getTime()) return sameDay;
  const nextDay = new Date(calendar.endOfDay(sameDay).getTime() + 1);
  return calendar.startOfWorkingDay(nextDay, hours.startHour);
}

/**
 * When a notice goes. `rungAt` is the rung's legal instant (kept on its event, whatever this
 * says); `plannedAt` is now. A notice whose send time has already passed goes at once if now
 * is within working hours, else at the next start of working hours.
 */
export function sendAtFor(
  calendar: WorkingCalendar,
  hours: TMailHoursSetting,
  timing: TMailTiming,
  rungAt: Date,
  plannedAt: Date,
): Date {
  if (timing === 'at-once' || hours === 'always') return plannedAt;
  const target =
    timing === 'on-its-day'
      ? calendar.startOfWorkingDay(rungAt, hours.startHour)
      : nextMailHoursStart(calendar, hours, rungAt);
  if (target.getTime() >= plannedAt.getTime()) return target;
  return isWithinMailHours(calendar, hours, plannedAt)
    ? plannedAt
    : nextMailHoursStart(calendar, hours, plannedAt);
}
