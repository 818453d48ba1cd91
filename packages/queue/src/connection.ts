import { Redis } from 'ioredis';

/**
 * BullMQ's production guide: workers need `maxRetriesPerRequest: null` so blocking
 * commands survive reconnects. Producers use the same so an outage delays, not drops,
 * an enqueue (the outbox keeps the truth either way).
 */
export function createRedisConnection(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: name });
}

/** BullMQ needs `noeviction`; AOF is what lets Redis keep jobs across a restart. */
export async function checkRedisPersistence(redis: Redis): Promise<string[]> {
  const warnings: string[] = [];
  const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
  if (policy !== 'noeviction') {
    warnings.push(
      `Redis maxmemory-policy is ${policy}; BullMQ requires noeviction or jobs can be evicted.`,
    );
  }
  const [, aof] = (await redis.config('GET', 'appendonly')) as [string, string];
  if (aof !== 'yes') {
    warnings.push(
      'Redis AOF persistence is off; a Redis restart loses queued jobs until the reconciler re-arms them.',
    );
  }
  return warnings;
}
