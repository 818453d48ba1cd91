import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { AppError } from '@ppda/domain';
import type { TEngine } from '@ppda/engine';
import type { TQueues } from '@ppda/queue';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessRequestOf, principalOf } from './authenticate.ts';
import { sendAppError } from './errors.ts';

export const OPS_BOARD_PATH = '/ops/queues';

/** Why a write under the board is refused: what ops may do instead. */
export const OPS_BOARD_READ_ONLY =
  'the queue board is read-only: use the ops commands (run the reconciler, retry a failed mail)';

/** The only methods the board answers: reading it. */
export const isBoardRead = (method: string) => method === 'GET' || method === 'HEAD';

export interface TReadOnlyBoardOptions {
  /** Where the board lives on the host app, e.g. `/ops/queues`. */
  basePath: string;
  /**
   * Ops only: throw an `AppError` to refuse (the host answers it in its own shape through
   * `refuse`). Called for every request under the board before Bull Board sees it.
   */
  authorize: (request: FastifyRequest) => Promise<void>;
  /** Answer a refusal (not ops, or a write) as the host answers its own errors. */
  refuse: (request: FastifyRequest, reply: FastifyReply, error: AppError) => Promise<unknown>;
  /**
   * The hook the checks run in: `onRequest` where the host authenticates in `onRequest` (the
   * api), `preHandler` where it authenticates there (the web application's sessions).
   */
  hook?: 'onRequest' | 'preHandler';
  /** What a refused write is told (default `OPS_BOARD_READ_ONLY`). */
  readOnlyMessage?: string;
}

/**
 * Bull Board: ops see every queue and its failed set with reasons; nothing more (design.md,
 * principle 8). Promoting a timer job would fire a rung early, removing or cleaning one would
 * silence a clock, adding one would forge a rung: so the board is read-only twice over.
 * Every queue is registered in Bull Board's own `readOnlyMode` (its UI hides the buttons and
 * its handlers answer 405), and, should a later version loosen that, this mount refuses any
 * method but GET and HEAD under the board before Bull Board sees the request. What ops
 * legitimately need (retry a failed mail, run the reconciler) are engine commands, written to
 * the ops log (the api's `routes/ops.ts`, the web application's ops console).
 *
 * One mount for every host: the api (bearer tokens) and the web application (sessions) each
 * pass their own `authorize` and `refuse`; the read-only rules are this function's alone.
 */
export async function mountReadOnlyBoard(
  app: FastifyInstance,
  queues: TQueues,
  options: TReadOnlyBoardOptions,
): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(options.basePath);
  createBullBoard({
    queues: Object.values(queues.byName).map(
      (queue) => new BullMQAdapter(queue, { readOnlyMode: true }),
    ),
    serverAdapter,
  });
  await app.register(
    async (board) => {
      // The board's pages, assets and polling are not case reads: only refusals are logged.
      board.addHook(options.hook ?? 'onRequest', async (request, reply) => {
        if (reply.sent) return; // already refused (or redirected) by authentication
        try {
          await options.authorize(request);
        } catch (error) {
          // Bull Board installs its own error handler: answer here in the host's shape.
          if (error instanceof AppError) return options.refuse(request, reply, error);
          throw error;
        }
        if (!isBoardRead(request.method)) {
          request.log.warn({ method: request.method, url: request.url }, 'ops board write refused');
          return options.refuse(
            request,
            reply,
            new AppError('forbidden', options.readOnlyMessage ?? OPS_BOARD_READ_ONLY),
          );
        }
      });
      await board.register(serverAdapter.registerPlugin());
    },
    { prefix: options.basePath },
  );
}

/** The api's board at `/ops/queues`: ops bearer tokens, refusals in the api's JSON shape. */
export async function registerOpsBoard(
  app: FastifyInstance,
  queues: TQueues,
  engine: TEngine,
): Promise<void> {
  await mountReadOnlyBoard(app, queues, {
    basePath: OPS_BOARD_PATH,
    authorize: async (request) => {
      await engine.authorizeAction(principalOf(request), 'ops.tools', accessRequestOf(request), {
        logAllowed: false,
      });
    },
    refuse: async (_request, reply, error) => sendAppError(reply, error),
    readOnlyMessage:
      'the queue board is read-only: use the ops commands (POST /ops/reconcile, POST /ops/notifications/:notificationId/retry)',
  });
}
