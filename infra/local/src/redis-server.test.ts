import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';
import { LocalInfraError } from './local-infra-error.ts';
import { pingRedis } from './redis-ping.ts';
import { type RedisServer, startRedis } from './redis-server.ts';
import { waitFor } from './wait-for.ts';

describe('startRedis', () => {
  let dir: string;
  let redis: RedisServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ppda-redis-'));
    redis = await startRedis({ dir });
  });
  afterAll(async () => {
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const withClient = async <T>(use: (client: Redis) => Promise<T>): Promise<T> => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    try {
      return await use(client);
    } finally {
      client.disconnect();
    }
  };

  it('serves on 127.0.0.1 with noeviction and the AOF on', async () => {
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    const config = await withClient((c) =>
      c.config('GET', 'maxmemory-policy', 'appendonly', 'bind'),
    );
    expect(config).toEqual(expect.arrayContaining(['noeviction', 'yes', '127.0.0.1']));
  });

  it('keeps data across a restart on the same port and dir', async () => {
    await withClient((c) => c.set('case:1', 'opened'));
    const firstPid = redis.pid;
    await redis.restart();
    expect(redis.pid).not.toBe(firstPid);
    expect(await withClient((c) => c.get('case:1'))).toBe('opened');
  });

  it('keeps acknowledged writes after a SIGKILL', async () => {
    await withClient((c) => c.set('case:2', 'escalated'));
    await redis.kill();
    expect(redis.pid).toBeUndefined();
    await redis.restart();
    expect(await withClient((c) => c.get('case:2'))).toBe('escalated');
  });

  it('names the install command when redis-server is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const error = await startRedis({ dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LocalInfraError);
      expect((error as LocalInfraError).code).toBe('BINARY_MISSING');
      expect((error as Error).message).toContain('apt-get install -y redis-server');
    } finally {
      process.env.PATH = path;
    }
  });
});

it('replaces a redis left running on the same dir by a SIGKILLed parent', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ppda-redis-stale-'));
  const port = await freePort();
  // The orphan: same dir and port, pidfile where startRedis looks for it.
  const orphan = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--pidfile',
      join(dir, 'redis.pid'),
    ],
    { stdio: 'ignore' },
  );
  await waitFor(() => pingRedis(port), { what: 'orphan redis', timeoutMs: 10_000 });
  const redis = await startRedis({ dir, port });
  expect(orphan.exitCode ?? orphan.signalCode).not.toBeNull();
  expect(redis.pid).not.toBe(orphan.pid);
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
});
