import { createEvent } from 'ics';

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

/** The Europe/London calendar date of an instant, as `[year, month, day]`. */
export function londonDateOf(instant: Date): [number, number, number] {
  const parts = Object.fromEntries(
    londonParts.formatToParts(instant).map((part) => [part.type, part.value]),
  );
  return [Number(parts.year), Number(parts.month), Number(parts.day)];
}

export interface TCalendarInviteInput {
  /** Stable per case and rule, so a later notice updates the same calendar entry. */
  uid: string;
  title: string;
  description: string;
  url?: string;
  /** A whole London day (a review or a meeting due that day), or an exact instant (a hearing). */
  on: { day: Date } | { at: Date; minutes: number };
  /** When the entry is written (DTSTAMP): the engine's clock, so a virtual clock's time, not the wall's. */
  stamp: Date;
}

/**
 * An iCalendar (RFC 5545) event for a scheduled review, interview, meeting or hearing, built
 * with `ics`. A day is written as a DATE (`DTSTART;VALUE=DATE`), the London date, so it opens
 * on that day in any calendar; an instant is written in UTC, which calendars show in London
 * time. DTSTAMP is the engine's now (`stamp`), never `ics`'s own wall clock. No names: the
 * title and description carry references and rule ids only.
 */
export function renderCalendarInvite(input: TCalendarInviteInput): string {
  const timing =
    'day' in input.on
      ? (() => {
          const start = londonDateOf(input.on.day);
          const next = new Date(Date.UTC(start[0], start[1] - 1, start[2] + 1));
          return {
            start,
            end: [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()] as [
              number,
              number,
              number,
            ],
          };
        })()
      : {
          start: input.on.at.getTime(),
          startInputType: 'utc' as const,
          startOutputType: 'utc' as const,
          duration: { minutes: input.on.minutes },
        };
  // `ics` writes DTSTAMP from `timestamp` (its schema and formatter read it; its types omit
  // it) and otherwise from Date.now(), the wall clock.
  const stamp = { timestamp: input.stamp.getTime() };
  const { error, value } = createEvent({
    ...timing,
    ...stamp,
    uid: input.uid,
    title: input.title,
    description: input.description,
    productId: 'ppda-engine/notify',
    method: 'PUBLISH',
    ...(input.url ? { url: input.url } : {}),
  } as Parameters<typeof createEvent>[0]);
  if (error || !value) throw error ?? new Error('calendar invite not built');
  return value;
}
