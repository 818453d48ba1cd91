import { Prisma } from '@ppda/db';
import { isVirtualClock, type TEngine } from '@ppda/engine';
import { notificationJobId } from '@ppda/queue';

/** Rung events: what a timer records when it fires (packages/engine timers/fire-rung.ts). */
const RUNG_EVENTS = ['clock.reminder-sent', 'clock.due-notice-sent', 'clock.escalated'];
/** The recent rungs lateness is measured over. */
const LATENESS_SAMPLE = 1_000;
/** Rows of each list shown. */
const LIST = 50;

export interface TLateness {
  sample: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** The engine runs on a virtual clock: recorded (wall) minus due (business) time means nothing. */
  virtualClock: boolean;
}

/**
 * Timer lateness: the database's commit time of each recent rung event (`recordedAt`, a
 * column default the engine cannot set) minus the rung's own time (`occurredAt`, the rung's
 * `fireAt`), as p50 / p99 over the newest `LATENESS_SAMPLE` rungs.
 */
export async function readLateness(engine: TEngine): Promise<TLateness> {
  const [row] = await engine.deps.sql.query<{
    sample: number;
    p50: number | null;
    p99: number | null;
    max: number | null;
  }>(Prisma.sql`SELECT count(*)::int AS sample,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::float8 AS p50,
      percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::float8 AS p99,
      max(ms)::float8 AS max
    FROM (SELECT EXTRACT(EPOCH FROM ("recordedAt" - "occurredAt")) * 1000 AS ms
      FROM "CaseEvent" WHERE type IN (${Prisma.join(RUNG_EVENTS)})
      ORDER BY id DESC LIMIT ${LATENESS_SAMPLE}) recent`);
  return {
    sample: row?.sample ?? 0,
    p50Ms: row?.p50 ?? null,
    p99Ms: row?.p99 ?? null,
    maxMs: row?.max ?? null,
    virtualClock: isVirtualClock(engine.deps.clock),
  };
}

/** The clock longest past its due time, and the armed rung longest past its fire time. */
export async function readOldestOverdue(engine: TEngine) {
  const now = engine.deps.clock.now();
  const [overdue] = await engine.deps.sql.query<{
    timerId: string;
    ruleId: string;
    reference: string;
    dueAt: Date;
  }>(Prisma.sql`SELECT t.id AS "timerId", t."ruleId", c.reference, t."dueAt"
    FROM "Timer" t JOIN "Case" c ON c.id = t."caseId"
    WHERE t.status = 'overdue' ORDER BY t."dueAt", t.id LIMIT 1`);
  const [unfired] = await engine.deps.sql.query<{
    timerId: string;
    ruleId: string;
    reference: string;
    nextFireAt: Date;
  }>(Prisma.sql`SELECT t.id AS "timerId", t."ruleId", c.reference, t."nextFireAt"
    FROM "Timer" t JOIN "Case" c ON c.id = t."caseId"
    WHERE t.status = 'armed' AND t."nextFireAt" < ${now} ORDER BY t."nextFireAt", t.id LIMIT 1`);
  return {
    overdue: overdue && { ...overdue, dueAt: overdue.dueAt.toISOString() },
    unfired: unfired && { ...unfired, nextFireAt: unfired.nextFireAt.toISOString() },
  };
}

/** Mail not yet sent, oldest first, each with its send job's state and reason. */
export async function readUnsentMail(engine: TEngine) {
  const mail = await engine.deps.prisma.notification.findMany({
    where: { status: { in: ['failed', 'pending', 'sending'] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: LIST,
    select: {
      id: true,
      kind: true,
      status: true,
      attempts: true,
      lastError: true,
      subject: true,
      createdAt: true,
    },
  });
  const queue = engine.deps.queues.byName.notifications;
  return Promise.all(
    mail.map(async (row) => {
      const job = await queue.getJob(notificationJobId(row.id));
      const state = job ? await job.getState() : 'missing';
      return {
        ...row,
        createdAt: row.createdAt.toISOString(),
        jobState: state,
        jobReason: job?.failedReason ?? null,
        jobAttempts: job?.attemptsMade ?? 0,
      };
    }),
  );
}

/** Failed jobs in every queue with their reasons, newest first. */
export async function readFailedJobs(engine: TEngine) {
  const queues = Object.entries(engine.deps.queues.byName);
  const perQueue = await Promise.all(
    queues.map(async ([queue, q]) =>
      (await q.getFailed(0, LIST - 1)).map((job) => ({
        queue,
        id: job.id ?? '',
        name: job.name,
        reason: job.failedReason ?? '',
        attempts: job.attemptsMade,
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      })),
    ),
  );
  return perQueue
    .flat()
    .sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? ''))
    .slice(0, LIST);
}

type TRepairs = {
  replanned?: number;
  relayed?: number;
  rearmed?: number;
  removedOrphans?: number;
  requeuedNotifications?: number;
};

/** What a reconcile repaired, in words ("nothing" when all agreed). */
export function repairsInWords(report: TRepairs | null | undefined): string {
  if (!report) return 'no report';
  const parts = [
    [report.rearmed, 'timer job re-armed', 'timer jobs re-armed'],
    [report.requeuedNotifications, 'mail re-queued', 'mails re-queued'],
    [report.removedOrphans, 'orphan job removed', 'orphan jobs removed'],
    [report.relayed, 'outbox entry relayed', 'outbox entries relayed'],
    [report.replanned, 'clock re-planned', 'clocks re-planned'],
  ] as const;
  const said = parts
    .filter(([count]) => (count ?? 0) > 0)
    .map(([count, one, many]) => `${count} ${count === 1 ? one : many}`);
  return said.length > 0 ? said.join(', ') : 'nothing to repair';
}

/** The worker's scheduled reconciles (their reports kept on the finished jobs), newest first. */
export async function readScheduledReconciles(engine: TEngine) {
  const jobs = await engine.deps.queues.byName.maintenance.getCompleted(0, 199);
  return jobs
    .filter((job) => job.name === 'engine.reconcile')
    .map((job) => ({
      at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      repairs: repairsInWords(job.returnvalue as TRepairs),
      repaired: repairsInWords(job.returnvalue as TRepairs) !== 'nothing to repair',
    }))
    .sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''))
    .slice(0, 10);
}
