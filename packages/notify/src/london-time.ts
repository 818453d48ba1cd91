const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

const londonDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});

const londonLongDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** `Tue, 4 Mar 2025, 23:59`: Europe/London wall-clock time. */
export function formatLondon(instant: Date): string {
  return londonFormat.format(instant);
}

/** `Fri 11 Apr`: the London day, for a subject line. */
export function formatLondonDay(instant: Date): string {
  return londonDay.format(instant);
}

/** `Friday 11 April 2025`. */
export function formatLondonLongDay(instant: Date): string {
  return londonLongDay.format(instant);
}
