import { timerJobId } from '@ppda/queue';
import { z } from 'zod';
import type { TOutboxRow } from '../write/outbox-relay.ts';

/** One rung of a timer's ladder as stored on its row (`Timer.ladder`). */
const ZTimerRung = z.object({
  rung: z.number().int(),
  kind: z.enum(['reminder', 'due', 'escalation']),
  fireAt: z.string(),
  notify: z.array(z.string()),
});
export type TTimerRung = z.infer<typeof ZTimerRung>;

/** A timer's ladder, parsed once where the row is read from the database. */
const ZTimerLadder = z.array(ZTimerRung);

/** The ladder of a timer row as read from the database (a JSON column): checked, typed. */
export function parseLadder(stored: unknown): TTimerRung[] {
  return ZTimerLadder.parse(stored);
}

/** The outbox row for a timer rung's delayed job. */
export function rungJobEntry(timerId: string, rung: TTimerRung): TOutboxRow {
  return {
    kind: 'add-job',
    queue: 'case-timers',
    jobName: 'case.timer.fire',
    jobId: timerJobId(timerId, rung.rung),
    payload: { timerId, rung: rung.rung, fireAt: rung.fireAt },
    fireAt: new Date(rung.fireAt),
  };
}

/** The outbox row that removes a running timer's pending rung job (none when it has none). */
export function removeJobEntry(timer: {
  id: string;
  nextRung: number;
  nextFireAt: Date | null;
}): TOutboxRow[] {
  if (!timer.nextFireAt) return [];
  return [
    {
      kind: 'remove-job',
      queue: 'case-timers',
      jobName: 'case.timer.fire',
      jobId: timerJobId(timer.id, timer.nextRung),
      payload: {},
      fireAt: null,
    },
  ];
}
