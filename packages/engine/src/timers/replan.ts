import type { WorkingCalendar } from '@ppda/calendar';
import { Prisma } from '@ppda/db';
import { AppError } from '@ppda/domain';
import { activeClocks, scheduleClock, type TRule } from '@ppda/ppda-case';
import {
  calendarOfVersion,
  datasetInfo,
  markReplanned,
  syncCalendar,
} from '../runtime/calendar-datasets.ts';
import { SYSTEM_ACTOR, type TEngineDeps } from '../runtime/deps.ts';
import { caseState, loadCase, retryOnConflict, type TTimerRow } from '../write/case-store.ts';
import { commitCaseWrite } from '../write/case-write.ts';
import { chainEvent } from '../write/chain-event.ts';
import type { TOutboxRow } from '../write/outbox-relay.ts';
import { removeJobEntry, rungJobEntry, type TTimerRung } from './rung.ts';
import { moveUnfiredRungs, ruleOfClock } from './timer-plan.ts';

/**
 * Re-planning running clocks on a new bank-holiday dataset (rules.md: "armed clocks
 * re-planned, as case events, when published dates change").
 *
 * Every timer records the dataset version it was planned with, so the work left is always
 * "armed or paused timers planned under an older version than the newest": a crash part-way
 * leaves exactly those, and the next run (the reconciler's, on any process) finishes them.
 * Each timer is re-planned in its own case write (optimistic version check, hash-chained
 * event, outbox), like any other command: rungs already fired stay; unfired rungs and the due
 * date move; the job for the next rung moves through the outbox. A timer whose dates do not
 * move only has its version (and projected flag) brought up to date, with no event.
 */

export interface TReplanReport {
  calendarVersion: number;
  /** Timers planned under an older version that were looked at. */
  checked: number;
  /** Timers whose dates moved, each with a `clock.replanned` event on its case. */
  moved: string[];
}

const PAGE_SIZE = 500;

export async function replanTimers(deps: TEngineDeps): Promise<TReplanReport> {
  const calendar = await syncCalendar(deps);
  const report: TReplanReport = { calendarVersion: calendar.version, checked: 0, moved: [] };
  if (calendar.version === 0) return report;
  const dataset = await datasetInfo(deps, calendar.version);
  for (let cursor = ''; ; ) {
    const page = await deps.sql.query<{ id: string }>(
      Prisma.sql`SELECT id FROM "Timer"
        WHERE status IN ('armed', 'paused') AND "calendarVersion" < ${calendar.version}
          AND id > ${cursor}
        ORDER BY id LIMIT ${PAGE_SIZE}`,
    );
    if (page.length === 0) break;
    cursor = page.at(-1)!.id;
    for (const { id } of page) {
      report.checked++;
      const why = dataset
        ? `Bank holiday dataset v${dataset.version} (${dataset.source}, imported by ${dataset.importedBy})`
        : `Bank holiday dataset v${calendar.version}`;
      if (await retryOnConflict(() => replanTimer(deps, id, calendar, why))) {
        report.moved.push(id);
      }
    }
  }
  await markReplanned(deps, calendar.version);
  if (report.checked > 0) deps.logger.info(report, 'timers re-planned on the working calendar');
  return report;
}

interface TPlanned {
  dueAt: Date;
  ladder: TTimerRung[];
  projected: boolean;
}

/**
 * The timer's schedule on `calendar`. A timer whose due date is still what its anchor and
 * rule gave on the calendar it was planned with is worked out again the same way, exactly.
 * One whose due date moved since (a pause and resume shifts it by the time paused, which the
 * row does not keep) keeps its shift: a working-day due keeps the same count of working days
 * from now, and a calendar-time due does not move with holidays at all.
 */
function planOn(
  calendar: WorkingCalendar,
  planned: WorkingCalendar,
  rule: TRule,
  timer: TTimerRow,
  now: Date,
): TPlanned {
  const asPlanned = scheduleClock(rule, timer.anchorAt, planned);
  const { value, projected } = calendar.track(() => {
    if (asPlanned.dueAt.getTime() === timer.dueAt.getTime()) {
      const fresh = scheduleClock(rule, timer.anchorAt, calendar);
      const ladder = timer.ladder.map((rung, index) => {
        const fireAt = fresh.rungs[index]?.fireAt;
        if (index < timer.nextRung || !fireAt) return rung;
        return {
          ...rung,
          fireAt: new Date(Math.max(fireAt.getTime(), now.getTime())).toISOString(),
        };
      });
      return { dueAt: fresh.dueAt, ladder };
    }
    let dueAt = timer.dueAt;
    if (rule.duration.unit === 'working-days' && dueAt.getTime() > now.getTime()) {
      dueAt = calendar.addWorkingDays(now, planned.workingDaysBetween(now, dueAt));
    }
    return { dueAt, ladder: moveUnfiredRungs(calendar, rule, timer, dueAt, now) };
  });
  return { ...value, projected };
}

