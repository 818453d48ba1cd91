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
  /** The same, a page at a time, so a caller never holds every id at once. */
  jobIdPages(queue: TQueueName, state: JobType): AsyncGenerator<string[]>;
  /**
   * Where each of these jobs stands, in one round trip: `live` (still to run or running),
   * `finished` (completed or failed, kept for a while) or `missing`.
   */
  jobPresence(queue: TQueueName, jobIds: string[]): Promise<TJobPresence[]>;
  close(): Promise<void>;
}

const LIST_PAGE = 10_000;

export type TJobPresence = 'live' | 'finished' | 'missing';

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
  // A page at a time: one reply of 500k ids would be a few hundred MB in flight. Jobs that
  // move state between pages may be missed or seen twice; callers tolerate both.
  async function* jobIdPages(queue: TQueueName, state: JobType) {
    for (let start = 0; ; start += LIST_PAGE) {
      const page = await byName[queue].getRanges([state], start, start + LIST_PAGE - 1, true);
      yield page;
      if (page.length < LIST_PAGE) return;
    }
  }
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
      const ids = new Set<string>();
      for (const state of states) {
        for await (const page of jobIdPages(queue, state)) for (const id of page) ids.add(id);
      }
      return ids;
    },
    jobIdPages,
    async jobPresence(queue, jobIds) {
      const target = byName[queue];
      const pipeline = connection.pipeline();
      for (const jobId of jobIds) {
        pipeline.exists(target.toKey(jobId));
        pipeline.zscore(target.keys.completed!, jobId);
        pipeline.zscore(target.keys.failed!, jobId);
      }
      const replies = (await pipeline.exec()) ?? [];
      return jobIds.map((_, index) => {
        const [exists, completed, failed] = replies
          .slice(index * 3, index * 3 + 3)
          .map(([error, value]) => {
            if (error) throw error;
            return value;
          });
        if (!exists) return 'missing';
        return completed !== null || failed !== null ? 'finished' : 'live';
      });
    },
    async close() {
      await Promise.all(Object.values(byName).map((queue) => queue.close()));
    },
  };
}
