import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { AppError } from '@ppda/domain';
import type { TEngine } from '@ppda/engine';
import type { TQueues } from '@ppda/queue';
import type { FastifyInstance } from 'fastify';
import { accessRequestOf, principalOf } from './authenticate.ts';
import { sendAppError } from './errors.ts';

export const OPS_BOARD_PATH = '/ops/queues';

/**
 * Bull Board: ops see every queue and its failed set with reasons; nothing more (design.md,
 * principle 8). Promoting a timer job would fire a rung early, removing or cleaning one would
 * silence a clock, adding one would forge a rung: so the board is read-only twice over.
 * Every queue is registered in Bull Board's own `readOnlyMode` (its UI hides the buttons and
 * its handlers answer 405), and, should a later version loosen that, this route refuses any
 * method but GET and HEAD under the board before Bull Board sees the request. What ops
 * legitimately need (retry a failed mail, run the reconciler) are engine commands under
 * `/ops/…` (routes/ops.ts), written to the ops log.
 */
export async function registerOpsBoard(
  app: FastifyInstance,
  queues: TQueues,
  engine: TEngine,
): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(OPS_BOARD_PATH);
  createBullBoard({
    queues: Object.values(queues.byName).map(
      (queue) => new BullMQAdapter(queue, { readOnlyMode: true }),
    ),
    serverAdapter,
  });
  await app.register(
    async (board) => {
      // The board's pages, assets and polling are not case reads: only refusals are logged.
      board.addHook('onRequest', async (request, reply) => {
        if (reply.sent) return; // already refused by authentication
        try {
          await engine.authorizeAction(
            principalOf(request),
            'ops.tools',
            accessRequestOf(request),
            {
              logAllowed: false,
            },
          );
        } catch (error) {
          // Bull Board installs its own error handler: answer here in the API's shape.
          if (error instanceof AppError) return sendAppError(reply, error);
          throw error;
        }
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          request.log.warn({ method: request.method, url: request.url }, 'ops board write refused');
          return sendAppError(
            reply,
            new AppError(
              'forbidden',
              'the queue board is read-only: use the ops commands (POST /ops/reconcile, POST /ops/notifications/:notificationId/retry)',
            ),
          );
        }
      });
      await board.register(serverAdapter.registerPlugin());
    },
    { prefix: OPS_BOARD_PATH },
  );
}
