import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  accessFromConfig,
  accessRequestOf,
  buildApi,
  OPS_BOARD_PATH,
  principalOf,
} from '@ppda/api';
import type { TLocalIssuer } from '@ppda/auth';
import type { TEnv } from '@ppda/config';
import { AppError, ZPersonId } from '@ppda/domain';
import {
  type Clock,
  clockFromConfig,
  createTimeMachine,
  openRuntime,
  parseDirectoryFile,
  runtimeOptionsFromConfig,
  seedDirectory,
  type TRuntime,
  type TTimeMachine,
  VirtualClock,
} from '@ppda/engine';
import { type RedisServer, type SmtpSink, startRedis, startSmtpSink } from '@ppda/local-infra';
import { buildWeb, signInFromConfig, type TWebApp } from '@ppda/web';
import { startWorkers, workerSettingsFromConfig } from '@ppda/worker';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';

export interface TEmbeddedEngine {
  runtime: TRuntime;
  api: FastifyInstance;
  /** The web application (services/web): its own fastify, listened on WEB_PORT beside the api. */
  web: TWebApp;
  webUrl: string;
  clock: Clock;
  time?: TTimeMachine;
  sink?: SmtpSink;
  redisServer?: RedisServer;
  /** Signs demo tokens when no OIDC issuer is configured. */
  localIssuer?: TLocalIssuer;
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
  const access = await accessFromConfig(config);
  const runtime = await openRuntime(
    runtimeOptionsFromConfig(config, {
      logger,
      clock,
      pgliteDir: join(dataDir, 'pglite'),
      ...(redisServer ? { redisUrl: redisServer.url } : {}),
      ...(sink ? { smtpUrl: sink.url } : {}),
      victimKey: access.victimKey,
      publicUrl,
    }),
  );
  // The demo directory bootstraps a fresh data dir only: after that it is kept by the HR
  // feed and role grants, and a restart must not undo a grant.
  await seedDirectory(
    runtime.engine.deps,
    parseDirectoryFile(await readFile(SEED_PEOPLE, 'utf8'), 'json'),
  );
  await runtime.engine.reconcile();
  const workers = await startWorkers({
    engine: runtime.engine,
    queues: runtime.queues,
    redisUrl: runtime.redisUrl,
    logger,
    ...workerSettingsFromConfig(config),
  });
  const api = await buildApi({
    engine: runtime.engine,
    prisma: runtime.db.prisma,
    queues: runtime.queues,
    probes: runtime.probes,
    logger,
    verifier: access.verifier,
    ...(access.jwks ? { jwks: access.jwks } : {}),
  });
  const time =
    clock instanceof VirtualClock
      ? createTimeMachine({ clock, queues: runtime.queues, prisma: runtime.db.prisma })
      : undefined;
  registerEmbeddedRoutes(api, { clock, time, sink, runtime, localIssuer: access.localIssuer });
  const webUrl = config.WEB_PUBLIC_URL ?? `http://${config.HOST}:${config.WEB_PORT}`;
  const web = await buildWeb({
    engine: runtime.engine,
    redis: runtime.redis,
    logger,
    signIn: signInFromConfig(config, webUrl),
    sessionSecret: config.WEB_SESSION_SECRET,
    secureCookies: webUrl.startsWith('https:'),
    opsBoardUrl: `${publicUrl}${OPS_BOARD_PATH}`,
  });
  return {
    runtime,
    api,
    web,
    webUrl,
    clock,
    ...(time ? { time } : {}),
    ...(sink ? { sink } : {}),
    ...(redisServer ? { redisServer } : {}),
    ...(access.localIssuer ? { localIssuer: access.localIssuer } : {}),
    async close() {
      await web.app.close();
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

const ZDemoToken = z.strictObject({ personId: ZPersonId });

/**
 * Demo-only routes: the mail the sink caught, moving the virtual clock, and (with the local
 * issuer only) a token for any directory person. Never registered against an OIDC issuer.
 */
function registerEmbeddedRoutes(
  api: FastifyInstance,
  deps: {
    clock: Clock;
    time?: TTimeMachine | undefined;
    sink?: SmtpSink | undefined;
    runtime: TRuntime;
    localIssuer?: TLocalIssuer | undefined;
  },
) {
  const { clock, time, sink, runtime, localIssuer } = deps;
  const opsOnly = async (request: FastifyRequest) =>
    runtime.engine.authorizeAction(principalOf(request), 'ops.tools', accessRequestOf(request));
  if (localIssuer) {
    api.post(
      '/auth/demo-token',
      {
        schema: {
          summary: 'Mint a demo token for a directory person (embedded local issuer only)',
          tags: ['embedded'],
          body: ZDemoToken,
        },
        config: { public: true },
      },
      async (request) => {
        const { personId } = request.body as z.infer<typeof ZDemoToken>;
        const person = await runtime.db.prisma.person.findUnique({ where: { id: personId } });
        if (!person) {
          throw new AppError('validation', `personId: no person ${personId} in the directory`, {
            issues: [
              { field: 'body.personId', rule: 'known-person', message: `no person ${personId}` },
            ],
          });
        }
        return { personId, roles: person.roles, ...(await localIssuer.mint(personId)) };
      },
    );
  }
  if (sink) {
    api.get(
      '/mail',
      {
        schema: { summary: 'Mail caught by the embedded SMTP sink (ops)', tags: ['embedded'] },
        preHandler: opsOnly,
      },
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
          summary: 'Advance the virtual clock, firing what falls due (ops)',
          tags: ['embedded'],
          body: ZAdvance,
        },
        preHandler: opsOnly,
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
