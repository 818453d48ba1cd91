import type { WorkingCalendar } from '@ppda/calendar';
import type { Prisma, Timer, Tx } from '@ppda/db';
import { findRule, ladderFor, scheduleClock, type TActiveClock, type TRule } from '@ppda/ppda-case';
import { timerJobId } from '@ppda/queue';
import { enqueueRung, rungJobEntry, type TTimerRung } from './case-transaction.ts';
import type { TEngineDeps } from './deps.ts';

const RUNNING = ['armed', 'overdue', 'paused'];
const keyOf = (timer: Pick<Timer, 'ruleId' | 'epoch'>) => `${timer.ruleId}#${timer.epoch}`;

/**
 * Bring the case's timer rows in line with the clocks its states now declare: stop those
 * that ended (or were re-based), arm the new, pause and resume. Compared with the rows, not
 * the previous snapshot, so a migrated snapshot or a lost write can never leave a clock
 * unarmed. Runs in the caller's transaction, a few statements whatever the number of clocks;
 * returns the outbox ids to relay after commit.
 */
export async function applyClockChanges(
  deps: TEngineDeps,
  tx: Tx,
  change: { caseId: string; ownerId: string; clocks: TActiveClock[]; at: Date; cause: string },
): Promise<bigint[]> {
  const timers = await tx.timer.findMany({ where: { caseId: change.caseId } });
  const wanted = new Map(change.clocks.map((clock) => [clock.key, clock]));
  const running = new Map(
    timers.filter((timer) => RUNNING.includes(timer.status)).map((timer) => [keyOf(timer), timer]),
  );

  const stopped: Timer[] = [];
  const outboxIds: bigint[] = [];
  for (const [key, timer] of running) {
    const clock = wanted.get(key);
    if (!clock) stopped.push(timer);
    else if (clock.paused && timer.status !== 'paused') {
      outboxIds.push(...(await pauseTimer(tx, timer, change.at)));
    } else if (!clock.paused && timer.status === 'paused') {
      outboxIds.push(...(await resumeTimer(deps, tx, timer, change.at)));
    }
  }
  const started = [...wanted.values()].filter((clock) => !running.has(clock.key));
  const generations = new Map<string, number>();
  for (const timer of timers) {
    generations.set(timer.ruleId, Math.max(generations.get(timer.ruleId) ?? 0, timer.generation));
  }
  const armed = started.map((clock) => {
    const generation = (generations.get(clock.ruleId) ?? 0) + 1;
    generations.set(clock.ruleId, generation);
    return planTimer(deps, change, clock, generation);
  });

  const removals = await stopTimers(tx, stopped, change.at, change.cause);
  if (armed.length > 0) {
    await tx.timer.createMany({ data: armed.map((plan) => plan.timer) });
    await tx.task.createMany({ data: armed.map((plan) => plan.task) });
  }
  const queued = [...removals, ...armed.flatMap((plan) => (plan.firstJob ? [plan.firstJob] : []))];
  if (queued.length > 0) {
    const entries = await tx.outboxEntry.createManyAndReturn({
      data: queued,
      select: { id: true },
    });
    outboxIds.push(...entries.map((entry) => entry.id));
  }
  return outboxIds;
}

function removeJobEntry(timer: Timer): Prisma.OutboxEntryCreateManyInput[] {
  if (!timer.nextFireAt) return [];
  return [
    {
      kind: 'remove-job',
      queue: 'case-timers',
      jobName: 'case.timer.fire',
      jobId: timerJobId(timer.id, timer.nextRung),
      payload: {},
    },
  ];
}

async function removeJob(tx: Tx, timer: Timer): Promise<bigint[]> {
  const [data] = removeJobEntry(timer);
  if (!data) return [];
  return [(await tx.outboxEntry.create({ data })).id];
}

/** Causes that end a clock without its duty being done: it is cancelled, not met. */
const CANCELLING_CAUSES = new Set(['case.closed', 'harm.test.exception.recorded']);

async function stopTimers(tx: Tx, timers: Timer[], at: Date, cause: string) {
  if (timers.length === 0) return [];
  const ids = timers.map((timer) => timer.id);
  const status = CANCELLING_CAUSES.has(cause) ? 'cancelled' : 'met';
  await tx.timer.updateMany({
    where: { id: { in: ids } },
    data: { status, stoppedAt: at, stoppedBy: cause, nextFireAt: null, pausedAt: null },
  });
  await tx.task.updateMany({
    where: { timerId: { in: ids }, status: 'open' },
    data: { status: 'done', closedAt: at },
  });
  return timers.flatMap(removeJobEntry);
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

/** The rows that arm one clock: its timer, the owner's task and the job for its first rung. */
function planTimer(
  deps: TEngineDeps,
  change: { caseId: string; ownerId: string; at: Date },
  clock: TActiveClock,
  generation: number,
) {
  const policyRule = findRule(deps.policy, clock.ruleId);
  const rule = clock.duration ? { ...policyRule, duration: clock.duration } : policyRule;
  const anchorAt = clock.anchorAt ? new Date(clock.anchorAt) : change.at;
  const schedule = scheduleClock(rule, anchorAt, deps.calendar);
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
  const timer: Prisma.TimerCreateManyInput = {
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
  };
  const task: Prisma.TaskCreateManyInput = {
    id: `task.${timerId}`,
    caseId: change.caseId,
    timerId,
    ruleId: rule.id,
    assigneeId: change.ownerId,
    title: rule.title,
    dueAt: schedule.dueAt,
    status: 'open',
    openedAt: change.at,
  };
  return { timer, task, firstJob: clock.paused ? undefined : rungJobEntry(timerId, first) };
}
