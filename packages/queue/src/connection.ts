import { Redis } from 'ioredis';

/**
 * BullMQ's production guide: workers need `maxRetriesPerRequest: null` so blocking commands
 * survive reconnects; producers fail fast (`enableOfflineQueue: false`) so an HTTP request
 * never hangs on a Redis outage. A failed enqueue loses nothing: its outbox row stays
 * unrelayed until the sweep or the reconciler relays it.
 */
export function createRedisConnection(
  url: string,
  role: 'producer' | 'worker',
  name = `ppda-${role}`,
): Redis {
  return role === 'worker'
    ? new Redis(url, { maxRetriesPerRequest: null, connectionName: name })
    : new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: name });
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
