import { Prisma } from '@ppda/db';
import type { TRule } from '@ppda/ppda-case';
import { notificationJobId } from '@ppda/queue';
import type { TEngineDeps } from '../runtime/deps.ts';
import type { TTimerRung } from '../timers/rung.ts';
import type { TOutboxRow } from '../write/outbox-relay.ts';
import { DEFAULT_MAIL_HOURS, mailTimingOf, sendAtFor } from './mail-timing.ts';
import { isWindowRule } from './notice-kinds.ts';

/**
 * A due notice ("due today") goes at 08:00 on its clock's due day (rules.md), but the due rung
 * is the end of that day, its legal instant: mailed from the rung it would reach its recipient
 * the next morning. So the rung before it (the reminder) writes the due notice ahead, held for
 * 08:00 on the due day, with the id suffix `.ahead`; the due rung, still recorded at its
 * legal instant, then mails nobody who was told ahead. A notice ahead whose clock is no longer
 * owed when it would go (met, cancelled, paused, re-based) or whose due day moved is dropped
 * (`dropStaleNoticeAhead`), and the due rung mails as before.
 */
export const AHEAD_SUFFIX = '.ahead';

/** When the due rung's notice should go ahead of it, or null when it goes from the rung. */
export function dueNoticeAheadAt(
  deps: TEngineDeps,
  rule: TRule,
  dueRung: TTimerRung | undefined,
): Date | null {
  const hours = deps.mailHours ?? DEFAULT_MAIL_HOURS;
  if (dueRung?.kind !== 'due' || hours === 'always' || isWindowRule(rule)) return null;
  if (mailTimingOf(rule, 'due') !== 'on-its-day') return null;
  const rungAt = new Date(dueRung.fireAt);
  const sendAt = sendAtFor(deps.calendar, hours, 'on-its-day', rungAt, deps.clock.now());
  // Its day's 08:00 is after the rung (a due day that is not a working day): from the rung.
  return sendAt.getTime() < rungAt.getTime() ? sendAt : null;
}

/** The outbox row of a notice held until `sendAt` (or sent at once when that has come). */
export function heldNoticeJob(deps: TEngineDeps, id: string, sendAt: Date): TOutboxRow {
  const later = sendAt.getTime() > deps.clock.now().getTime() ? sendAt : null;
  return {
    kind: 'add-job',
    queue: 'notifications',
    jobName: 'notification.send',
    jobId: notificationJobId(id),
    payload: { notificationId: id, ...(later ? { fireAt: later.toISOString() } : {}) },
    fireAt: later,
  };
}

/**
 * Ids of the due rung's notices that went (or are going) ahead of it: not dropped, and due by
 * now (one held for a later day belongs to a due date the clock has since moved off).
 */
export async function noticesAhead(
  deps: TEngineDeps,
  timerId: string,
  rung: number,
): Promise<Set<string>> {
  const rows = await deps.sql.query<{ id: string }>(Prisma.sql`SELECT id FROM "Notification"
    WHERE "timerId" = ${timerId} AND rung = ${rung} AND id LIKE ${`%${AHEAD_SUFFIX}`}
      AND status <> 'dropped' AND "sendAt" <= ${deps.clock.now()}`);
  return new Set(rows.map((row) => row.id.slice(0, -AHEAD_SUFFIX.length)));
}

/**
 * Drop a notice ahead that is no longer true when it would go: its clock is no longer owed,
 * or its due day is no longer the day it was to go. True when dropped (nothing to send).
 */
export async function dropStaleNoticeAhead(
  deps: TEngineDeps,
  notificationId: string,
): Promise<boolean> {
  if (!notificationId.endsWith(AHEAD_SUFFIX)) return false;
  const dropped = await deps.sql.query<{ id: string }>(Prisma.sql`UPDATE "Notification" n
      SET status = 'dropped', "lastError" = 'the clock is no longer due that day'
    FROM "Timer" t
    WHERE n.id = ${notificationId} AND n.status = 'pending' AND t.id = n."timerId"
      AND (t.status NOT IN ('armed', 'overdue')
        OR to_char(t."dueAt" AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')
          <> to_char(n."sendAt" AT TIME ZONE 'Europe/London', 'YYYY-MM-DD'))
    RETURNING n.id`);
  return dropped.length > 0;
}
