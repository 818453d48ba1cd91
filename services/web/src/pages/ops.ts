import { mountReadOnlyBoard, OPS_BOARD_PATH } from '@ppda/api';
import type { TEngine } from '@ppda/engine';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { accessRequestOf, actorOf, webPrincipalOf } from '../authenticate.ts';
import { errorPage } from '../error-pages.ts';
import { render } from '../views.ts';
import {
  readFailedJobs,
  readLateness,
  readOldestOverdue,
  readScheduledReconciles,
  readUnsentMail,
  repairsInWords,
} from './ops-readings.ts';

const ZNotificationParams = z.object({ notificationId: z.string().min(1).max(300) });

const RETRY_WORDS = {
  requeued: 'put back on the queue: it goes now',
  'already-queued': 'already waiting on the queue: nothing changed',
  'already-sent': 'already sent: nothing changed',
} as const;

/**
 * The ops console: gauges, timer lateness, the oldest overdue timer, reconciler repairs,
 * unsent mail and failed jobs with their reasons, the ops log, and the two safe actions (run
 * the reconciler, retry a mail) as CSRF-protected forms calling the engine's ops commands.
 * Every route, and the mounted Bull Board, is ops only (`ops.tools`), as on the api.
 */
export function opsRoutes(engine: TEngine): FastifyPluginAsync {
  const opsOnly = (request: FastifyRequest) =>
    engine.authorizeAction(webPrincipalOf(request), 'ops.tools', accessRequestOf(request));

  return async (app) => {
    app.get('/ops', async (request, reply) => {
      await opsOnly(request);
      const [gauges, lateness, oldest, unsentMail, failedJobs, scheduled, log] = await Promise.all([
        engine.opsGauges(),
        readLateness(engine),
        readOldestOverdue(engine),
        readUnsentMail(engine),
        readFailedJobs(engine),
        readScheduledReconciles(engine),
        engine.listOpsLog({ limit: 25 }),
      ]);
      const queues = Object.entries(gauges.queues).map(([name, counts]) => ({ name, ...counts }));
      const opsLog = log.entries.map((entry) => ({
        ...entry,
        said:
          entry.action === 'engine.reconcile'
            ? repairsInWords(entry.detail as Parameters<typeof repairsInWords>[0])
            : entry.outcome,
      }));
      const notice = request.session.notice;
      if (notice) request.session.notice = undefined;
      return render(request, reply, 'ops', {
        gauges,
        queues,
        lateness,
        oldest,
        unsentMail,
        failedJobs,
        scheduled,
        opsLog,
        notice,
        boardPath: OPS_BOARD_PATH,
      });
    });

    app.post('/ops/reconcile', async (request, reply) => {
      await opsOnly(request);
      const report = await engine.opsReconcile(actorOf(request));
      request.session.notice = `Reconciler run: ${repairsInWords(report)}`;
      return reply.redirect('/ops#ops-log', 303);
    });

    app.post('/ops/notifications/:notificationId/retry', async (request, reply) => {
      await opsOnly(request);
      const { notificationId } = ZNotificationParams.parse(request.params);
      const outcome = await engine.opsRetryNotification(actorOf(request), notificationId);
      request.session.notice = `Mail ${notificationId}: ${RETRY_WORDS[outcome]}`;
      return reply.redirect('/ops#unsent-mail', 303);
    });

    // Bull Board behind the sign-in, read-only (the api's mount: readOnlyMode on every queue,
    // any method but GET/HEAD refused before the board sees it). Refusals are pages.
    await mountReadOnlyBoard(app, engine.deps.queues, {
      basePath: OPS_BOARD_PATH,
      hook: 'preHandler',
      authorize: async (request) => {
        await engine.authorizeAction(
          webPrincipalOf(request),
          'ops.tools',
          accessRequestOf(request),
          {
            logAllowed: false,
          },
        );
      },
      refuse: (request, reply, error) => errorPage(request, reply, error),
    });
  };
}
