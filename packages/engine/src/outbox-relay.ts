import type { OutboxEntry } from '@ppda/db';
import { isJobName, type TJobRequest, type TQueueName } from '@ppda/queue';
import type { TEngineDeps } from './deps.ts';

/** Rows per sweep and per `addBulk`: one round trip each to Redis and PostgreSQL. */
const SWEEP_SIZE = 1_000;

/**
 * Push committed outbox rows to BullMQ. Job ids are deterministic, so relaying a row
 * twice (a crash before it was marked) is harmless. Consecutive adds for one queue go as
 * one `addBulk` and are marked relayed with one update. Rows that fail stay for the next
 * sweep; the reconciler and the periodic relay pick them up.
 */
export async function relayOutbox(deps: TEngineDeps, ids?: bigint[]): Promise<number> {
  if (ids && ids.length === 0) return 0;
  const entries = await deps.prisma.outboxEntry.findMany({
    where: ids ? { id: { in: ids }, relayedAt: null } : { relayedAt: null },
    orderBy: { id: 'asc' },
    take: ids ? undefined : SWEEP_SIZE,
  });
  let relayed = 0;
  for (const run of consecutiveRuns(entries)) {
    try {
      await relayRun(deps, run);
      await deps.prisma.outboxEntry.updateMany({
        where: { id: { in: run.map((entry) => entry.id) } },
        data: { relayedAt: new Date() },
      });
      relayed += run.length;
    } catch (error) {
      const outboxId = String(run[0]?.id);
      deps.logger.warn({ outboxId, error: String(error) }, 'outbox relay failed');
      break; // keep order: later entries wait for the next sweep
    }
  }
  return relayed;
}

/** Split into runs that can go together: adds to one queue, or a single remove. */
function consecutiveRuns(entries: OutboxEntry[]): OutboxEntry[][] {
  const runs: OutboxEntry[][] = [];
  for (const entry of entries) {
    const last = runs.at(-1);
    const head = last?.[0];
    const joins =
      head !== undefined &&
      entry.kind === 'add-job' &&
      head.kind === 'add-job' &&
      head.queue === entry.queue &&
      last!.length < SWEEP_SIZE;
    if (joins) last!.push(entry);
    else runs.push([entry]);
  }
  return runs;
}

async function relayRun(deps: TEngineDeps, run: OutboxEntry[]): Promise<void> {
  const [head] = run;
  if (!head) return;
  if (head.kind === 'remove-job') {
    await deps.queues.remove(head.queue as TQueueName, head.jobId).catch((error: unknown) => {
      // An active (locked) job cannot be removed; its fire-time guard makes it a no-op.
      deps.logger.debug({ jobId: head.jobId, error: String(error) }, 'job not removed');
    });
    return;
  }
  const now = deps.clock.now().getTime();
  const jobs = run.map((entry): TJobRequest => {
    if (!isJobName(entry.jobName)) {
      throw new Error(`outbox entry ${entry.id} names unknown job ${entry.jobName}`);
    }
    return {
      name: entry.jobName,
      payload: entry.payload as never,
      jobId: entry.jobId,
      delayMs: entry.fireAt ? entry.fireAt.getTime() - now : 0,
    };
  });
  await deps.queues.addBulk(head.queue as TQueueName, jobs);
}
