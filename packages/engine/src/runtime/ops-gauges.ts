import { Prisma } from '@ppda/db';
import { QUEUE_NAMES, type TQueueName } from '@ppda/queue';
import type { TEngineDeps } from './deps.ts';

/** A rung this far past its fire time has not been fired: the queues have lost or stalled it. */
export const LATE_FIRE_MS = 60_000;

const JOB_STATES = ['waiting', 'delayed', 'active', 'prioritized', 'failed'] as const;
type TJobState = (typeof JOB_STATES)[number];

/** What ops watch, read from the database (the truth) and the queues at one moment. */
export interface TOpsGauges {
  /** Running statutory clocks by status; `overdue` ones have passed their due time. */
  timers: { armed: number; overdue: number; paused: number };
  /** Armed timers whose next rung is over `LATE_FIRE_MS` past its time (engine clock). */
  lateFires: number;
  /** Committed queue operations not yet relayed, and the age of the oldest. */
  outbox: { pending: number; oldestSeconds: number };
  /** Mails not yet sent: waiting to be claimed, or being sent (or a claim that lapsed). */
  notifications: { pending: number; sending: number };
  /** Clock rungs that had a part nobody could be resolved for (told a stand-in instead). */
  rungsWithStandIns: number;
  /** Bursts of refused reads by one person alerted to the Head of PSD. */
  accessRefusalBursts: number;
  /** BullMQ job counts per queue and state. */
  queues: Record<TQueueName, Record<TJobState, number>>;
}

export async function readOpsGauges(deps: TEngineDeps): Promise<TOpsGauges> {
  const lateBefore = new Date(deps.clock.now().getTime() - LATE_FIRE_MS);
  // Each count uses an index: Timer (status, nextFireAt), Notification (status), CaseEvent's
  // partial index of rungs with stand-ins.
  const [row] = await deps.sql.query<{
    armed: number;
    overdue: number;
    paused: number;
    lateFires: number;
    outboxPending: number;
    outboxOldestSeconds: number | null;
    pending: number;
    sending: number;
    rungsWithStandIns: number;
    accessRefusalBursts: number;
  }>(Prisma.sql`SELECT
      (SELECT count(*) FROM "Timer" WHERE status = 'armed')::int AS armed,
      (SELECT count(*) FROM "Timer" WHERE status = 'overdue')::int AS overdue,
      (SELECT count(*) FROM "Timer" WHERE status = 'paused')::int AS paused,
      (SELECT count(*) FROM "Timer" WHERE status = 'armed' AND "nextFireAt" < ${lateBefore})::int
        AS "lateFires",
      (SELECT count(*) FROM "OutboxEntry")::int AS "outboxPending",
      (SELECT EXTRACT(EPOCH FROM (now()::timestamp - min("createdAt")))::float8
        FROM "OutboxEntry") AS "outboxOldestSeconds",
      (SELECT count(*) FROM "Notification" WHERE status = 'pending')::int AS pending,
      (SELECT count(*) FROM "Notification" WHERE status = 'sending')::int AS sending,
      (SELECT count(*) FROM "CaseEvent" WHERE (payload -> 'standIns') IS NOT NULL)::int
        AS "rungsWithStandIns",
      (SELECT count(*) FROM "Notification" WHERE kind = 'access-burst')::int
        AS "accessRefusalBursts"`);
  const queues = Object.fromEntries(
    await Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const counts = await deps.queues.byName[name].getJobCounts(...JOB_STATES);
        return [name, Object.fromEntries(JOB_STATES.map((state) => [state, counts[state] ?? 0]))];
      }),
    ),
  ) as TOpsGauges['queues'];
  return {
    timers: { armed: row!.armed, overdue: row!.overdue, paused: row!.paused },
    lateFires: row!.lateFires,
    outbox: { pending: row!.outboxPending, oldestSeconds: row!.outboxOldestSeconds ?? 0 },
    notifications: { pending: row!.pending, sending: row!.sending },
    rungsWithStandIns: row!.rungsWithStandIns,
    accessRefusalBursts: row!.accessRefusalBursts,
    queues,
  };
}
