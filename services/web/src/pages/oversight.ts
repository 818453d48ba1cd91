import { AppError } from '@ppda/domain';
import {
  REPORT_FILES,
  reportFile,
  type TEngine,
  type TReportFiles,
  type TReportFormat,
} from '@ppda/engine';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { accessRequestOf, webPrincipalOf } from '../authenticate.ts';
import { render } from '../views.ts';

type TWebPrincipal = ReturnType<typeof webPrincipalOf>;

/**
 * A report's downloads, `path.<format>` for each file format it has: each read authorized
 * (and so logged) before the report is made, sent as an attachment.
 */
function serveFiles<T>(
  app: FastifyInstance,
  engine: TEngine,
  report: {
    path: string;
    action: Parameters<TEngine['authorizeAction']>[1];
    produce(me: TWebPrincipal, query: unknown): Promise<T>;
    files: TReportFiles<T>;
  },
) {
  for (const format of Object.keys(report.files.formats) as TReportFormat[]) {
    app.get(`${report.path}.${format}`, async (request: FastifyRequest, reply) => {
      const me = webPrincipalOf(request);
      await engine.authorizeAction(me, report.action, accessRequestOf(request));
      const data = await report.produce(me, request.query);
      const file = await reportFile(report.files, format, data);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', file.disposition)
        .send(file.body);
    });
  }
}

/** The last board review from `?since=yyyy-mm-dd` (start of that day, UTC), else the default. */
function sinceOf(query: unknown): { since?: Date } {
  const since = (query as { since?: unknown } | undefined)?.since;
  if (typeof since !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(since)) return {};
  const at = new Date(`${since}T00:00:00Z`);
  return Number.isNaN(at.getTime()) ? {} : { since: at };
}

/** The statistics period from the query, as given (the engine checks it). */
function periodOf(query: unknown): { from?: unknown; to?: unknown } {
  const { from, to } = (query ?? {}) as { from?: unknown; to?: unknown };
  return { from, to };
}

/**
 * Recommendation 1's audit and the 28-day board pack as pages and CSV downloads: the engine's
 * reports, with the audit's access ('audit.report'), each read logged.
 */
export function oversightRoutes(engine: TEngine): FastifyPluginAsync {
  return async (app) => {
    app.get('/oversight/audit', async (request, reply) => {
      const me = webPrincipalOf(request);
      await engine.authorizeAction(me, 'audit.report', accessRequestOf(request));
      const report = await engine.auditReport(me);
      return render(request, reply, 'audit', {
        report,
        checks: Object.entries(report.totals).map(([check, count]) => ({ check, count })),
        failing: report.cases.filter((row) => row.findings.length > 0),
      });
    });

    // The statistics export for the IOPC and Home Office returns: a period form, the totals
    // and the CSV download; a bad period answers 400 with the field in the error summary.
    app.get('/oversight/statistics', async (request, reply) => {
      const me = webPrincipalOf(request);
      await engine.authorizeAction(me, 'statistics.export', accessRequestOf(request));
      // No period given: the engine's default, the financial year to date.
      const period = periodOf(request.query);
      try {
        const exported = await engine.statisticsExport(me, period);
        const query = `?from=${exported.from}&to=${exported.to}`;
        return render(request, reply, 'statistics', {
          exported,
          period: exported,
          csvHref: `/oversight/statistics.csv${query}`,
        });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'validation') throw error;
        const errors = (error.details.issues ?? []).map((issue) => ({
          href: `#${issue.field}`,
          text: `${issue.field === 'from' ? 'From' : 'To'}: ${issue.message}`,
        }));
        return render(request, reply, 'statistics', { period, errors }, 400);
      }
    });

    app.get('/oversight/board-pack', async (request, reply) => {
      const me = webPrincipalOf(request);
      await engine.authorizeAction(me, 'audit.report', accessRequestOf(request));
      const options = sinceOf(request.query);
      const pack = await engine.boardPack(me, options);
      const query = options.since ? `?since=${pack.since.slice(0, 10)}` : '';
      return render(request, reply, 'board-pack', {
        pack,
        csvHref: `/oversight/board-pack.csv${query}`,
        pdfHref: `/oversight/board-pack.pdf${query}`,
      });
    });

    serveFiles(app, engine, {
      path: '/oversight/audit',
      action: 'audit.report',
      produce: (me) => engine.auditReport(me),
      files: REPORT_FILES.audit,
    });
    serveFiles(app, engine, {
      path: '/oversight/statistics',
      action: 'statistics.export',
      produce: (me, query) => engine.statisticsExport(me, periodOf(query)),
      files: REPORT_FILES.statistics,
    });
    serveFiles(app, engine, {
      path: '/oversight/board-pack',
      action: 'audit.report',
      produce: (me, query) => engine.boardPack(me, sinceOf(query)),
      files: REPORT_FILES.boardPack,
    });
  };
}
