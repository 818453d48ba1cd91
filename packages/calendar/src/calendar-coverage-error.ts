/**
 * Thrown when an answer depends on bank holidays for a date the data does not cover:
 * treating an unknown day as a working day would silently move statutory deadlines.
 * The fix is to update the data (see the package README), never to catch and carry on.
 */
export class CalendarCoverageError extends Error {
  override readonly name = 'CalendarCoverageError';
  readonly code = 'calendar-coverage';

  constructor(
    /** The Europe/London local date asked about, `YYYY-MM-DD`. */
    readonly date: string,
    /** First covered local date, `YYYY-MM-DD`. */
    readonly coveredFrom: string,
    /** Last covered local date, `YYYY-MM-DD`. */
    readonly coveredTo: string,
  ) {
    super(
      `No bank holiday data for ${date}: the calendar covers ${coveredFrom} to ${coveredTo}. ` +
        'Run `pnpm --filter @ppda/calendar update-holidays`.',
    );
  }
}
