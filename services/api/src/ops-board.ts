import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { TQueues } from '@ppda/queue';
import type { FastifyInstance } from 'fastify';

export const OPS_BOARD_PATH = '/ops/queues';

/** Bull Board: ops see every queue, its failed set with reasons, and can retry. */
export async function registerOpsBoard(app: FastifyInstance, queues: TQueues): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(OPS_BOARD_PATH);
  createBullBoard({
    queues: Object.values(queues.byName).map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: OPS_BOARD_PATH });
}
