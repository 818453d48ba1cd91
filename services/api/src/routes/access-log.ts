import { ZPersonId } from '@ppda/domain';
import type { TEngine } from '@ppda/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessRequestOf, principalOf } from '../authenticate.ts';

const ZAccessLogQuery = z.strictObject({
  caseId: z.uuid().optional(),
  personId: ZPersonId.optional(),
  allowed: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** `gate.access`: the AA lists who read, or tried to read, which case and when. */
export function accessLogRoutes(engine: TEngine): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/access-log',
      {
        schema: {
          summary: 'Every read of a case and every refused attempt, newest first',
          description:
            "The AA only. With caseId, that case's entries (404 if you may not know the case exists); entries about cases you are kept from are never listed.",
          tags: ['queries'],
          querystring: ZAccessLogQuery,
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { caseId, personId, allowed, limit } = request.query;
        if (caseId) {
          await engine.authorizeCase(
            principal,
            caseId,
            'case.access-log',
            accessRequestOf(request),
          );
        } else {
          await engine.authorizeAction(principal, 'access-log.list', accessRequestOf(request));
        }
        return engine.listAccessLog(principal, {
          caseId,
          personId,
          allowed: allowed === undefined ? undefined : allowed === 'true',
          limit,
        });
      },
    );
  };
}
