import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildApi } from '@ppda/api';
import type { TEnv } from '@ppda/config';
import {
  type Clock,
  clockFromConfig,
  createTimeMachine,
  openRuntime,
  type TRuntime,
  type TTimeMachine,
  upsertPeople,
  VirtualClock,
} from '@ppda/engine';
import { type RedisServer, type SmtpSink, startRedis, startSmtpSink } from '@ppda/local-infra';
import { startWorkers } from '@ppda/worker';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';

export interface TEmbeddedEngine {
  runtime: TRuntime;
  api: FastifyInstance;
  clock: Clock;
  time?: TTimeMachine;
  sink?: SmtpSink;
  redisServer?: RedisServer;
  close(): Promise<void>;
}

const SEED_PEOPLE = new URL('../seed/people.json', import.meta.url);

/**
 * The engine with api and worker in one process (PGlite is single-process), on whatever
 * is not configured started here: PGlite, a redis-server child, an in-process SMTP sink.
 */
export async function startEmbedded(config: TEnv, logger: Logger): Promise<TEmbeddedEngine> {
  const dataDir = resolve(config.DATA_DIR);
  const redisServer = config.REDIS_URL
    ? undefined
    : await startRedis({ dir: join(dataDir, 'redis') });
  const sink = config.SMTP_URL
    ? undefined
    : await startSmtpSink({ storeDir: join(dataDir, 'mail') });
  const clock = clockFromConfig(config);
  const publicUrl = `http://${config.HOST}:${config.PORT}`;
  const runtime = await openRuntime({
    ...(config.DATABASE_URL
      ? { databaseUrl: config.DATABASE_URL }
      : { pgliteDir: join(dataDir, 'pglite') }),
    redisUrl: config.REDIS_URL ?? redisServer!.url,
    smtpUrl: config.SMTP_URL ?? sink!.url,
    mailFrom: config.MAIL_FROM,
    queuePrefix: config.QUEUE_PREFIX,
    clock,
    logger,
    publicUrl,
  });
  await upsertPeople(runtime.db.prisma, JSON.parse(await readFile(SEED_PEOPLE, 'utf8')));
  await runtime.engine.reconcile();
  const workers = await startWorkers({
    engine: runtime.engine,
    queues: runtime.queues,
    redisUrl: runtime.redisUrl,
    logger,
    concurrency: config.WORKER_CONCURRENCY,
    reconcileEveryMs: config.RECONCILE_EVERY_MS,
  });
  const api = await buildApi({
    engine: runtime.engine,
    prisma: runtime.db.prisma,
    queues: runtime.queues,
    probes: runtime.probes,
    logger,
  });
  const time =
    clock instanceof VirtualClock
      ? createTimeMachine({ clock, queues: runtime.queues, prisma: runtime.db.prisma })
      : undefined;
  registerEmbeddedRoutes(api, { clock, time, sink });
  return {
    runtime,
    api,
    clock,
    ...(time ? { time } : {}),
    ...(sink ? { sink } : {}),
    ...(redisServer ? { redisServer } : {}),
    async close() {
      await api.close();
      await workers.close();
      await runtime.close();
      await sink?.close();
      await redisServer?.stop();
    },
  };
}

const ZAdvance = z
  .strictObject({
    days: z.number().int().min(0).max(3660).optional(),
    weeks: z.number().int().min(0).max(520).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((body) => Object.keys(body).length === 1, 'give exactly one of days, weeks or to');

/** Demo-only routes: the mail the sink caught, and moving the virtual clock. */
function registerEmbeddedRoutes(
  api: FastifyInstance,
  { clock, time, sink }: { clock: Clock; time?: TTimeMachine; sink?: SmtpSink },
) {
  if (sink) {
    api.get(
      '/mail',
      { schema: { summary: 'Mail caught by the embedded SMTP sink', tags: ['embedded'] } },
      async () => sink.messages(),
    );
  }
  api.get('/clock', { schema: { summary: 'The engine clock', tags: ['embedded'] } }, async () => ({
    now: clock.now().toISOString(),
    virtual: Boolean(time),
  }));
  if (time) {
    api.post(
      '/clock/advance',
      {
        schema: {
          summary: 'Advance the virtual clock, firing what falls due',
          tags: ['embedded'],
          body: ZAdvance,
        },
      },
      async (request) => {
        const { days, weeks, to } = request.body as z.infer<typeof ZAdvance>;
        const dayMs = 24 * 3600 * 1000;
        const target = to
          ? new Date(to)
          : new Date(clock.now().getTime() + (days ?? 0) * dayMs + (weeks ?? 0) * 7 * dayMs);
        const fired = await time.advanceTo(target);
        return { now: clock.now().toISOString(), fired };
      },
    );
  }
}
