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
  cursor: z.string().max(200).optional().describe('nextCursor of the page before'),
});

/**
 * `gate.access`: the AA and oversight list who read, or tried to read, which case and when,
 * a keyset page at a time (`{ entries, nextCursor }`), each seeing only cases they may read.
 */
export function accessLogRoutes(engine: TEngine): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/access-log',
      {
        schema: {
          summary: 'Every read of a case and every refused attempt, newest first',
          description:
            "The AA and oversight roles. With caseId, that case's entries (404 if you may not know the case exists); entries about cases you may not read are never listed. Pass nextCursor as cursor for the next page.",
          tags: ['queries'],
          querystring: ZAccessLogQuery,
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { caseId, personId, allowed, limit, cursor } = request.query;
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
          cursor,
        });
      },
    );
  };
}
