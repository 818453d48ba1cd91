import { dutyHolderOf } from '@ppda/access';
import type { WorkingCalendar } from '@ppda/calendar';
import type { TRecipientRole } from '@ppda/domain';
import {
  ladderFor,
  resolveRule,
  scheduleClock,
  type TActiveClock,
  type TCaseLaw,
  type TDecisionType,
  type TRule,
} from '@ppda/ppda-case';
import type { TEngineDeps } from '../runtime/deps.ts';
import type { TTimerRow } from '../write/case-store.ts';
import type { TCaseWrite } from '../write/case-write.ts';
import type { TOutboxRow } from '../write/outbox-relay.ts';
import { removeJobEntry, rungJobEntry, type TTimerRung } from './rung.ts';
import { rungParts } from './rung-recipients.ts';

const keyOf = (timer: Pick<TTimerRow, 'ruleId' | 'epoch'>) => `${timer.ruleId}#${timer.epoch}`;

export interface TClockChange {
  caseId: string;
  ownerId: string;
  /** The case's running timers as they stand (after any change the caller made). */
  timers: TTimerRow[];
  /** The highest generation of each rule's timers, running or not. */
  generations: Record<string, number>;
  /** The clocks the case's states now declare. */
  clocks: TActiveClock[];
  at: Date;
  /** The event that changed the clocks: recorded on each timer it stops (`stoppedBy`). */
  cause: string;
  /** The decision that changed them, when a decision did: some cancel a clock (below). */
  decision?: TDecisionType;
  /** The law the case runs: which version of each rule its clocks follow (`case-law.ts`). */
  law?: TCaseLaw;
}

/** A task for a clock, as armed: its owner's, or (`holder`) a force-wide role's decision. */
interface TPlannedTask {
  id: string;
  caseId: string;
  timerId: string;
  ruleId: string;
  assigneeId: string;
  title: string;
  dueAt: Date;
  status: 'open';
  openedAt: Date;
  /** Whose decision it is, when not the case owner's: who holds it is read at the edge. */
  holder?: TRecipientRole;
}

export interface TClockPlan {
  newTimers: object[];
  changedTimers: TTimerRow[];
  newTasks: TPlannedTask[];
  changedTasks: NonNullable<TCaseWrite['changedTasks']>;
  outbox: TOutboxRow[];
}

/**
 * What brings the case's timer rows in line with the clocks its states now declare: stop
 * those that ended (or were re-based), arm the new, pause and resume. Compared with the
 * rows, not the previous snapshot, so a migrated snapshot or a lost write can never leave a
 * clock unarmed. Pure: the caller writes the plan with the case (`writeCase`).
 */
export function planClockChanges(deps: TEngineDeps, change: TClockChange): TClockPlan {
  const plan: TClockPlan = {
    newTimers: [],
    changedTimers: [],
    newTasks: [],
    changedTasks: [],
    outbox: [],
  };
  const wanted = new Map(change.clocks.map((clock) => [clock.key, clock]));
  const running = new Map(change.timers.map((timer) => [keyOf(timer), timer]));
  const status = change.decision && CANCELLING_DECISIONS.has(change.decision) ? 'cancelled' : 'met';
  for (const [key, timer] of running) {
    const clock = wanted.get(key);
    if (!clock) {
      plan.changedTimers.push({
        ...timer,
        status,
        stoppedAt: change.at,
        stoppedBy: change.cause,
        nextFireAt: null,
        pausedAt: null,
      });
      plan.changedTasks.push({
        timerId: timer.id,
        status: 'done',
        closedAt: change.at,
        dueAt: null,
      });
      plan.outbox.push(...removeJobEntry(timer));
    } else if (clock.paused && timer.status !== 'paused') {
      plan.changedTimers.push({
        ...timer,
        status: 'paused',
        pausedAt: change.at,
        nextFireAt: null,
      });
      plan.outbox.push(...removeJobEntry(timer));
    } else if (!clock.paused && timer.status === 'paused') {
      resumeTimer(deps, plan, timer, change.at, change.law);
    }
  }
  const generations = new Map(Object.entries(change.generations));
  for (const clock of wanted.values()) {
    if (running.has(clock.key)) continue;
    const generation = (generations.get(clock.ruleId) ?? 0) + 1;
    generations.set(clock.ruleId, generation);
    armTimer(deps, plan, change, clock, generation);
  }
  return plan;
}

/**
 * Decisions that end a clock without its duty being done: it is cancelled, not met. Keyed by
 * the workflow's decision type, so renaming a decision is a compile error here.
 */
const CANCELLING_DECISIONS: ReadonlySet<TDecisionType> = new Set<TDecisionType>([
  'CASE_CLOSED',
  'HARM_TEST_EXCEPTION_RECORDED',
]);

