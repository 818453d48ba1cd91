import { AppError } from '@ppda/domain';
import { activeClocks, applyEvent, resolveRule } from '@ppda/ppda-case';
import { notificationJobId } from '@ppda/queue';
import { dueNoticeAheadAt, heldNoticeJob, noticesAhead } from '../mail/due-ahead.ts';
import { rungNotices } from '../mail/rung-notice.ts';
import { unresolvedRecipientAlerts } from '../mail/unresolved-recipient-alert.ts';
import { SYSTEM_ACTOR, type TEngineDeps } from '../runtime/deps.ts';
import { caseState, loadCase, retryOnConflict, type TTimerRow } from '../write/case-store.ts';
import { commitCaseWrite } from '../write/case-write.ts';
import { chainEvent } from '../write/chain-event.ts';
import { rungJobEntry, type TTimerRung } from './rung.ts';
import { assignTaskHolders, recipientsOfRung } from './rung-recipients.ts';
import { planClockChanges } from './timer-plan.ts';

const EVENT_TYPE: Record<TTimerRung['kind'], string> = {
  reminder: 'clock.reminder-sent',
  due: 'clock.due-notice-sent',
  escalation: 'clock.escalated',
};

/**
 * `not-due`: the job ran before its rung's time (promoted by hand, a clock skew between
 * hosts): nothing was recorded, and the caller re-delays the job until `fireAt`.
 */
export type TFireOutcome = 'fired' | 'stale' | { notDue: true; fireAt: Date };

/**
 * A timer's rung falling due is just another command. The guard (armed, same rung) makes
 * a stale, cancelled or duplicate job a no-op; the rung's own time is the event's time,
 * so a late worker still records when the clock really fell due.
 */
export async function fireTimerRung(deps: TEngineDeps, job: TRungJob): Promise<TFireOutcome> {
  return retryOnConflict(() => fireOnce(deps, job));
}

/** A rung's job: `fireAt` is when it was planned for, when the job says. */
export interface TRungJob {
  timerId: string;
  rung: number;
  fireAt?: string;
}

async function fireOnce(deps: TEngineDeps, job: TRungJob): Promise<TFireOutcome> {
  const loaded = await loadCase(deps, { timerId: job.timerId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not-found') return undefined;
    throw error;
  });
  const timer = loaded?.timers.find((running) => running.id === job.timerId);
  if (!loaded || timer?.status !== 'armed' || timer.nextRung !== job.rung) return 'stale' as const;
  const { ladder } = timer;
  const current = ladder[job.rung];
  if (!current) return 'stale' as const;
  // A re-plan moved this rung (replan.ts): a job left at the old time (its removal
  // raced the worker) is stale; the reconciler re-arms the rung at its new time.
  if (job.fireAt !== undefined && Date.parse(job.fireAt) !== Date.parse(current.fireAt)) {
    return 'stale' as const;
  }
  // The rung's own time, from the database, never the job's payload: a job promoted early
  // (or forged) must not record a rung, nor mail it, before the clock reaches it.
  if (deps.clock.now().getTime() < Date.parse(current.fireAt)) {
    return { notDue: true as const, fireAt: new Date(current.fireAt) };
  }
  const following = ladder[job.rung + 1];
  const rule = resolveRule(deps.policy, timer.ruleId, loaded.snapshot.context.law);
  const { row, snapshot } = loaded;
  const at = new Date(current.fireAt);
  const applied = applyEvent(snapshot, {
    type: 'CLOCK_RUNG',
    ruleId: timer.ruleId,
    rung: current.rung,
    kind: current.kind,
    at: current.fireAt,
  });
  if (!applied.ok) throw new Error(`case ${row.id} refused CLOCK_RUNG: ${applied.refusal.reason}`);

  // This rung is spent: the timer moves to the next, or is overdue with every rung fired.
  const claimed: TTimerRow = following
    ? { ...timer, nextRung: job.rung + 1, nextFireAt: new Date(following.fireAt) }
    : { ...timer, nextRung: job.rung + 1, nextFireAt: null, status: 'overdue' };
  const parties = loaded.subject.parties;
  const { recipients, standIns } = await recipientsOfRung(deps.sql, row, parties, ladder, job.rung);
  const { notifications: composed, sendAt } = rungNotices(deps, {
    row,
    timer,
    rule,
    rung: current,
    recipients,
    at,
  });
  // A due notice that went ahead of its rung (mail/due-ahead.ts) is not sent again.
  const toldAhead =
    current.kind === 'due' ? await noticesAhead(deps, timer.id, current.rung) : new Set<string>();
  const notifications = composed.filter((notification) => !toldAhead.has(notification.id));
  // The due notice of the next rung, ahead of it: at 08:00 on the due day.
  const aheadAt = dueNoticeAheadAt(deps, rule, following);
  const ahead =
    aheadAt && following
      ? rungNotices(deps, {
          row,
          timer,
          rule,
          rung: following,
          recipients: (await recipientsOfRung(deps.sql, row, parties, ladder, job.rung + 1))
            .recipients,
          at,
          aheadAt,
        }).notifications
      : [];
  const { event, head } = chainEvent(row.id, row, {
    type: EVENT_TYPE[current.kind],
    actor: SYSTEM_ACTOR,
    ruleId: rule.id,
    payload: {
      timerId: timer.id,
      rung: current.rung,
      dueAt: timer.dueAt.toISOString(),
      notified: recipients.map(({ role, personId }) => ({ role, personId })),
      ...(standIns.length > 0 ? { standIns } : {}),
    },
    occurredAt: at,
  });
  const alerts =
    standIns.length > 0
      ? await unresolvedRecipientAlerts(deps, {
          row,
          parties,
          timer,
          rung: current,
          rule,
          standIns,
          at,
        })
      : [];
  // The rung may itself end or re-base clocks: plan from the timers as they stand after it.
  const plan = planClockChanges(deps, {
    caseId: row.id,
    ownerId: row.ownerId,
    timers: loaded.timers.map((running) => (running.id === timer.id ? claimed : running)),
    generations: loaded.generations,
    clocks: activeClocks(applied.next),
    law: applied.next.context.law,
    at,
    cause: EVENT_TYPE[current.kind],
  });
  const planned = new Set(plan.changedTimers.map((changed) => changed.id));
  await commitCaseWrite(deps, {
    caseId: row.id,
    expectedVersion: row.version,
    state: caseState(applied.next, head),
    event,
    notifications: [...notifications, ...alerts, ...ahead],
    ...plan,
    newTasks: assignTaskHolders(parties, plan.newTasks, row.dutyHolders),
    changedTimers: [...(planned.has(claimed.id) ? [] : [claimed]), ...plan.changedTimers],
    outbox: [
      ...[...notifications, ...alerts].map((notification) => {
        // Alerts go at once; a notice held for working hours waits for its send time.
        const later =
          'sendAt' in notification && sendAt.getTime() > deps.clock.now().getTime() ? sendAt : null;
        return {
          kind: 'add-job' as const,
          queue: 'notifications' as const,
          jobName: 'notification.send',
          jobId: notificationJobId(notification.id),
          // A delayed mail carries its send time, so the virtual clock promotes it then.
          payload: {
            notificationId: notification.id,
            ...(later ? { fireAt: later.toISOString() } : {}),
          },
          fireAt: later,
        };
      }),
      ...ahead.map((notice) => heldNoticeJob(deps, notice.id, aheadAt!)),
      ...(following ? [rungJobEntry(timer.id, following)] : []),
      ...plan.outbox,
    ],
  });
  return 'fired' as const;
}
