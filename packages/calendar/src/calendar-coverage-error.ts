/**
 * Thrown when an answer depends on bank holidays for a date the data does not cover:
 * treating an unknown day as a working day would silently move statutory deadlines.
 * Past the published data the calendar projects holidays by rule up to its horizon, so this
 * means a date before the data's first year or past the horizon: refuse it, never carry on.
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
        'Dates before the first published year are refused; past it, holidays are projected ' +
        'by rule for 50 years after the last published year (see the calendar README).',
    );
  }
}
