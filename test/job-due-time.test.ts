import { randomUUID } from 'node:crypto';
import { createQueues, createRedisConnection } from '@ppda/queue';
import { afterAll, expect, inject, it } from 'vitest';

const redis = createRedisConnection(inject('redisUrl'), 'producer', 'due-time-test');
const prefix = `due-${randomUUID().slice(0, 8)}`;
const queues = createQueues(redis, prefix);
afterAll(async () => {
  await queues.close();
  redis.disconnect();
});

/** When BullMQ will promote a delayed job: its delayed-set score carries the due time. */
async function dueAt(jobId: string): Promise<number> {
  const score = await redis.zscore(`${prefix}:case-timers:delayed`, jobId);
  return Math.floor(Number(score) / 0x1000);
}

it('counts a delay from when it was worked out, not from when the job reaches Redis', async () => {
  const fireAt = Date.now() + 60_000;
  // Worked out 5 s ago, as for a job late in a long re-arm batch.
  const workedOutAt = Date.now() - 5_000;
  await queues.addBulk('case-timers', [
    {
      name: 'case.timer.fire',
      payload: { timerId: 'tm.due', rung: 0, fireAt: new Date(fireAt).toISOString() },
      jobId: 'tm.due.r0',
      delayMs: fireAt - workedOutAt,
      delayFrom: workedOutAt,
    },
  ]);
  expect(await dueAt('tm.due.r0')).toBe(fireAt);
});