const datesOf = (plan: { dueAt: Date; ladder: TTimerRung[] }) => ({
  dueAt: plan.dueAt.toISOString(),
  rungs: plan.ladder.map(({ rung, kind, fireAt }) => ({ rung, kind, fireAt })),
});

/** The holidays one calendar has and the other has not, between two dates. */
function holidayChanges(before: WorkingCalendar, after: WorkingCalendar, from: Date, to: Date) {
  const was = before.bankHolidaysBetween(from, to);
  const is = after.bankHolidaysBetween(from, to);
  const wasDates = new Set(was.map((holiday) => holiday.date));
  const isDates = new Set(is.map((holiday) => holiday.date));
  return {
    added: is.filter((holiday) => !wasDates.has(holiday.date)),
    removed: was.filter((holiday) => !isDates.has(holiday.date)),
  };
}

/** Re-plan one timer on `calendar`; true when its dates moved (and an event was written). */
async function replanTimer(
  deps: TEngineDeps,
  timerId: string,
  calendar: WorkingCalendar,
  why: string,
): Promise<boolean> {
  const loaded = await loadCase(deps, { timerId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not-found') return undefined;
    throw error;
  });
  const timer = loaded?.timers.find((running) => running.id === timerId);
  if (!loaded || !timer || timer.calendarVersion >= calendar.version) return false;
  if (timer.status !== 'armed' && timer.status !== 'paused') return false;
  const clock = activeClocks(loaded.snapshot).find(
    (active) => active.key === `${timer.ruleId}#${timer.epoch}`,
  );
  const rule = ruleOfClock(deps, clock ?? { ruleId: timer.ruleId }, loaded.snapshot.context.law);
  const planned = await calendarOfVersion(deps, timer.calendarVersion);
  const now = deps.clock.now();
  const next = planOn(calendar, planned, rule, timer, now);
  const before = datesOf({ dueAt: timer.dueAt, ladder: timer.ladder });
  const after = datesOf(next);
  if (JSON.stringify(before) === JSON.stringify(after)) {
    // Nothing moved: bring the version and the projected flag up to date, no event. A write
    // racing this one (a rung firing) keeps the timer's old version; the next run redoes this.
    await deps.sql.query(
      Prisma.sql`UPDATE "Timer" SET "calendarVersion" = ${calendar.version},
          projected = ${next.projected}
        WHERE id = ${timerId} AND "calendarVersion" < ${calendar.version}`,
    );
    return false;
  }

  const { row } = loaded;
  const lastDate = new Date(
    Math.max(
      timer.dueAt.getTime(),
      next.dueAt.getTime(),
      ...[...before.rungs, ...after.rungs].map((rung) => Date.parse(rung.fireAt)),
    ),
  );
  const holidays = holidayChanges(planned, calendar, timer.anchorAt, lastDate);
  const cause = [
    ...holidays.added.map((holiday) => `${holiday.date} (${holiday.title}) added`),
    ...holidays.removed.map((holiday) => `${holiday.date} (${holiday.title}) removed`),
  ].join(', ');
  const { event, head } = chainEvent(row.id, row, {
    type: 'clock.replanned',
    actor: SYSTEM_ACTOR,
    ruleId: timer.ruleId,
    rationale: `${why} moved this clock's dates: ${cause || 'bank holidays changed'}.`,
    payload: {
      timerId,
      calendarVersion: { before: timer.calendarVersion, after: calendar.version },
      before: { ...before, projected: timer.projected },
      after: { ...after, projected: next.projected },
      holidays,
    },
    occurredAt: now,
  });
  const armed = timer.status === 'armed';
  const nextRung = next.ladder[timer.nextRung];
  const oldRung = timer.ladder[timer.nextRung];
  const outbox: TOutboxRow[] = [];
  if (armed && nextRung && oldRung?.fireAt !== nextRung.fireAt) {
    // Same job id for the rung: remove the job at the old time, then add it at the new one.
    outbox.push(...removeJobEntry(timer), rungJobEntry(timer.id, nextRung));
  }
  await commitCaseWrite(deps, {
    caseId: row.id,
    expectedVersion: row.version,
    state: caseState(loaded.snapshot, head),
    event,
    changedTimers: [
      {
        ...timer,
        dueAt: next.dueAt,
        ladder: next.ladder,
        nextFireAt: armed && nextRung ? new Date(nextRung.fireAt) : timer.nextFireAt,
        calendarVersion: calendar.version,
        projected: next.projected,
      },
    ],
    changedTasks: [{ timerId, status: 'open', closedAt: null, dueAt: next.dueAt }],
    outbox,
  });
  return true;
}
