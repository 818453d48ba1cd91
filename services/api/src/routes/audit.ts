import type { TEngine } from '@ppda/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessRequestOf, principalOf } from '../authenticate.ts';

/** Recommendation 1: the audit of live and recently closed cases, for oversight and the AA. */
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
  };
}
