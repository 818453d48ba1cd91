import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openRuntime, systemClock } from '@ppda/engine';
import { startRedis } from '@ppda/local-infra';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { createTestDatabase } from './support/harness.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Open the engine on `redisUrl` and return the warnings it logged at start-up. */
async function startupWarnings(redisUrl: string): Promise<string[]> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const runtime = await openRuntime({
    databaseUrl: await createTestDatabase(),
    redisUrl,
    smtpUrl: 'smtp://127.0.0.1:1',
    mailFrom: 'engine@psd.test',
    queuePrefix: 'persistence',
    clock: systemClock,
    logger: pino({ level: 'warn' }, sink),
  });
  await runtime.close();
  return lines
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .filter((entry) => entry.level === 40)
    .map((entry) => entry.msg);
}

async function privateRedis(appendonly: boolean) {
  const dir = await mkdtemp(join(tmpdir(), 'ppda-persistence-'));
  const server = await startRedis({ dir, appendonly });
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  cleanups.push(() => server.stop());
  return server;
}

it('says nothing about a Redis with AOF and noeviction', async () => {
  const server = await privateRedis(true);
  expect(await startupWarnings(server.url)).toEqual([]);
});

it('warns at start-up when Redis keeps no AOF', async () => {
  const server = await privateRedis(false);
  expect(await startupWarnings(server.url)).toEqual([
    expect.stringMatching(/AOF persistence is off/),
  ]);
});

it('warns at start-up when Redis may evict keys', async () => {
  const server = await privateRedis(true);
  const admin = new Redis(server.url);
  await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
  await admin.quit();
  expect(await startupWarnings(server.url)).toEqual([
    expect.stringMatching(/maxmemory-policy is allkeys-lru.*noeviction/),
  ]);
});
