import { type Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  jobCatalog,
  QUEUE_NAMES,
  type TJobName,
  type TJobPayload,
  type TQueueName,
} from './catalog.ts';

export interface TQueues {
  prefix: string;
  byName: Record<TQueueName, Queue>;
  /** Add a catalogued job; the payload is validated and the id is deterministic. */
  add<N extends TJobName>(
    name: N,
    payload: TJobPayload<N>,
    opts: { jobId: string; delayMs?: number },
  ): Promise<Job>;
  remove(queue: TQueueName, jobId: string): Promise<void>;
  close(): Promise<void>;
}

export function createQueues(connection: Redis, prefix: string): TQueues {
  const byName = Object.fromEntries(
    QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix })]),
  ) as Record<TQueueName, Queue>;
  return {
    prefix,
    byName,
    async add(name, payload, { jobId, delayMs = 0 }) {
      const entry = jobCatalog[name];
      const data = entry.payload.parse(payload);
      return byName[entry.queue].add(name, data, {
        ...entry.options,
        jobId,
        delay: Math.max(0, Math.round(delayMs)),
      });
    },
    async remove(queue, jobId) {
      await byName[queue].remove(jobId);
    },
    async close() {
      await Promise.all(Object.values(byName).map((queue) => queue.close()));
    },
  };
}
