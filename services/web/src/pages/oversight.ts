import type { TEngine } from '@ppda/engine';
import type { FastifyPluginAsync } from 'fastify';
import { accessRequestOf, webPrincipalOf } from '../authenticate.ts';
import { render } from '../views.ts';

/** Recommendation 1's audit as a page: the engine's report, each read logged. */
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
  };
}
