import { isJobName, type TQueueName } from '@ppda/queue';
import type { TEngineDeps } from './deps.ts';

/**
 * Push committed outbox rows to BullMQ. Job ids are deterministic, so relaying a row
 * twice (a crash before it was marked) is harmless. Rows that fail stay for the next
 * sweep; the reconciler and the periodic relay pick them up.
 */
export async function relayOutbox(deps: TEngineDeps, ids?: bigint[]): Promise<number> {
  if (ids && ids.length === 0) return 0;
  const entries = await deps.prisma.outboxEntry.findMany({
    where: ids ? { id: { in: ids }, relayedAt: null } : { relayedAt: null },
    orderBy: { id: 'asc' },
    take: ids ? undefined : 1_000,
  });
  let relayed = 0;
  for (const entry of entries) {
    try {
      if (entry.kind === 'remove-job') {
        await deps.queues.remove(entry.queue as TQueueName, entry.jobId).catch((error: unknown) => {
          // An active (locked) job cannot be removed; its fire-time guard makes it a no-op.
          deps.logger.debug({ jobId: entry.jobId, error: String(error) }, 'job not removed');
        });
      } else if (isJobName(entry.jobName)) {
        const delayMs = entry.fireAt ? entry.fireAt.getTime() - deps.clock.now().getTime() : 0;
        await deps.queues.add(entry.jobName, entry.payload as never, {
          jobId: entry.jobId,
          delayMs,
        });
      } else {
        throw new Error(`outbox entry ${entry.id} names unknown job ${entry.jobName}`);
      }
      await deps.prisma.outboxEntry.update({
        where: { id: entry.id },
        data: { relayedAt: new Date() },
      });
      relayed++;
    } catch (error) {
      deps.logger.warn({ outboxId: String(entry.id), error: String(error) }, 'outbox relay failed');
      break; // keep order: later entries wait for the next sweep
    }
  }
  return relayed;
}
