import { notificationJobId, timerJobId } from '@ppda/queue';
import type { TEngineDeps } from './deps.ts';
import { relayOutbox } from './outbox-relay.ts';

export interface TReconcileReport {
  relayed: number;
  rearmed: number;
  removedOrphans: number;
  requeuedNotifications: number;
}

const LIVE_STATES = ['delayed', 'waiting', 'active', 'prioritized'] as const;

/**
 * Make Redis agree with the database, which is the truth: every armed timer has a job
 * for its next rung, every unsent notification has a send job, and no timer job is left
 * whose rung the database no longer expects. Safe to run at any time, on any process.
 */
export async function reconcile(deps: TEngineDeps): Promise<TReconcileReport> {
  let relayed = 0;
  for (let batch = await relayOutbox(deps); batch > 0; batch = await relayOutbox(deps)) {
    relayed += batch;
  }

  const timersQueue = deps.queues.byName['case-timers'];
  const liveTimerJobs = new Map<
    string,
    { remove(): Promise<void>; isActive(): Promise<boolean> }
  >();
  for (const job of await timersQueue.getJobs([...LIVE_STATES])) {
    if (job?.id) liveTimerJobs.set(job.id, job);
  }

  const armed = await deps.prisma.timer.findMany({
    where: { status: 'armed' },
    select: { id: true, nextRung: true, nextFireAt: true },
  });
  const expected = new Set<string>();
  let rearmed = 0;
  for (const timer of armed) {
    if (!timer.nextFireAt) continue;
    const jobId = timerJobId(timer.id, timer.nextRung);
    expected.add(jobId);
    if (liveTimerJobs.has(jobId)) continue;
    // A finished job with this id would make add() a no-op, so clear it first.
    await timersQueue.remove(jobId);
    await deps.queues.add(
      'case.timer.fire',
      { timerId: timer.id, rung: timer.nextRung, fireAt: timer.nextFireAt.toISOString() },
      { jobId, delayMs: timer.nextFireAt.getTime() - deps.clock.now().getTime() },
    );
    rearmed++;
  }

  let removedOrphans = 0;
  for (const [jobId, job] of liveTimerJobs) {
    if (expected.has(jobId) || (await job.isActive())) continue;
    await job.remove();
    removedOrphans++;
  }

  const notificationsQueue = deps.queues.byName.notifications;
  const unsent = await deps.prisma.notification.findMany({
    where: { status: { in: ['pending', 'sending'] } },
    select: { id: true },
  });
  let requeuedNotifications = 0;
  for (const { id } of unsent) {
    const jobId = notificationJobId(id);
    const state = await notificationsQueue.getJobState(jobId);
    if (state !== 'unknown' && state !== 'completed' && state !== 'failed') continue;
    await notificationsQueue.remove(jobId);
    await deps.queues.add('notification.send', { notificationId: id }, { jobId });
    requeuedNotifications++;
  }

  const report = { relayed, rearmed, removedOrphans, requeuedNotifications };
  if (rearmed + removedOrphans + requeuedNotifications > 0) {
    deps.logger.warn(report, 'reconciler repaired the queues');
  }
  return report;
}
