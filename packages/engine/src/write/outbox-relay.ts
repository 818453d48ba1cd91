import { setTimeout as sleep } from 'node:timers/promises';
import { Prisma, type TSql } from '@ppda/db';
import { isJobName, type TJobRequest, type TQueueName } from '@ppda/queue';
import type { Logger } from 'pino';
import type { TEngineDeps } from '../runtime/deps.ts';
import { wallDelayMs } from '../runtime/time-source.ts';

/** An outbox row: a job to add or remove once the write has committed. */
export interface TOutboxRow {
  kind: 'add-job' | 'remove-job';
  queue: TQueueName;
  jobName: string;
  jobId: string;
  payload: Record<string, unknown>;
  fireAt: Date | null;
}

/** Rows per sweep and per `addBulk`: one round trip each to Redis and PostgreSQL. */
const SWEEP_SIZE = 1_000;

/**
 * Push a write's outbox rows to BullMQ straight after it committed; they are deleted in the
 * background (`TRelayedRows`). Job ids are deterministic, so relaying a row twice (a crash
 * before it was deleted, or a sweep running alongside) is harmless; if any part fails, none
 * is deleted and the sweep relays them all again in order.
 */
export async function relayCommitted(
  deps: TEngineDeps,
  rows: TOutboxRow[],
  ids: bigint[],
): Promise<void> {
  if (ids.length === 0) return;
  if ((await relayInOrder(deps, rows)) === rows.length) deps.relayed.add(ids);
}

export interface TRelayedRows {
  add(ids: bigint[]): void;
  /** Wait until every id added so far is deleted (or its deletion has failed). */
  flush(): Promise<void>;
}

/**
 * Deletes relayed rows in the background, coalescing the ids of `lingerMs` of commands into
 * one DELETE: it is bookkeeping for the sweep, so a command need not wait a second commit for
 * it, and one commit per batch instead of per command leaves the disk to the commands. A
 * deletion lost to a crash only means the sweep adds those jobs again, harmlessly.
 */
export function createRelayedRows(sql: TSql, logger: Logger, lingerMs = 50): TRelayedRows {
  let pending: bigint[] = [];
  let running: Promise<void> | undefined;
  const run = async () => {
    await sleep(lingerMs);
    while (pending.length > 0) {
      const ids = pending;
      pending = [];
      await deleteRelayed(sql, ids).catch((error: unknown) =>
        logger.warn({ rows: ids.length, error: String(error) }, 'relayed outbox rows not deleted'),
      );
    }
    running = undefined;
  };
  return {
    add(ids) {
      pending.push(...ids);
      running ??= run();
    },
    async flush() {
      while (running) await running;
    },
  };
}

/**
 * Relay committed rows nobody relayed (a crash, Redis down): the periodic sweep and the
 * reconciler. Returns how many it relayed.
 */
export async function relayOutbox(deps: TEngineDeps): Promise<number> {
  // This process's own relayed rows are deleted first, not relayed again.
  await deps.relayed.flush();
  const entries = await deps.sql.query<TOutboxRow & { id: bigint }>(
    Prisma.sql`SELECT id, kind, queue, "jobName", "jobId", payload, "fireAt" FROM "OutboxEntry"
      ORDER BY id LIMIT ${SWEEP_SIZE}`,
  );
  const relayed = await relayInOrder(deps, entries);
  await deleteRelayed(
    deps.sql,
    entries.slice(0, relayed).map((entry) => entry.id),
  );
  return relayed;
}

async function deleteRelayed(sql: TSql, ids: bigint[]): Promise<void> {
  if (ids.length === 0) return;
  await sql.query(Prisma.sql`DELETE FROM "OutboxEntry" WHERE id = ANY(${ids}::bigint[])`);
}

/** Relay rows in order, consecutive adds to one queue as one `addBulk`; stops at a failure. */
async function relayInOrder(deps: TEngineDeps, rows: TOutboxRow[]): Promise<number> {
  let relayed = 0;
  for (const run of consecutiveRuns(rows)) {
    try {
      await relayRun(deps, run);
      relayed += run.length;
    } catch (error) {
      deps.logger.warn({ jobId: run[0]?.jobId, error: String(error) }, 'outbox relay failed');
      break; // keep order: later entries wait for the next sweep
    }
  }
  return relayed;
}

/** Split into runs that can go together: adds to one queue, or a single remove. */
function consecutiveRuns(rows: TOutboxRow[]): TOutboxRow[][] {
  const runs: TOutboxRow[][] = [];
  for (const row of rows) {
    const last = runs.at(-1);
    const head = last?.[0];
    const joins =
      head !== undefined &&
      row.kind === 'add-job' &&
      head.kind === 'add-job' &&
      head.queue === row.queue &&
      last!.length < SWEEP_SIZE;
    if (joins) last!.push(row);
    else runs.push([row]);
  }
  return runs;
}

async function relayRun(deps: TEngineDeps, run: TOutboxRow[]): Promise<void> {
  const [head] = run;
  if (!head) return;
  if (head.kind === 'remove-job') {
    await deps.queues.remove(head.queue, head.jobId).catch((error: unknown) => {
      // An active (locked) job cannot be removed; its fire-time guard makes it a no-op.
      deps.logger.debug({ jobId: head.jobId, error: String(error) }, 'job not removed');
    });
    return;
  }
  const now = deps.clock.now().getTime();
  const delayFrom = Date.now();
  const jobs = run.map((row): TJobRequest => {
    if (!isJobName(row.jobName))
      throw new Error(`outbox job ${row.jobId} names unknown job ${row.jobName}`);
    return {
      name: row.jobName,
      payload: row.payload as never,
      jobId: row.jobId,
      delayMs: row.fireAt ? wallDelayMs(deps.clock, row.fireAt.getTime() - now) : 0,
      delayFrom,
    };
  });
  await deps.queues.addBulk(head.queue as TQueueName, jobs);
}
