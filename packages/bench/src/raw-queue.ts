import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { waitUntil } from './measure.ts';

const CHUNK = 1_000;

interface TRawJob {
  timerId: string;
  rung: number;
  index: number;
}

function plainJobs(count: number, delayMs: (index: number) => number) {
  return Array.from({ length: count }, (_, index) => ({
    name: 'raw.fire',
    data: { timerId: `raw-${index}`, rung: 0, index } satisfies TRawJob,
    opts: { jobId: `raw-${index}.r0`, delay: Math.max(0, delayMs(index)), removeOnComplete: true },
  }));
}

/** BullMQ alone: `addBulk` of `count` delayed jobs in chunks, as the reconciler adds them. */
export async function measureRawAddBulk(redisUrl: string, prefix: string, count: number) {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('raw-rearm', { connection, prefix });
  const jobs = plainJobs(count, () => 3_600_000);
  try {
    const started = performance.now();
    for (let from = 0; from < count; from += CHUNK) {
      await queue.addBulk(jobs.slice(from, from + CHUNK));
    }
    return { seconds: (performance.now() - started) / 1000 };
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  }
}

/**
 * BullMQ alone: `count` plain delayed jobs due at one instant, a worker with the engine
 * worker's concurrency that does nothing (or `work` with each job's index); seconds from the
 * due instant to the last completion.
 */
export async function measureRawDrain(options: {
  redisUrl: string;
  prefix: string;
  count: number;
  concurrency: number;
  leadMs: number;
  work?: (index: number) => Promise<unknown>;
}) {
  const producer = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const consumer = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('raw-drain', { connection: producer, prefix: options.prefix });
  let completed = 0;
  let lastAt = 0;
  const { work } = options;
  const worker = new Worker('raw-drain', async (job) => work?.((job.data as TRawJob).index), {
    connection: consumer,
    prefix: options.prefix,
    concurrency: options.concurrency,
  });
  let failure: Error | undefined;
  worker.on('error', () => undefined);
  worker.on('failed', (_job, error) => {
    failure ??= error;
  });
  worker.on('completed', () => {
    completed++;
    lastAt = Date.now();
  });
  try {
    await worker.waitUntilReady();
    const dueAt = Date.now() + options.leadMs;
    const jobs = plainJobs(options.count, () => dueAt - Date.now());
    for (let from = 0; from < jobs.length; from += CHUNK) {
      await queue.addBulk(jobs.slice(from, from + CHUNK));
    }
    await waitUntil(
      'raw drain',
      async () => {
        if (failure) throw failure;
        return completed >= options.count;
      },
      {
        timeoutMs: options.leadMs + 120_000,
        pollMs: 50,
      },
    );
    return { seconds: (lastAt - dueAt) / 1000 };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    producer.disconnect();
    consumer.disconnect();
  }
}

/**
 * BullMQ alone: `count` plain delayed jobs due evenly over `window`, a worker that does
 * nothing; lateness (completed minus due) of each, sorted. The floor for timer lateness.
 */
export async function measureRawLateness(options: {
  redisUrl: string;
  prefix: string;
  count: number;
  window: { from: Date; to: Date };
  concurrency: number;
}): Promise<number[]> {
  const producer = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const consumer = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('raw-lateness', { connection: producer, prefix: options.prefix });
  const lateness: number[] = [];
  const worker = new Worker(
    'raw-lateness',
    async (job) => {
      lateness.push(Date.now() - (job.data as { dueAt: number }).dueAt);
    },
    { connection: consumer, prefix: options.prefix, concurrency: options.concurrency },
  );
  worker.on('error', () => undefined);
  try {
    await worker.waitUntilReady();
    const from = options.window.from.getTime();
    const width = options.window.to.getTime() - from;
    const jobs = Array.from({ length: options.count }, (_, index) => {
      const dueAt = from + (options.count > 1 ? (width * index) / (options.count - 1) : 0);
      return {
        name: 'raw.fire',
        data: { dueAt },
        opts: {
          jobId: `late-${index}`,
          delay: Math.max(0, dueAt - Date.now()),
          removeOnComplete: true,
        },
      };
    });
    for (let start = 0; start < jobs.length; start += CHUNK) {
      await queue.addBulk(jobs.slice(start, start + CHUNK));
    }
    await waitUntil('raw lateness jobs done', async () => lateness.length >= options.count, {
      timeoutMs: Math.max(0, options.window.to.getTime() - Date.now()) + 120_000,
      pollMs: 200,
    });
    return lateness.sort((a, b) => a - b);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    producer.disconnect();
    consumer.disconnect();
  }
}
