import { Prisma } from '@ppda/db';
import { notificationJobId, type TJobRequest, timerJobId } from '@ppda/queue';
import { scheduleNextDigest } from '../mail/daily-digest.ts';
import { replanTimers } from '../timers/replan.ts';
import { relayOutbox } from '../write/outbox-relay.ts';
import type { TEngineDeps } from './deps.ts';
import { wallDelayMs } from './time-source.ts';

export interface TReconcileReport {
  /** Timers re-planned because a newer bank-holiday dataset moved their dates. */
  replanned: number;
  relayed: number;
  rearmed: number;
  removedOrphans: number;
  requeuedNotifications: number;
}

/** Jobs per `addBulk`: large enough to amortise round trips, small enough for one MULTI. */
const BULK_SIZE = 1_000;
/** Orphan removals in flight at once. */
const REMOVE_CHUNK = 100;
/** Timer rows read at a time, so memory stays flat however many timers are armed. */
const PAGE_SIZE = 5_000;
/**
 * Rungs due within this long are re-armed first, soonest first, before the full pass: after
 * Redis lost its data, what is due fires within seconds however many timers are armed, and
 * the rest (days and months ahead) follow while the engine already runs.
 */
const SOON_MS = 15 * 60_000;

/**
 * Make Redis agree with the database, which is the truth: every armed timer has a job
 * for its next rung, every unsent notification has a send job, and no timer job is left
 * whose rung the database no longer expects. Safe to run at any time, on any process.
 *
 * Works on job ids, not jobs (listing 100k jobs with their data would cost seconds and
 * hundreds of MB), reads timers a page at a time, and re-adds in bulk.
 */
export async function reconcile(deps: TEngineDeps): Promise<TReconcileReport> {
  // First pick up a dataset another process imported, and finish any re-plan a crash cut
  // short: its writes relay their own jobs, and the passes below see the moved rungs.
  const replanned = (await replanTimers(deps)).moved.length;
  let relayed = 0;
  for (let batch = await relayOutbox(deps); batch > 0; batch = await relayOutbox(deps)) {
    relayed += batch;
  }
  const timers = await reconcileTimers(deps);
  const requeuedNotifications = await reconcileNotifications(deps);
  // The next daily digest (when configured) is always waiting: a lost Redis loses no digest.
  await scheduleNextDigest(deps);
  const report = { replanned, relayed, ...timers, requeuedNotifications };
  if (timers.rearmed + timers.removedOrphans + requeuedNotifications + replanned > 0) {
    deps.logger.warn(report, 'reconciler repaired the queues');
  }
  return report;
}

async function reconcileTimers(deps: TEngineDeps) {
  const { queues } = deps;
  // Read Redis before the database: a job listed here was relayed after its row committed,
  // so the later read sees that row (or its successor, which makes the job stale).
  const live = await queues.listJobIds('case-timers', [
    'delayed',
    'waiting',
    'active',
    'prioritized',
  ]);
  const finished = await queues.listJobIds('case-timers', ['completed', 'failed']);

  const claimed = new Set<string>();
  /** Re-add the jobs a page of armed timers lacks; claims each timer's job id from `live`. */
  const rearmPage = async (page: TArmedRow[]) => {
    const now = deps.clock.now().getTime();
    const delayFrom = Date.now();
    const missing: TJobRequest<'case.timer.fire'>[] = [];
    for (const timer of page) {
      const jobId = timerJobId(timer.id, timer.nextRung);
      // Seen in the soonest-first pass already: counted there.
      if (claimed.has(jobId)) continue;
      claimed.add(jobId);
      // Claimed by its timer: what is left in `live` at the end are orphan candidates.
      if (live.delete(jobId)) continue;
      const fireAt = timer.nextFireAt;
      missing.push({
        name: 'case.timer.fire',
        payload: { timerId: timer.id, rung: timer.nextRung, fireAt: fireAt.toISOString() },
        jobId,
        delayMs: wallDelayMs(deps.clock, fireAt.getTime() - now),
        delayFrom,
      });
    }
    // A finished job with this id would make the add a no-op, so clear it first.
    const stale = missing.filter((job) => finished.has(job.jobId));
    await Promise.all(stale.map((job) => queues.remove('case-timers', job.jobId)));
    for (let from = 0; from < missing.length; from += BULK_SIZE) {
      await queues.addBulk('case-timers', missing.slice(from, from + BULK_SIZE));
    }
    return missing.length;
  };

  // What falls due soonest first (index on status, nextFireAt), so it fires while the rest
  // of the pass runs.
  const soon = new Date(deps.clock.now().getTime() + SOON_MS);
  let rearmed = 0;
  for (let after: TArmedRow | undefined; ; ) {
    const page = await deps.sql.query<TArmedRow>(
      Prisma.sql`SELECT id, "nextRung", "nextFireAt" FROM "Timer"
        WHERE status = 'armed' AND "nextFireAt" <= ${soon}
          ${after === undefined ? Prisma.empty : Prisma.sql`AND ("nextFireAt", id) > (${after.nextFireAt}, ${after.id})`}
        ORDER BY "nextFireAt", id LIMIT ${PAGE_SIZE}`,
    );
    if (page.length === 0) break;
    after = page.at(-1);
    rearmed += await rearmPage(page);
  }
  // Then every armed timer, a page at a time, so 100k of them never sit in memory at once. A
  // timer armed meanwhile may be missed by this pass; its own command relays its job.
  for (let cursor: string | undefined; ; ) {
    const page = await deps.sql.query<TArmedRow>(
      Prisma.sql`SELECT id, "nextRung", "nextFireAt" FROM "Timer"
        WHERE status = 'armed' AND "nextFireAt" IS NOT NULL
          ${cursor === undefined ? Prisma.empty : Prisma.sql`AND id > ${cursor}`}
        ORDER BY id LIMIT ${PAGE_SIZE}`,
    );
    if (page.length === 0) break;
    cursor = page.at(-1)!.id;
    rearmed += await rearmPage(page);
  }
  return { rearmed, removedOrphans: await removeOrphans(deps, live) };
}

