import { Redis, type RedisOptions } from 'ioredis';

/** `redis-sentinel://[:password@]host:port[,host:port…]/<primary name>` */
const SENTINEL_URL = /^redis-sentinel:\/\/(?:(?:[^:@/]*):([^@/]*)@)?([^@/]+)\/([\w.-]+)$/;

export class RedisUrlError extends Error {
  override readonly name = 'RedisUrlError';
}

/**
 * Where Redis is: a `redis://` / `rediss://` URL for one server, or a `redis-sentinel://`
 * URL listing Sentinels and the name of the primary they watch; ioredis then asks the
 * Sentinels for the primary and follows a failover.
 */
export function redisTarget(url: string): { url: string } | { sentinel: RedisOptions } {
  if (!url.startsWith('redis-sentinel:')) return { url };
  const match = SENTINEL_URL.exec(url);
  if (!match) {
    throw new RedisUrlError(
      'a Sentinel URL is redis-sentinel://[:password@]host:port[,host:port…]/<primary name>',
    );
  }
  const [, password, hosts = '', name] = match;
  const sentinels = hosts.split(',').map((entry) => {
    const [host, port] = entry.split(':');
    if (!host || !port || !/^\d+$/.test(port)) {
      throw new RedisUrlError(`Sentinel "${entry}": give host:port`);
    }
    return { host, port: Number(port) };
  });
  return {
    sentinel: {
      sentinels,
      name: name ?? '',
      ...(password ? { password: decodeURIComponent(password) } : {}),
    },
  };
}

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
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, connectionName: name }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: name };
  const target = redisTarget(url);
  return 'url' in target
    ? new Redis(target.url, options)
    : new Redis({ ...target.sentinel, ...options });
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
