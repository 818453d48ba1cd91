import type { TEngine } from '@ppda/engine';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessRequestOf, actorOf, principalOf } from '../authenticate.ts';

const ZNotificationParams = z.strictObject({ notificationId: z.string().min(1).max(300) });
const ZOpsLogQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, 'nextCursor from the page before')
    .optional(),
});

/**
 * What ops may do to the queues (design.md, principle 8): engine commands, each written to the
 * ops log and safe to repeat, instead of Bull Board's buttons (read-only: ops-board.ts).
 */
export function opsRoutes(engine: TEngine): FastifyPluginAsyncZod {
  const opsOnly = async (request: FastifyRequest) =>
    engine.authorizeAction(principalOf(request), 'ops.tools', accessRequestOf(request));
  return async (app) => {
    app.post(
      '/ops/reconcile',
      {
        schema: {
          summary: 'Run the reconciler now: Redis made to agree with the database (ops)',
          description:
            'Re-arms every armed timer whose job is missing, re-queues unsent mail, removes orphan jobs. Safe to repeat; logged in the ops log.',
          tags: ['ops'],
        },
        preHandler: opsOnly,
      },
      async (request) => engine.opsReconcile(actorOf(request)),
    );
    app.post(
      '/ops/notifications/:notificationId/retry',
      {
        schema: {
          summary: 'Retry an unsent mail (ops)',
          description:
            'Puts its send job back on the queue. The mail still goes at most once; a sent mail is left alone. Logged in the ops log.',
          tags: ['ops'],
          params: ZNotificationParams,
        },
        preHandler: opsOnly,
      },
      async (request) => ({
        outcome: await engine.opsRetryNotification(actorOf(request), request.params.notificationId),
      }),
    );
    app.get(
      '/ops/log',
      {
        schema: {
          summary: 'The ops log: every ops command and signed checkpoint, newest first (ops)',
          tags: ['ops'],
          querystring: ZOpsLogQuery,
        },
        preHandler: opsOnly,
      },
      async (request) => engine.listOpsLog(request.query),
    );
  };
}
