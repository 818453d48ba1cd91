import {
  REPORT_FILES,
  reportFile,
  type TEngine,
  type TReportFiles,
  type TReportFormat,
} from '@ppda/engine';
import type { FastifyRequest } from 'fastify';
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

type TApp = Parameters<FastifyPluginAsyncZod>[0];
type TPrincipal = ReturnType<typeof principalOf>;
type TDocs = { summary: string; description: string };

/** One report: where it is served, who may read it, how it is made and written as files. */
interface TReport<T, Q extends z.ZodObject> {
  path: string;
  action: Parameters<TEngine['authorizeAction']>[1];
  query?: Q;
  produce(principal: TPrincipal, query: z.infer<Q>): Promise<T>;
  files: TReportFiles<T>;
  /** The JSON route's docs, then each file route's. */
  docs: { json: TDocs } & Partial<Record<TReportFormat, TDocs>>;
}

/**
 * Serve a report as JSON at `path` and as `path.<format>` for each file format it has: each
 * read authorized (and so logged) before the report is made; files as attachments.
 */
function serveReport<T, Q extends z.ZodObject>(app: TApp, engine: TEngine, report: TReport<T, Q>) {
  const querystring = report.query ? { querystring: report.query } : {};
  const read = async (request: FastifyRequest) => {
    const principal = principalOf(request);
    await engine.authorizeAction(principal, report.action, accessRequestOf(request));
    // Fastify has parsed and checked the query against `report.query` (400 otherwise).
    return report.produce(principal, request.query as z.infer<Q>);
  };
  app.get(
    report.path,
    { schema: { ...report.docs.json, tags: ['queries'], ...querystring } },
    read,
  );
  for (const format of Object.keys(report.files.formats) as TReportFormat[]) {
    const docs = report.docs[format];
    if (!docs) throw new Error(`${report.path}.${format} has no docs`);
    app.get(
      `${report.path}.${format}`,
      { schema: { ...docs, tags: ['queries'], ...querystring } },
      async (request, reply) => {
        const file = await reportFile(report.files, format, await read(request));
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', file.disposition)
          .send(file.body);
      },
    );
  }
}

const SAME_AS_AUDIT = {
  description:
    'The same cases and findings as GET /audit, with the same access; every read is logged.',
};
const SAME_AS_PACK = {
  description: 'The same cases as GET /board-pack, with the same access; every read is logged.',
};

/**
 * Recommendation 1: the audit of live and recently closed cases, for oversight and the AA; the
 * 28-day board pack (the same access, 'audit.report'); the statistics export for the returns
 * ('statistics.export'). Each as JSON and as files, every read logged.
 */
export function auditRoutes(engine: TEngine): FastifyPluginAsyncZod {
  return async (app) => {
    serveReport(app, engine, {
      path: '/audit',
      action: 'audit.report',
      produce: (principal) => engine.auditReport(principal),
      files: REPORT_FILES.audit,
      docs: {
        json: {
          summary: 'Every live case and every case closed in the last 12 months, with its failures',
          description:
            "Each case lists the failures forces' audits found that it shows now (a decision missing past its clock, or missing from a case that moved past it); `enforcedByGates` names those the engine refuses outright. For the Head of PSD, the AA, the PCC and oversight roles; cases kept from you are left out, and every read is logged.",
        },
        csv: {
          summary: 'The recommendation 1 audit as CSV: one row per case, a column per check',
          ...SAME_AS_AUDIT,
        },
        pdf: { summary: 'The recommendation 1 audit as PDF', ...SAME_AS_AUDIT },
      },
    });

    serveReport(app, engine, {
      path: '/statistics',
      action: 'statistics.export',
      query: ZStatisticsQuery,
      produce: (principal, query) => engine.statisticsExport(principal, query),
      files: REPORT_FILES.statistics,
      docs: {
        json: {
          summary: 'The statistics export for the IOPC and Home Office returns, over a period',
          description:
            'One row per PPDA case open at any time from `from` to `to` (London dates, inclusive): the PPDA flag, allegation type, referral, suspension, outcomes and the timeliness of each key step against its clock (docs/statistics-export.md maps each column to its return). For the Head of PSD, the AA and oversight roles; cases kept from you are left out, and every read is logged.',
        },
        csv: {
          summary: 'The statistics export as CSV: one row per case, every row with the PPDA flag',
          description:
            'The same rows as GET /statistics, with the same access; every read is logged.',
        },
      },
    });

    serveReport(app, engine, {
      path: '/board-pack',
      action: 'audit.report',
      query: ZBoardPackQuery,
      produce: (principal, { since }) =>
        engine.boardPack(principal, since ? { since: new Date(since) } : {}),
      files: REPORT_FILES.boardPack,
      docs: {
        json: {
          summary: 'The 28-day board pack: live cases, risk, clocks at risk, overdue, decisions',
          description:
            'Every live case you may read with its DASH risk level, its clocks due within 5 working days, its overdue clocks and the decisions recorded since the last board (`since`, default 28 days ago). The same access as GET /audit; cases kept from you are left out, and every read is logged.',
        },
        csv: { summary: 'The 28-day board pack as CSV: one row per live case', ...SAME_AS_PACK },
        pdf: { summary: 'The 28-day board pack as PDF', ...SAME_AS_PACK },
      },
    });
  };
}
