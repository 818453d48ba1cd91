import type { WorkingCalendar } from '@ppda/calendar';
import type { Prisma, Timer, Tx } from '@ppda/db';
import { findRule, ladderFor, scheduleClock, type TActiveClock, type TRule } from '@ppda/ppda-case';
import { timerJobId } from '@ppda/queue';
import { enqueueRung, type TTimerRung } from './case-transaction.ts';
import type { TEngineDeps } from './deps.ts';

const RUNNING = ['armed', 'overdue', 'paused'];
const keyOf = (timer: Pick<Timer, 'ruleId' | 'epoch'>) => `${timer.ruleId}#${timer.epoch}`;

/**
 * Bring the case's timer rows in line with the clocks its states now declare: stop those
 * that ended (or were re-based), arm the new, pause and resume. Compared with the rows, not
 * the previous snapshot, so a migrated snapshot or a lost write can never leave a clock
 * unarmed. Runs in the caller's transaction; returns the outbox ids to relay after commit.
 */
export async function applyClockChanges(
  deps: TEngineDeps,
  tx: Tx,
  change: { caseId: string; ownerId: string; clocks: TActiveClock[]; at: Date; cause: string },
): Promise<bigint[]> {
  const outboxIds: bigint[] = [];
  const timers = await tx.timer.findMany({
    where: { caseId: change.caseId, status: { in: RUNNING } },
  });
  const wanted = new Map(change.clocks.map((clock) => [clock.key, clock]));
  const running = new Map(timers.map((timer) => [keyOf(timer), timer]));

  for (const [key, timer] of running) {
    const clock = wanted.get(key);
    if (!clock) {
      outboxIds.push(...(await stopTimer(tx, timer, change.at, change.cause)));
    } else if (clock.paused && timer.status !== 'paused') {
      outboxIds.push(...(await pauseTimer(tx, timer, change.at)));
    } else if (!clock.paused && timer.status === 'paused') {
      outboxIds.push(...(await resumeTimer(deps, tx, timer, change.at)));
    }
  }
  for (const [key, clock] of wanted) {
    if (running.has(key)) continue;
    outboxIds.push(...(await armTimer(deps, tx, change, clock)));
  }
  return outboxIds;
}

async function removeJob(tx: Tx, timer: Timer): Promise<bigint[]> {
  if (!timer.nextFireAt) return [];
  const entry = await tx.outboxEntry.create({
    data: {
      kind: 'remove-job',
      queue: 'case-timers',
      jobName: 'case.timer.fire',
      jobId: timerJobId(timer.id, timer.nextRung),
      payload: {},
    },
  });
  return [entry.id];
}

/** Causes that end a clock without its duty being done: it is cancelled, not met. */
const CANCELLING_CAUSES = new Set(['case.closed', 'harm.test.exception.recorded']);

async function stopTimer(tx: Tx, timer: Timer, at: Date, cause: string) {
  const status = CANCELLING_CAUSES.has(cause) ? 'cancelled' : 'met';
  await tx.timer.update({
    where: { id: timer.id },
    data: { status, stoppedAt: at, stoppedBy: cause, nextFireAt: null, pausedAt: null },
  });
  await tx.task.updateMany({
    where: { timerId: timer.id, status: 'open' },
    data: { status: 'done', closedAt: at },
  });
  return removeJob(tx, timer);
}

async function pauseTimer(tx: Tx, timer: Timer, at: Date) {
  await tx.timer.update({
    where: { id: timer.id },
    data: { status: 'paused', pausedAt: at, nextFireAt: null },
  });
  return removeJob(tx, timer);
}

