import type { TAccessPolicy } from '@ppda/access';
import { englandAndWales } from '@ppda/calendar';
import { type Database, openDatabase } from '@ppda/db';
import { createMailer, type TMailer } from '@ppda/notify';
import type { TPolicyPack } from '@ppda/ppda-case';
import {
  checkRedisPersistence,
  createQueues,
  createRedisConnection,
  type TQueues,
} from '@ppda/queue';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TAccessBurst } from '../access/refusal-burst.ts';
import { createVictimVault } from '../access/victim-vault.ts';
import { createEngine, type TEngine } from '../engine.ts';
import type { TMailHoursSetting } from '../mail/mail-timing.ts';
import { createRelayedRows } from '../write/outbox-relay.ts';
import { syncCalendar } from './calendar-datasets.ts';
import type { TCheckpointConfig } from './chain-checkpoint.ts';
import { loadPolicyPack } from './policy-file.ts';
import type { Clock } from './time-source.ts';

export interface TRuntimeOptions {
  /** A PostgreSQL url, or unset for PGlite in `pgliteDir`. */
  databaseUrl?: string;
  pgliteDir?: string;
  redisUrl: string;
  smtpUrl: string;
  mailFrom: string;
  queuePrefix: string;
  clock: Clock;
  logger: Logger;
  policy?: TPolicyPack;
  /** A force policy file; ignored when `policy` is given. */
  policyFile?: string;
  publicUrl?: string;
  /** When mail goes (working hours); default 08-18 Europe/London. */
  mailHours?: TMailHoursSetting;
  /** The daily digest's London time, minutes after midnight; unset: no digest. */
  digestAtMinutes?: number;
  /** AES-256 key for victim data (32 bytes); omit in processes that never touch it. */
  victimKey?: Buffer;
  accessPolicy?: TAccessPolicy;
  /** Signed checkpoints: the worker writes them on a schedule. */
  checkpoint?: TCheckpointConfig;
  /** When refused reads by one person raise an alert (default: 20 within 60 s). */
  accessBurst?: TAccessBurst;
}

export interface TRuntime {
  engine: TEngine;
  db: Database;
  /** The producer connection (fail-fast); workers open their own. */
  redis: Redis;
  redisUrl: string;
  queues: TQueues;
  mailer: TMailer;
  probes: { database(): Promise<boolean>; redis(): Promise<boolean> };
  close(): Promise<void>;
}

async function waitUntilReady(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => {
      redis.off('ready', onReady);
      reject(error);
    };
    const onReady = () => {
      redis.off('error', onError);
      resolve();
    };
    redis.once('ready', onReady);
    redis.once('error', onError);
  });
}

/** Open the database (migrated), Redis and mail, and build the engine on them. */
export async function openRuntime(options: TRuntimeOptions): Promise<TRuntime> {
  const { logger } = options;
  const db = await openDatabase({
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
    ...(options.pgliteDir ? { pgliteDir: options.pgliteDir } : {}),
  });
  const applied = await db.migrate();
  if (applied.length > 0) logger.info({ applied }, 'database migrated');

  const redis = createRedisConnection(options.redisUrl, 'producer');
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  // A fail-fast producer refuses commands until connected, so wait for the first connection.
  await waitUntilReady(redis).catch(async (error: unknown) => {
    redis.disconnect();
    await db.close();
    throw error;
  });
  for (const warning of await checkRedisPersistence(redis)) logger.warn(warning);

  const queues = createQueues(redis, options.queuePrefix);
  const mailer = createMailer(options.smtpUrl, options.mailFrom);
  const engineLogger = logger.child({ component: 'engine' });
  const relayed = createRelayedRows(db.sql, engineLogger);
  const engine = createEngine({
    prisma: db.prisma,
    sql: db.sql,
    queues,
    clock: options.clock,
    calendar: englandAndWales,
    policy: options.policy ?? (await loadPolicyPack(options.policyFile)),
    mailer,
    logger: engineLogger,
    relayed,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.mailHours ? { mailHours: options.mailHours } : {}),
    ...(options.digestAtMinutes !== undefined ? { digestAtMinutes: options.digestAtMinutes } : {}),
    ...(options.victimKey ? { vault: createVictimVault(options.victimKey) } : {}),
    ...(options.accessPolicy ? { accessPolicy: options.accessPolicy } : {}),
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
    ...(options.accessBurst ? { accessBurst: options.accessBurst } : {}),
  });
  // The newest bank-holiday dataset ops imported, if any (else the shipped data).
  await syncCalendar(engine.deps);
  return {
    engine,
    db,
    redis,
    redisUrl: options.redisUrl,
    queues,
    mailer,
    probes: {
      database: () => db.ping(),
      redis: async () => (await redis.ping()) === 'PONG',
    },
    async close() {
      await relayed.flush();
      await queues.close();
      mailer.close();
      redis.disconnect();
      await db.close();
    },
  };
}
