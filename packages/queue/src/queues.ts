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

export type TJobState = 'live' | 'finished' | 'missing';

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
  /** The same ids a page at a time, for callers that need not hold them all at once. */
  jobIdPages(queue: TQueueName, states: JobType[]): AsyncIterable<string[]>;
  /**
   * Where each job stands, in the order asked: `live` (delayed, waiting, active or
   * prioritized), `finished` (completed or failed: an add with its id would be a no-op) or
   * `missing`. Two O(1) commands per job in one pipeline; only a job that exists but is not
   * delayed (rare: due or running right now) costs a state lookup of its own.
   */
  jobStates(queue: TQueueName, jobIds: string[]): Promise<TJobState[]>;
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
      const ids = new Set<string>();
      for await (const page of this.jobIdPages(queue, states)) for (const id of page) ids.add(id);
      return ids;
    },
    async *jobIdPages(queue, states) {
      // A page at a time: one reply of 500k ids would be a few hundred MB in flight. Jobs that
      // move state between pages may be missed or seen twice; callers tolerate both.
      for (const state of states) {
        for (let start = 0; ; start += LIST_PAGE) {
          const page = await byName[queue].getRanges([state], start, start + LIST_PAGE - 1, true);
          yield page;
          if (page.length < LIST_PAGE) break;
        }
      }
    },
    async jobStates(queue, jobIds) {
      const target = byName[queue];
      const pipeline = connection.pipeline();
      for (const jobId of jobIds) {
        pipeline.zscore(target.keys.delayed!, jobId);
        pipeline.exists(target.toKey(jobId));
      }
      const replies = (await pipeline.exec()) ?? [];
      return Promise.all(
        jobIds.map(async (jobId, index): Promise<TJobState> => {
          const [delayed, exists] = [replies[2 * index], replies[2 * index + 1]];
          if (delayed?.[0] || exists?.[0]) throw delayed?.[0] ?? exists?.[0];
          if (delayed?.[1] !== null) return 'live';
          if (exists?.[1] === 0) return 'missing';
          const state = await target.getJobState(jobId);
          if (state === 'completed' || state === 'failed') return 'finished';
          return state === 'unknown' ? 'missing' : 'live';
        }),
      );
    },
    async close() {
      await Promise.all(Object.values(byName).map((queue) => queue.close()));
    },
  };
}