/** The clock resumes with the time it had left when paused: working days for WD clocks. */
function dueAfterPause(
  calendar: WorkingCalendar,
  rule: TRule,
  timer: Pick<TTimerRow, 'dueAt' | 'pausedAt'>,
  resumedAt: Date,
): Date {
  const pausedAt = timer.pausedAt ?? resumedAt;
  if (rule.duration.unit === 'working-days') {
    const left = Math.max(0, calendar.workingDaysBetween(pausedAt, timer.dueAt));
    return calendar.addWorkingDays(resumedAt, left);
  }
  return new Date(timer.dueAt.getTime() + (resumedAt.getTime() - pausedAt.getTime()));
}

function resumeTimer(
  deps: TEngineDeps,
  plan: TClockPlan,
  timer: TTimerRow,
  at: Date,
  law?: TCaseLaw,
) {
  const rule = resolveRule(deps.policy, timer.ruleId, law);
  const { calendar } = deps;
  const { value: ladder, projected } = calendar.track(() => {
    const dueAt = dueAfterPause(calendar, rule, timer, at);
    return { dueAt, rungs: moveUnfiredRungs(calendar, rule, timer, dueAt, at) };
  });
  const next = ladder.rungs[timer.nextRung];
  plan.changedTimers.push({
    ...timer,
    status: next ? 'armed' : 'overdue',
    dueAt: ladder.dueAt,
    pausedAt: null,
    ladder: ladder.rungs,
    nextFireAt: next ? new Date(next.fireAt) : null,
    calendarVersion: calendar.version,
    projected,
  });
  plan.changedTasks.push({
    timerId: timer.id,
    status: 'open',
    closedAt: null,
    dueAt: ladder.dueAt,
  });
  if (next) plan.outbox.push(rungJobEntry(timer.id, next));
}

/**
 * The timer's ladder with its due date moved to `dueAt`: rungs already fired stay as they
 * were; the rest are worked out again from the new due date (as `scheduleClock` does) and
 * never fall before `at`. Shared by resuming a paused clock and re-planning one on a new
 * calendar.
 */
export function moveUnfiredRungs(
  calendar: WorkingCalendar,
  rule: TRule,
  timer: Pick<TTimerRow, 'ladder' | 'nextRung'>,
  dueAt: Date,
  at: Date,
): TTimerRung[] {
  const specs = ladderFor(rule);
  return timer.ladder.map((rung, index) => {
    if (index < timer.nextRung) return rung;
    const spec = specs[index];
    const fireAt =
      !spec || spec.workingDaysFromDue === 0
        ? dueAt
        : calendar.addWorkingDays(dueAt, spec.workingDaysFromDue);
    return { ...rung, fireAt: new Date(Math.max(fireAt.getTime(), at.getTime())).toISOString() };
  });
}

/** The clock's rule as it runs: the policy pack's, with the duration the case set (if any). */
export function ruleOfClock(
  deps: TEngineDeps,
  clock: Pick<TActiveClock, 'ruleId' | 'duration'>,
  law?: TCaseLaw,
) {
  const policyRule = resolveRule(deps.policy, clock.ruleId, law);
  return clock.duration ? { ...policyRule, duration: clock.duration } : policyRule;
}

/** The rows that arm one clock: its timer, the owner's task and the job for its first rung. */
function armTimer(
  deps: TEngineDeps,
  plan: TClockPlan,
  change: TClockChange,
  clock: TActiveClock,
  generation: number,
) {
  const rule = ruleOfClock(deps, clock, change.law);
  const anchorAt = clock.anchorAt ? new Date(clock.anchorAt) : change.at;
  const { value: schedule, projected } = deps.calendar.track(() =>
    scheduleClock(rule, anchorAt, deps.calendar),
  );
  const timerId = `tm.${change.caseId}.${rule.id}.${generation}`;
  // Whoever may take the decision that meets the clock owes it (decision rights, one source):
  // they stand in the ladder's `case-owner` place (rung-recipients.ts), and the task is theirs.
  const owner = dutyHolderOf(clock.duty);
  const ladder: TTimerRung[] = schedule.rungs.map((rung) => ({
    rung: rung.rung,
    kind: rung.kind,
    fireAt: rung.fireAt.toISOString(),
    notify: rungParts(rung.notify, owner),
  }));
  const first = ladder[0]!;
  plan.newTimers.push({
    id: timerId,
    caseId: change.caseId,
    ruleId: rule.id,
    generation,
    epoch: Number(clock.key.split('#')[1] ?? 0),
    status: clock.paused ? 'paused' : 'armed',
    anchorAt,
    dueAt: schedule.dueAt,
    ladder,
    nextRung: 0,
    nextFireAt: clock.paused ? null : new Date(first.fireAt),
    pausedAt: clock.paused ? change.at : null,
    calendarVersion: deps.calendar.version,
    projected,
  });
  plan.newTasks.push({
    id: `task.${timerId}`,
    caseId: change.caseId,
    timerId,
    ruleId: rule.id,
    assigneeId: change.ownerId,
    title: rule.title,
    dueAt: schedule.dueAt,
    status: 'open',
    openedAt: change.at,
    ...(owner === 'case-owner' ? {} : { holder: owner }),
  });
  if (!clock.paused) plan.outbox.push(rungJobEntry(timerId, first));
}