/** The clock resumes with the time it had left when paused: working days for WD clocks. */
export function dueAfterPause(
  calendar: WorkingCalendar,
  rule: TRule,
  timer: Pick<Timer, 'dueAt' | 'pausedAt'>,
  resumedAt: Date,
): Date {
  const pausedAt = timer.pausedAt ?? resumedAt;
  if (rule.duration.unit === 'working-days') {
    const left = Math.max(0, calendar.workingDaysBetween(pausedAt, timer.dueAt));
    return calendar.addWorkingDays(resumedAt, left);
  }
  return new Date(timer.dueAt.getTime() + (resumedAt.getTime() - pausedAt.getTime()));
}

async function resumeTimer(deps: TEngineDeps, tx: Tx, timer: Timer, at: Date) {
  const rule = findRule(deps.policy, timer.ruleId);
  const dueAt = dueAfterPause(deps.calendar, rule, timer, at);
  const old = timer.ladder as unknown as TTimerRung[];
  // Rungs already fired stay as they were; the rest move with the due date.
  const ladder = old.map((rung, index) => {
    if (index < timer.nextRung) return rung;
    const spec = ladderFor(rule)[index];
    const fireAt =
      !spec || spec.workingDaysFromDue === 0
        ? dueAt
        : deps.calendar.addWorkingDays(dueAt, spec.workingDaysFromDue);
    return { ...rung, fireAt: new Date(Math.max(fireAt.getTime(), at.getTime())).toISOString() };
  });
  const next = ladder[timer.nextRung];
  await tx.timer.update({
    where: { id: timer.id },
    data: {
      status: next ? 'armed' : 'overdue',
      dueAt,
      pausedAt: null,
      ladder: ladder as unknown as Prisma.InputJsonValue,
      nextFireAt: next ? new Date(next.fireAt) : null,
    },
  });
  await tx.task.updateMany({ where: { timerId: timer.id, status: 'open' }, data: { dueAt } });
  return next ? [await enqueueRung(tx, timer.id, next)] : [];
}

async function armTimer(
  deps: TEngineDeps,
  tx: Tx,
  change: { caseId: string; ownerId: string; at: Date },
  clock: TActiveClock,
): Promise<bigint[]> {
  const policyRule = findRule(deps.policy, clock.ruleId);
  const rule = clock.duration ? { ...policyRule, duration: clock.duration } : policyRule;
  const anchorAt = clock.anchorAt ? new Date(clock.anchorAt) : change.at;
  const schedule = scheduleClock(rule, anchorAt, deps.calendar);
  const generation =
    (await tx.timer.count({ where: { caseId: change.caseId, ruleId: rule.id } })) + 1;
  const timerId = `tm.${change.caseId}.${rule.id}.${generation}`;
  // The clock's own actor (e.g. the AA for a suspension review) stands in for the case owner.
  const owner = clock.actor ?? 'case-owner';
  const ladder: TTimerRung[] = schedule.rungs.map((rung) => ({
    rung: rung.rung,
    kind: rung.kind,
    fireAt: rung.fireAt.toISOString(),
    notify: [...new Set(rung.notify.map((role) => (role === 'case-owner' ? owner : role)))],
  }));
  const first = ladder[0]!;
  await tx.timer.create({
    data: {
      id: timerId,
      caseId: change.caseId,
      ruleId: rule.id,
      generation,
      epoch: Number(clock.key.split('#')[1] ?? 0),
      status: clock.paused ? 'paused' : 'armed',
      anchorAt,
      dueAt: schedule.dueAt,
      ladder: ladder as unknown as Prisma.InputJsonValue,
      nextRung: 0,
      nextFireAt: clock.paused ? null : new Date(first.fireAt),
      pausedAt: clock.paused ? change.at : null,
    },
  });
  await tx.task.create({
    data: {
      id: `task.${timerId}`,
      caseId: change.caseId,
      timerId,
      ruleId: rule.id,
      assigneeId: change.ownerId,
      title: rule.title,
      dueAt: schedule.dueAt,
      status: 'open',
      openedAt: change.at,
    },
  });
  return clock.paused ? [] : [await enqueueRung(tx, timerId, first)];
}
