import { type Job, type JobType, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  jobCatalog,
  QUEUE_NAMES,
  type TJobName,
  type TJobPayload,
  type TQueueName,
} from './catalog.ts';

export interface TJobRequest<N extends TJobName = TJobName> {
  name: N;
  payload: TJobPayload<N>;
  jobId: string;
  delayMs?: number;
  /**
   * Wall-clock time (ms) the delay counts from: when it was worked out. BullMQ otherwise
   * counts from when the job reaches it, and a job late in a long batch would fall due late.
   */
  delayFrom?: number;
}

export interface TQueues {
  prefix: string;
  byName: Record<TQueueName, Queue>;
  /** Add a catalogued job; the payload is validated and the id is deterministic. */
  add<N extends TJobName>(
    name: N,
    payload: TJobPayload<N>,
    opts: { jobId: string; delayMs?: number },
  ): Promise<Job>;
  /**
   * Add many catalogued jobs of one queue in one round trip (BullMQ `addBulk`, a MULTI):
   * what the relay and the reconciler use, since one add per job is bound by latency.
   */
  addBulk(queue: TQueueName, jobs: TJobRequest[]): Promise<void>;
  remove(queue: TQueueName, jobId: string): Promise<void>;
  /** Ids of the queue's jobs in these states; ids only, so 100k jobs stay cheap to list. */
  listJobIds(queue: TQueueName, states: JobType[]): Promise<Set<string>>;
  close(): Promise<void>;
}

const LIST_PAGE = 10_000;

function toBulkJob({ name, payload, jobId, delayMs = 0, delayFrom }: TJobRequest) {
  const entry = jobCatalog[name];
  return {
    name,
    data: entry.payload.parse(payload),
    opts: {
      ...entry.options,
      jobId,
      delay: Math.max(0, Math.round(delayMs)),
      // BullMQ's due time is `timestamp + delay`.
      ...(delayFrom === undefined ? {} : { timestamp: delayFrom }),
    },
  };
}

export function createQueues(connection: Redis, prefix: string): TQueues {
  const byName = Object.fromEntries(
    QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix })]),
  ) as Record<TQueueName, Queue>;
  return {
    prefix,
    byName,
    async add(name, payload, { jobId, delayMs = 0 }) {
      const job = toBulkJob({ name, payload, jobId, delayMs } as TJobRequest);
      return byName[jobCatalog[name].queue].add(job.name, job.data, job.opts);
    },
    async addBulk(queue, jobs) {
      if (jobs.length === 0) return;
      const wrong = jobs.find((job) => jobCatalog[job.name].queue !== queue);
      if (wrong) throw new Error(`job ${wrong.name} does not belong on queue ${queue}`);
      // One job (a command's usual relay) is a single script call, cheaper than a MULTI.
      if (jobs.length === 1) {
        const job = toBulkJob(jobs[0]!);
        await byName[queue].add(job.name, job.data, job.opts);
        return;
      }
      await byName[queue].addBulk(jobs.map(toBulkJob));
    },
    async remove(queue, jobId) {
      await byName[queue].remove(jobId);
    },
    async listJobIds(queue, states) {
      // A page at a time: one reply of 500k ids would be a few hundred MB in flight. Jobs that
      // move state between pages may be missed or seen twice; callers tolerate both.
      const ids = new Set<string>();
      for (const state of states) {
        for (let start = 0; ; start += LIST_PAGE) {
          const page = await byName[queue].getRanges([state], start, start + LIST_PAGE - 1, true);
          for (const id of page) ids.add(id);
          if (page.length < LIST_PAGE) break;
        }
      }
      // The set itself: a copy as an array would double the peak for 500k ids.
      return ids;
    },
    async close() {
      await Promise.all(Object.values(byName).map((queue) => queue.close()));
    },
  };
}
