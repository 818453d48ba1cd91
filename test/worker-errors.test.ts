import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createRedisConnection } from '@ppda/queue';
import { lostInRedis } from '@ppda/worker';
import { Queue, Worker } from 'bullmq';
import { afterAll, expect, inject, it } from 'vitest';

// BullMQ's own errors, raised for real: the worker logs these as warnings, anything else as an
// error, so an upgrade that rewords them fails here rather than paging ops.
const redisUrl = inject('redisUrl');
const producer = createRedisConnection(redisUrl, 'producer', 'worker-errors-test');
const prefix = `errs-${randomUUID().slice(0, 8)}`;
const closing: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closing.reverse()) await close();
  producer.disconnect();
});

/** A worker on its own queue whose one job runs `process`; resolves with its first 'error'. */
async function firstError(
  name: string,
  process: (jobKey: string) => Promise<void>,
  options: { lockDuration?: number } = {},
): Promise<Error> {
  const queue = new Queue(name, { connection: producer, prefix });
  const consumer = createRedisConnection(redisUrl, 'worker', 'worker-errors-test');
  const worker = new Worker(name, (job) => process(`${prefix}:${name}:${job.id}`), {
    connection: consumer,
    prefix,
    ...options,
  });
  closing.push(
    () => worker.close(true),
    () => queue.close(),
    async () => consumer.disconnect(),
  );
  // Later errors of the same job (its failure cannot be recorded either) are expected too.
  worker.on('error', () => undefined);
  const errored = once(worker, 'error') as Promise<[Error]>;
  await queue.add('job', {}, { jobId: 'one' });
  return (await errored)[0];
}

it('takes a job whose key vanished while it ran (Redis lost its data) for lost in Redis', async () => {
  const error = await firstError('vanished', async (jobKey) => {
    await producer.del(jobKey);
  });
  expect(error.message).toMatch(/^Missing key for job one\./);
  expect(lostInRedis(error)).toBe(true);
});

it('takes a lock that could not be renewed for lost in Redis', async () => {
  let release = () => {};
  const error = await firstError(
    'unlocked',
    async (jobKey) => {
      await producer.del(`${jobKey}:lock`);
      // Held until the renewal has failed; no sleeping.
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    { lockDuration: 1_000 },
  );
  release();
  expect(error.message).toBe('could not renew lock for job one');
  expect(lostInRedis(error)).toBe(true);
});

it('leaves every other worker error an error', () => {
  expect(lostInRedis(new Error('connect ECONNREFUSED 127.0.0.1:6379'))).toBe(false);
  expect(lostInRedis(Object.assign(new Error('Missing lock for job one.'), { code: -2 }))).toBe(
    false,
  );
});
