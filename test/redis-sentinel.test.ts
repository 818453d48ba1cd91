import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis, startSentinel } from '@ppda/local-infra';
import { createQueues, createRedisConnection, type TJobRequest } from '@ppda/queue';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, expect, it } from 'vitest';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const fire = (timerId: string): TJobRequest => ({
  name: 'case.timer.fire',
  payload: { timerId, rung: 0, fireAt: new Date().toISOString() },
  jobId: `${timerId}.r0`,
});

it('reaches the queues through Sentinel and follows a failover to the promoted replica', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ppda-sentinel-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const primary = await startRedis({ dir: join(dir, 'primary') });
  cleanups.push(() => primary.stop());
  const replica = await startRedis({ dir: join(dir, 'replica'), replicaOf: primary.port });
  cleanups.push(() => replica.stop());
  const sentinel = await startSentinel({
    dir: join(dir, 'sentinel'),
    masterName: 'ppda',
    primaryPort: primary.port,
  });
  cleanups.push(() => sentinel.stop());

  const direct = new Redis(replica.port, { lazyConnect: true });
  direct.on('error', () => undefined);
  cleanups.push(async () => direct.disconnect());
  const replication = async () => direct.info('replication');
  await expect.poll(replication, { timeout: 10_000 }).toContain('master_link_status:up');

  const url = `redis-sentinel://127.0.0.1:${sentinel.port}/ppda`;
  const producer = createRedisConnection(url, 'producer');
  // Connection errors while the primary is down are expected; the assertions say what matters.
  producer.on('error', () => undefined);
  cleanups.push(async () => producer.disconnect());
  await new Promise((resolve) => producer.once('ready', resolve));
  const queues = createQueues(producer, '{ppda}');
  cleanups.push(() => queues.close());

  // A job added before the failover, on the primary and copied to the replica.
  await queues.addBulk('case-timers', [fire('tm.before')]);
  expect(await producer.wait(1, 5_000)).toBe(1);
  // Cluster-ready too: every key of the queues shares the `{ppda}` hash tag, so one slot.
  const keys = await producer.keys('*');
  expect(keys.length).toBeGreaterThan(0);
  expect(keys.filter((key) => !key.startsWith('{ppda}:'))).toEqual([]);

  await primary.kill();
  // Sentinel promotes the replica; the producer reconnects to whichever it names.
  await expect.poll(replication, { timeout: 30_000, interval: 250 }).toContain('role:master');
  await expect
    .poll(
      async () => {
        await queues.addBulk('case-timers', [fire('tm.after')]);
        return true;
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true);

  const fired: string[] = [];
  const workerConnection = createRedisConnection(url, 'worker');
  workerConnection.on('error', () => undefined);
  cleanups.push(async () => workerConnection.disconnect());
  const worker = new Worker(
    'case-timers',
    async (job) => {
      fired.push(job.id ?? '');
    },
    { connection: workerConnection, prefix: '{ppda}' },
  );
  worker.on('error', () => undefined);
  cleanups.push(() => worker.close());
  await expect
    .poll(() => fired.sort(), { timeout: 30_000 })
    .toEqual(['tm.after.r0', 'tm.before.r0']);
});
