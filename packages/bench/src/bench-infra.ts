import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRuntime, systemClock, type TRuntime, type TRuntimeOptions } from '@ppda/engine';
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

/** Where a bench run's engine keeps its data: one database and one queue prefix of `infra`. */
export interface TBenchStore {
  databaseUrl: string;
  queuePrefix: string;
}

/** An in-process runtime over `infra` on the system clock (for seeding and reading). */
export function openBenchRuntime(
  infra: TBenchInfra,
  store: TBenchStore,
  options: Pick<TRuntimeOptions, 'mailFrom' | 'logger' | 'mailHours'>,
): Promise<TRuntime> {
  return openRuntime({
    ...store,
    redisUrl: infra.redis.url,
    smtpUrl: infra.sink.url,
    clock: systemClock,
    ...options,
  });
}

/**
 * The environment for a production api or worker process (`spawnService`) over `infra`,
 * plus `extra` settings (worker concurrency, lock and reconcile times).
 */
export function serviceEnvFor(
  infra: TBenchInfra,
  store: TBenchStore,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: store.databaseUrl,
    REDIS_URL: infra.redis.url,
    SMTP_URL: infra.sink.url,
    QUEUE_PREFIX: store.queuePrefix,
    CLOCK: 'system',
    // Rungs due within seconds on the real clock: their mail must not wait for 08:00.
    MAIL_HOURS: 'always',
    ...extra,
  };
}
