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

/** Bull Board: ops see every queue, its failed set with reasons, and can retry. Ops only. */
export async function registerOpsBoard(
  app: FastifyInstance,
  queues: TQueues,
  engine: TEngine,
): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(OPS_BOARD_PATH);
  createBullBoard({
    queues: Object.values(queues.byName).map((queue) => new BullMQAdapter(queue)),
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
      });
      await board.register(serverAdapter.registerPlugin());
    },
    { prefix: OPS_BOARD_PATH },
  );
}
