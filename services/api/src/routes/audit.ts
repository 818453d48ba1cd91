import {
  auditCsv,
  auditPdf,
  boardPackCsv,
  boardPackPdf,
  statisticsCsv,
  type TEngine,
} from '@ppda/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessRequestOf, principalOf } from '../authenticate.ts';

const ZBoardPackQuery = z.object({
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .describe(
      'The last board review: decisions recorded since then are listed (default 28 days ago)',
    ),
});

const ZStatisticsQuery = z.object({
  from: z.iso.date().describe('The first day of the period (London date, yyyy-mm-dd)'),
  to: z.iso
    .date()
    .describe('The last day of the period (London date, yyyy-mm-dd), not before `from`'),
});

const CSV = 'text/csv; charset=utf-8';

/** `ppda-<name>-<yyyy-mm-dd>.<ext>`, the London date of the file. */
function csvFilename(name: string, asOf: string, ext = 'csv'): string {
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(asOf));
  return `attachment; filename="ppda-${name}-${day}.${ext}"`;
}

/**
 * Recommendation 1: the audit of live and recently closed cases, for oversight and the AA; and
 * the 28-day board pack. JSON and CSV, the same access ('audit.report'), every read logged.
 */
export function auditRoutes(engine: TEngine): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          summary: 'Every live case and every case closed in the last 12 months, with its failures',
          description:
            "Each case lists the failures forces' audits found that it shows now (a decision missing past its clock, or missing from a case that moved past it); `enforcedByGates` names those the engine refuses outright. For the Head of PSD, the AA, the PCC and oversight roles; cases kept from you are left out, and every read is logged.",
          tags: ['queries'],
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await engine.authorizeAction(principal, 'audit.report', accessRequestOf(request));
        return engine.auditReport(principal);
      },
    );

    app.get(
      '/audit.csv',
      {
        schema: {
          summary: 'The recommendation 1 audit as CSV: one row per case, a column per check',
          description:
            'The same cases and findings as GET /audit, with the same access; every read is logged.',
          tags: ['queries'],
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await engine.authorizeAction(principal, 'audit.report', accessRequestOf(request));
        const report = await engine.auditReport(principal);
        return reply
          .header('content-type', CSV)
          .header('content-disposition', csvFilename('audit', report.asOf))
          .send(auditCsv(report));
      },
    );

    app.get(
      '/audit.pdf',
      {
        schema: {
          summary: 'The recommendation 1 audit as PDF',
          description:
            'The same cases and findings as GET /audit, with the same access; every read is logged.',
          tags: ['queries'],
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await engine.authorizeAction(principal, 'audit.report', accessRequestOf(request));
        const report = await engine.auditReport(principal);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', csvFilename('audit', report.asOf, 'pdf'))
          .send(await auditPdf(report));
      },
    );

    app.get(
      '/statistics',
      {
        schema: {
          summary: 'The statistics export for the IOPC and Home Office returns, over a period',
          description:
            'One row per PPDA case open at any time from `from` to `to` (London dates, inclusive): the PPDA flag, allegation type, referral, suspension, outcomes and the timeliness of each key step against its clock (docs/statistics-export.md maps each column to its return). For the Head of PSD, the AA and oversight roles; cases kept from you are left out, and every read is logged.',
          tags: ['queries'],
          querystring: ZStatisticsQuery,
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await engine.authorizeAction(principal, 'statistics.export', accessRequestOf(request));
        return engine.statisticsExport(principal, request.query);
      },
    );

    app.get(
      '/statistics.csv',
      {
        schema: {
          summary: 'The statistics export as CSV: one row per case, every row with the PPDA flag',
          description:
            'The same rows as GET /statistics, with the same access; every read is logged.',
          tags: ['queries'],
          querystring: ZStatisticsQuery,
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await engine.authorizeAction(principal, 'statistics.export', accessRequestOf(request));
        const exported = await engine.statisticsExport(principal, request.query);
        return reply
          .header('content-type', CSV)
          .header(
            'content-disposition',
            `attachment; filename="ppda-statistics-${exported.from}-to-${exported.to}.csv"`,
          )
          .send(statisticsCsv(exported));
      },
    );

    app.get(
      '/board-pack',
      {
        schema: {
          summary: 'The 28-day board pack: live cases, risk, clocks at risk, overdue, decisions',
          description:
            'Every live case you may read with its DASH risk level, its clocks due within 5 working days, its overdue clocks and the decisions recorded since the last board (`since`, default 28 days ago). The same access as GET /audit; cases kept from you are left out, and every read is logged.',
          tags: ['queries'],
          querystring: ZBoardPackQuery,
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await engine.authorizeAction(principal, 'audit.report', accessRequestOf(request));
        const { since } = request.query;
        return engine.boardPack(principal, since ? { since: new Date(since) } : {});
      },
    );

    app.get(
      '/board-pack.csv',
      {
        schema: {
          summary: 'The 28-day board pack as CSV: one row per live case',
          description:
            'The same cases as GET /board-pack, with the same access; every read is logged.',
          tags: ['queries'],
          querystring: ZBoardPackQuery,
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await engine.authorizeAction(principal, 'audit.report', accessRequestOf(request));
        const { since } = request.query;
        const pack = await engine.boardPack(principal, since ? { since: new Date(since) } : {});
        return reply
          .header('content-type', CSV)
          .header('content-disposition', csvFilename('board-pack', pack.asOf))
          .send(boardPackCsv(pack));
      },
    );

    app.get(
      '/board-pack.pdf',
      {
        schema: {
          summary: 'The 28-day board pack as PDF',
          description:
            'The same cases as GET /board-pack, with the same access; every read is logged.',
          tags: ['queries'],
          querystring: ZBoardPackQuery,
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await engine.authorizeAction(principal, 'audit.report', accessRequestOf(request));
        const { since } = request.query;
        const pack = await engine.boardPack(principal, since ? { since: new Date(since) } : {});
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', csvFilename('board-pack', pack.asOf, 'pdf'))
          .send(await boardPackPdf(pack));
      },
    );
  };
}
