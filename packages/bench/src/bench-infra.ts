import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostgresServer, RedisServer } from '@ppda/local-infra';
import { type SmtpSink, startPostgres, startRedis, startSmtpSink } from '@ppda/local-infra';

export interface TBenchInfra {
  postgres: PostgresServer;
  redis: RedisServer;
  sink: SmtpSink;
  close(): Promise<void>;
}

/** Private PostgreSQL, redis-server (AOF, noeviction) and SMTP sink in a temp dir. */
export async function startBenchInfra(options: { durablePostgres: boolean }): Promise<TBenchInfra> {
  const dir = await mkdtemp(join(tmpdir(), 'ppda-bench-'));
  // mkdtemp makes it 0700; the postgres user must reach its data dir inside.
  await chmod(dir, 0o755);
  const [postgres, redis, sink] = await Promise.all([
    startPostgres({ dir: join(dir, 'postgres'), fast: !options.durablePostgres }),
    startRedis({ dir: join(dir, 'redis') }),
    startSmtpSink(),
  ]);
  return {
    postgres,
    redis,
    sink,
    async close() {
      await Promise.allSettled([postgres.stop(), redis.stop(), sink.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
