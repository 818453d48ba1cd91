import { Prisma } from '@ppda/db';
import { AppError } from '@ppda/domain';
import { notificationJobId } from '@ppda/queue';
import type { TActor, TEngineDeps } from './deps.ts';
import { logOpsAction } from './ops-log.ts';
import { reconcile, type TReconcileReport } from './reconciler.ts';

/**
 * Ops' "make Redis agree with the database": the reconciler, run now, logged. Idempotent by
 * construction (it only re-adds what is missing and removes what the database disowns).
 */
export async function runReconcile(deps: TEngineDeps, actor: TActor): Promise<TReconcileReport> {
  const report = await reconcile(deps);
  await logOpsAction(deps, {
    personId: actor.id,
    action: 'engine.reconcile',
    outcome: 'done',
    detail: report,
  });
  return report;
}

export type TRetryOutcome = 'requeued' | 'already-queued' | 'already-sent';

/**
 * Retry one unsent mail: its send job goes back on the queue (a failed job is retried, one
 * waiting out its backoff is run now, a missing one added). The mail itself still goes at
 * most once: the send claims its row.
 * Repeating it while the job waits, or after the mail went, changes nothing.
 */
export async function retryNotification(
  deps: TEngineDeps,
  actor: TActor,
  notificationId: string,
): Promise<TRetryOutcome> {
  const [row] = await deps.sql.query<{ status: string }>(
    Prisma.sql`SELECT status FROM "Notification" WHERE id = ${notificationId}`,
  );
  if (!row) throw new AppError('not-found', `no notification ${notificationId}`);
  const outcome = await requeue(deps, notificationId, row.status);
  await logOpsAction(deps, {
    personId: actor.id,
    action: 'notification.retry',
    target: notificationId,
    outcome,
  });
  return outcome;
}

async function requeue(
  deps: TEngineDeps,
  notificationId: string,
  status: string,
): Promise<TRetryOutcome> {
  if (status === 'sent') return 'already-sent';
  const jobId = notificationJobId(notificationId);
  const job = await deps.queues.byName.notifications.getJob(jobId);
  const state = job ? await job.getState() : 'unknown';
  if (job && state === 'failed') {
    await job.retry('failed');
    return 'requeued';
  }
  // A send waiting out its backoff after a failure (mail jobs are never added delayed): try
  // it now rather than at the next backoff step. The send still claims its row first.
  if (job && state === 'delayed') {
    await job.promote();
    return 'requeued';
  }
  if (job && state !== 'completed' && state !== 'unknown') return 'already-queued';
  // A completed job (its run found the mail claimed by another, whose claim then lapsed) or
  // none at all: a fresh job under the same deterministic id.
  if (job) await deps.queues.remove('notifications', jobId);
  await deps.queues.add('notification.send', { notificationId }, { jobId });
  return 'requeued';
}
