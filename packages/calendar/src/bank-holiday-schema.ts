import { z } from 'zod';

// gov.uk only ever lists the day off itself (a substitute Monday, never the Saturday it
// replaces), so a weekend date means the data was hand-edited wrongly or the feed changed.
const isWeekday = (isoDate: string): boolean => {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

/** One event in gov.uk's bank-holidays.json, exactly as published. */
export const ZBankHolidayEvent = z.object({
  title: z.string().min(1),
  date: z.iso.date().refine(isWeekday, { message: 'a bank holiday falls on a weekday' }),
  notes: z.string(),
  bunting: z.boolean(),
});
export type TBankHolidayEvent = z.infer<typeof ZBankHolidayEvent>;

/** The england-and-wales division of gov.uk's bank-holidays.json. */
export const ZBankHolidayDivision = z
  .object({
    division: z.literal('england-and-wales'),
    events: z.array(ZBankHolidayEvent).min(1),
  })
  .superRefine(({ events }, ctx) => {
    const seen = new Set<string>();
    for (const [index, event] of events.entries()) {
      if (seen.has(event.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['events', index, 'date'],
          message: `${event.date} is listed twice`,
        });
      }
      seen.add(event.date);
    }
    // The calendar covers whole years from the first to the last; a year with no events
    // inside that range would silently count its bank holidays as working days.
    const years = new Set(events.map((event) => Number(event.date.slice(0, 4))));
    const first = Math.min(...years);
    const last = Math.max(...years);
    for (let year = first; year <= last; year++) {
      if (!years.has(year)) {
        ctx.addIssue({ code: 'custom', path: ['events'], message: `no bank holidays for ${year}` });
      }
    }
  });
export type TBankHolidayDivision = z.infer<typeof ZBankHolidayDivision>;

/** The whole gov.uk feed; only the england-and-wales division is kept. */
export const ZGovUkBankHolidays = z.object({ 'england-and-wales': ZBankHolidayDivision });