interface TArmedRow {
  id: string;
  nextRung: number;
  nextFireAt: Date;
}

/**
 * Remove timer jobs whose rung the database no longer expects. Each candidate is checked
 * again against its timer row, since pages were read at different moments.
 */
async function removeOrphans(deps: TEngineDeps, candidates: Set<string>): Promise<number> {
  if (candidates.size === 0) return 0;
  const { queues } = deps;
  const active = await queues.listJobIds('case-timers', ['active']);
  const byTimer = new Map<string, { jobId: string; rung: number }[]>();
  for (const jobId of candidates) {
    // An active job is being fired; its fire-time guard decides, and it cannot be removed.
    if (active.has(jobId)) continue;
    const parsed = parseTimerJobId(jobId);
    if (!parsed) continue; // not one of ours: leave it alone
    byTimer.set(parsed.timerId, [
      ...(byTimer.get(parsed.timerId) ?? []),
      { jobId, rung: parsed.rung },
    ]);
  }
  let removed = 0;
  const timerIds = [...byTimer.keys()];
  for (let from = 0; from < timerIds.length; from += PAGE_SIZE) {
    const ids = timerIds.slice(from, from + PAGE_SIZE);
    const rows = await deps.sql.query<{ id: string; status: string; nextRung: number }>(
      Prisma.sql`SELECT id, status, "nextRung" FROM "Timer" WHERE id = ANY(${ids}::text[])`,
    );
    const expects = new Map(
      rows.filter((row) => row.status === 'armed').map((row) => [row.id, row.nextRung]),
    );
    const orphans = ids.flatMap((timerId) =>
      (byTimer.get(timerId) ?? []).filter((job) => expects.get(timerId) !== job.rung),
    );
    // Removals are independent: send them a chunk at a time rather than one round trip each.
    for (let start = 0; start < orphans.length; start += REMOVE_CHUNK) {
      await Promise.all(
        orphans.slice(start, start + REMOVE_CHUNK).map((job) =>
          queues.remove('case-timers', job.jobId).then(
            () => removed++,
            (error: unknown) =>
              deps.logger.debug({ jobId: job.jobId, error: String(error) }, 'orphan kept'),
          ),
        ),
      );
    }
  }
  return removed;
}

/** The inverse of `timerJobId`: `<timerId>.r<rung>`. */
function parseTimerJobId(jobId: string): { timerId: string; rung: number } | undefined {
  const match = /^(.+)\.r(\d+)$/.exec(jobId);
  return match ? { timerId: match[1]!, rung: Number(match[2]) } : undefined;
}

async function reconcileNotifications(deps: TEngineDeps): Promise<number> {
  const { queues } = deps;
  const unsent = await deps.sql.query<{ id: string; sendAt: Date | null }>(
    Prisma.sql`SELECT id, "sendAt" FROM "Notification" WHERE status IN ('pending', 'sending')`,
  );
  if (unsent.length === 0) return 0;
  const now = deps.clock.now().getTime();
  const live = await queues.listJobIds('notifications', [
    'delayed',
    'waiting',
    'active',
    'prioritized',
  ]);
  const finished = await queues.listJobIds('notifications', ['completed', 'failed']);
  const missing = unsent
    .map(({ id, sendAt }) => ({ notificationId: id, jobId: notificationJobId(id), sendAt }))
    .filter(({ jobId }) => !live.has(jobId));
  for (let from = 0; from < missing.length; from += BULK_SIZE) {
    const chunk = missing.slice(from, from + BULK_SIZE);
    const stale = chunk.filter(({ jobId }) => finished.has(jobId));
    await Promise.all(stale.map(({ jobId }) => queues.remove('notifications', jobId)));
    await queues.addBulk(
      'notifications',
      chunk.map(({ notificationId, jobId, sendAt }) => {
        // A mail held for working hours waits for its time again.
        const later = sendAt && sendAt.getTime() > now ? sendAt : null;
        return {
          name: 'notification.send' as const,
          payload: { notificationId, ...(later ? { fireAt: later.toISOString() } : {}) },
          jobId,
          ...(later ? { delayMs: wallDelayMs(deps.clock, later.getTime() - now) } : {}),
        };
      }),
    );
  }
  return missing.length;
}
