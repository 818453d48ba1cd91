import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleService, SERVICES } from '@ppda/build';
import { startPostgres, startRedis } from '@ppda/local-infra';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    redisUrl: string;
  }
}

/**
 * One real PostgreSQL and one redis-server on loopback for the whole e2e run, and the api's
 * and the worker's production builds, which the tests that spawn them run.
 */
export default async function setup(project: TestProject) {
  for (const service of SERVICES) await bundleService(service);
  const dir = await mkdtemp(join(tmpdir(), 'ppda-e2e-'));
  // mkdtemp makes it 0700; the postgres user must be able to reach its data dir inside.
  await chmod(dir, 0o755);
  const [postgres, redis] = await Promise.all([
    startPostgres({ dir: join(dir, 'postgres'), fast: true }),
    startRedis({ dir: join(dir, 'redis') }),
  ]);
  project.provide('postgresUrl', postgres.url);
  project.provide('redisUrl', redis.url);
  return async () => {
    await Promise.all([postgres.stop(), redis.stop()]);
    await rm(dir, { recursive: true, force: true });
  };
}
