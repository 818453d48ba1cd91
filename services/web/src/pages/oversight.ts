import { AppError } from '@ppda/domain';
import {
  auditCsv,
  auditPdf,
  boardPackCsv,
  boardPackPdf,
  statisticsCsv,
  type TEngine,
} from '@ppda/engine';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { accessRequestOf, webPrincipalOf } from '../authenticate.ts';
import { render } from '../views.ts';

const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Send a file as a download named `ppda-<name>-<London date>.<ext>`. */
function sendFile(
  reply: FastifyReply,
  name: string,
  asOf: string,
  file: { ext: 'csv' | 'pdf'; body: string | Buffer },
) {
  return reply
    .header('content-type', file.ext === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf')
    .header(
      'content-disposition',
      `attachment; filename="ppda-${name}-${londonDay.format(new Date(asOf))}.${file.ext}"`,
    )
    .send(file.body);
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

    app.get('/oversight/audit.csv', async (request, reply) => {
      const me = webPrincipalOf(request);
      await engine.authorizeAction(me, 'audit.report', accessRequestOf(request));
      const report = await engine.auditReport(me);
      return sendFile(reply, 'audit', report.asOf, { ext: 'csv', body: auditCsv(report) });
    });

    app.get('/oversight/audit.pdf', async (request, reply) => {
      const me = webPrincipalOf(request);
      await engine.authorizeAction(me, 'audit.report', accessRequestOf(request));
      const report = await engine.auditReport(me);
      return sendFile(reply, 'audit', report.asOf, { ext: 'pdf', body: await auditPdf(report) });
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

    app.get('/oversight/statistics.csv', async (request, reply) => {
      const me = webPrincipalOf(request);
      await engine.authorizeAction(me, 'statistics.export', accessRequestOf(request));
      const exported = await engine.statisticsExport(me, periodOf(request.query));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="ppda-statistics-${exported.from}-to-${exported.to}.csv"`,
        )
        .send(statisticsCsv(exported));
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

    app.get('/oversight/board-pack.csv', async (request, reply) => {
      const me = webPrincipalOf(request);
      await engine.authorizeAction(me, 'audit.report', accessRequestOf(request));
      const pack = await engine.boardPack(me, sinceOf(request.query));
      return sendFile(reply, 'board-pack', pack.asOf, { ext: 'csv', body: boardPackCsv(pack) });
    });

    app.get('/oversight/board-pack.pdf', async (request, reply) => {
      const me = webPrincipalOf(request);
      await engine.authorizeAction(me, 'audit.report', accessRequestOf(request));
      const pack = await engine.boardPack(me, sinceOf(request.query));
      return sendFile(reply, 'board-pack', pack.asOf, {
        ext: 'pdf',
        body: await boardPackPdf(pack),
      });
    });
  };
}
