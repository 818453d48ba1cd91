import { checkBankHolidays, type TEngine } from '@ppda/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessRequestOf, principalOf } from '../authenticate.ts';

/** The working calendar for ops: its coverage, and importing gov.uk's published bank holidays. */
export function calendarRoutes(engine: TEngine): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/calendar',
      {
        schema: {
          summary: "The working calendar's coverage and the bank-holiday dataset it runs on",
          description:
            'coveredFrom: the first day it answers for; publishedTo: the last day of published (gov.uk) data; projectedTo: the last day of holidays projected by rule (Banking and Financial Dealings Act 1971 Sch 1). Dates outside coveredFrom..projectedTo are refused. Ops.',
          tags: ['queries'],
        },
      },
      async (request) => {
        await engine.authorizeAction(
          principalOf(request),
          'calendar.manage',
          accessRequestOf(request),
        );
        return engine.calendarCoverage();
      },
    );

    app.post(
      '/calendar/bank-holidays',
      {
        schema: {
          summary:
            'Import published bank holidays (gov.uk bank-holidays.json, or its england-and-wales division)',
          description:
            'The years the file lists replace those held; others are kept. A file that changes a date is stored as a new dataset version (who, when, dates added and removed) and every running clock whose dates it moves is re-planned, each with a clock.replanned case event; the same data again changes nothing. A bad file: 400 naming each problem, nothing stored. Ops.',
          tags: ['commands'],
        },
        bodyLimit: 1024 * 1024,
      },
      async (request) => {
        const principal = principalOf(request);
        await engine.authorizeAction(principal, 'calendar.manage', accessRequestOf(request));
        return engine.importBankHolidays({
          division: checkBankHolidays(request.body ?? null),
          importedBy: principal.id,
          source: 'api',
        });
      },
    );
  };
}
