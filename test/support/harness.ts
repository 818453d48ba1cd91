import { randomUUID } from 'node:crypto';
import { buildApi } from '@ppda/api';
import {
  createTimeMachine,
  openRuntime,
  type TReconcileReport,
  type TRuntime,
  type TTimeMachine,
  upsertPeople,
  VirtualClock,
} from '@ppda/engine';
import { type SmtpSink, startSmtpSink } from '@ppda/local-infra';
import { startWorkers, type TRunningWorkers } from '@ppda/worker';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { PEOPLE } from './people.ts';

/** A fresh database on the shared PostgreSQL, so tests never see each other's rows. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject('postgresUrl');
  const name = `e2e_${randomUUID().replaceAll('-', '')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface THarnessOptions {
  start: Date;
  databaseUrl?: string;
  redisUrl?: string;
  queuePrefix?: string;
  sink?: SmtpSink;
  clock?: VirtualClock;
  /** Run the workers in this process (default); false when a test runs them elsewhere. */
  workers?: boolean;
}

export interface THarness {
  runtime: TRuntime;
  engine: TRuntime['engine'];
  api: FastifyInstance;
  clock: VirtualClock;
  time: TTimeMachine;
  sink: SmtpSink;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  workers?: TRunningWorkers;
  /** What the start-up reconcile repaired. */
  reconciled: TReconcileReport;
  /** Close the engine; keeps the database, Redis and the sink for a restart. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** The engine on real PostgreSQL, Redis and SMTP, with a virtual clock. */
export async function startHarness(options: THarnessOptions): Promise<THarness> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const redisUrl = options.redisUrl ?? inject('redisUrl');
  const queuePrefix = options.queuePrefix ?? `t${randomUUID().slice(0, 8)}`;
  const sink = options.sink ?? (await startSmtpSink());
  const clock = options.clock ?? new VirtualClock(options.start);
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const runtime = await openRuntime({
    databaseUrl,
    redisUrl,
    smtpUrl: sink.url,
    mailFrom: 'engine@psd.test',
    queuePrefix,
    clock,
    logger,
  });
  await upsertPeople(runtime.db.prisma, PEOPLE);
  const reconciled = await runtime.engine.reconcile();
  const workers =
    options.workers === false
      ? undefined
      : await startWorkers({
          engine: runtime.engine,
          queues: runtime.queues,
          redisUrl: runtime.redisUrl,
          logger,
          concurrency: 4,
          reconcileEveryMs: 3_600_000,
        });
  const api = await buildApi({
    engine: runtime.engine,
    prisma: runtime.db.prisma,
    queues: runtime.queues,
    probes: runtime.probes,
    logger,
  });
  const time = createTimeMachine({ clock, queues: runtime.queues, prisma: runtime.db.prisma });
  const stop = async () => {
    await api.close();
    await workers?.close();
    await runtime.close();
  };
  return {
    runtime,
    engine: runtime.engine,
    api,
    clock,
    time,
    sink,
    databaseUrl,
    redisUrl,
    queuePrefix,
    reconciled,
    ...(workers ? { workers } : {}),
    stop,
    async close() {
      await stop();
      if (!options.sink) await sink.close();
    },
  };
}

export const ACTOR = { 'x-actor-id': 'inv-1' };
