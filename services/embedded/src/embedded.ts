import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import { accessFromConfig, accessRequestOf, apiPart, principalOf } from '@ppda/api';
import type { TLocalIssuer } from '@ppda/auth';
import { ConfigError, type TEnv } from '@ppda/config';
import { AppError, ZPersonId } from '@ppda/domain';
import {
  type Clock,
  clockFromConfig,
  createTimeMachine,
  parseDirectoryFile,
  runtimeOptionsFromConfig,
  seedDirectory,
  type TRuntime,
  type TTimeMachine,
  VirtualClock,
} from '@ppda/engine';
import { startHost } from '@ppda/host';
import { type RedisServer, type SmtpSink, startRedis, startSmtpSink } from '@ppda/local-infra';
import { signInFromConfig, type TWebApp, webPart } from '@ppda/web';
import { workerPart, workerSettingsFromConfig } from '@ppda/worker';
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
  // Links in mail open the web application's case page.
  const webUrl = config.WEB_PUBLIC_URL ?? `http://${config.HOST}:${config.WEB_PORT}`;
  const access = await accessFromConfig(config);
  const host = await startHost(
    runtimeOptionsFromConfig(config, {
      logger,
      clock,
      pgliteDir: join(dataDir, 'pglite'),
      ...(redisServer ? { redisUrl: redisServer.url } : {}),
      ...(sink ? { smtpUrl: sink.url } : {}),
      victimKey: access.victimKey,
      publicUrl: webUrl,
    }),
    {
      prepare: async ({ runtime }) => {
        if (clock instanceof VirtualClock) await refuseTimeRunningBackwards(runtime, clock);
        await seedDemoDirectory(config, runtime, logger);
      },
      parts: {
        worker: workerPart(workerSettingsFromConfig(config)),
        api: apiPart({
          verifier: access.verifier,
          ...(access.jwks ? { jwks: access.jwks } : {}),
          production: config.NODE_ENV === 'production',
        }),
        web: webPart({
          signIn: signInFromConfig(config, webUrl),
          sessionSecret: config.WEB_SESSION_SECRET,
          secureCookies: webUrl.startsWith('https:'),
        }),
      },
    },
  ).catch(async (error: unknown) => {
    await sink?.close();
    await redisServer?.stop();
    throw error;
  });
  const { runtime } = host;
  const { api, web } = host.parts;
  const time =
    clock instanceof VirtualClock
      ? createTimeMachine({ clock, queues: runtime.queues, prisma: runtime.db.prisma })
      : undefined;
  await registerEmbeddedRoutes(api, {
    clock,
    time,
    sink,
    runtime,
    localIssuer: access.localIssuer,
    demoTokens: { remote: config.DEMO_TOKENS_REMOTE, perMinute: config.DEMO_TOKENS_PER_MINUTE },
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
      await host.close();
      await sink?.close();
      await redisServer?.stop();
    },
  };
}

/**
 * The demo directory names an AA anyone can mint a token for: never where it could be
 * mistaken for a real deployment (production settings, or reachable beyond this machine).
 */
async function seedDemoDirectory(config: TEnv, runtime: TRuntime, logger: Logger) {
  const productionLike = config.NODE_ENV === 'production' || !isLoopbackHost(config.HOST);
  if (productionLike) {
    logger.warn(
      { NODE_ENV: config.NODE_ENV, HOST: config.HOST },
      'demo people not seeded: NODE_ENV=production or a non-loopback HOST; import the directory (pnpm directory)',
    );
    return;
  }
  // The demo directory bootstraps a fresh data dir only: after that it is kept by the HR
  // feed and role grants, and a restart must not undo a grant.
  await seedDirectory(
    runtime.engine.deps,
    parseDirectoryFile(await readFile(SEED_PEOPLE, 'utf8'), 'json'),
  );
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
async function registerEmbeddedRoutes(
  api: FastifyInstance,
  deps: {
    clock: Clock;
    time?: TTimeMachine | undefined;
    sink?: SmtpSink | undefined;
    runtime: TRuntime;
    localIssuer?: TLocalIssuer | undefined;
    demoTokens: { remote: boolean; perMinute: number };
  },
) {
  const { clock, time, sink, runtime, localIssuer, demoTokens } = deps;
  const opsOnly = async (request: FastifyRequest) =>
    runtime.engine.authorizeAction(principalOf(request), 'ops.tools', accessRequestOf(request));
  if (localIssuer) {
    await api.register(rateLimit, { global: false });
    api.post(
      '/auth/demo-token',
      {
        schema: {
          summary: 'Mint a demo token for a directory person (embedded local issuer only)',
          tags: ['embedded'],
          body: ZDemoToken,
        },
        config: {
          public: true,
          rateLimit: { max: demoTokens.perMinute, timeWindow: '1 minute' },
        },
        // Before the body is read: a caller from another machine learns nothing.
        onRequest: async (request) => {
          if (!demoTokens.remote && !isLoopbackAddress(request.ip)) {
            throw new AppError(
              'forbidden',
              'demo tokens are minted for callers on this machine only (DEMO_TOKENS_REMOTE)',
            );
          }
        },
      },
      // The same answer whoever is named: whether a person exists is not told here (the API
      // refuses a token naming nobody), so the directory cannot be listed through it.
      async (request) => {
        const { personId } = request.body as z.infer<typeof ZDemoToken>;
        return { personId, ...(await localIssuer.mint(personId)) };
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
        if (target.getTime() < clock.now().getTime()) {
          throw new AppError(
            'validation',
            `to: ${to} is before the clock (${clock.now().toISOString()}): time never runs backwards`,
            { issues: [{ field: 'body.to', rule: 'not-before-now', message: 'before the clock' }] },
          );
        }
        const fired = await time.advanceTo(target);
        return { now: clock.now().toISOString(), fired };
      },
    );
  }
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

/** A HOST the server would listen on that only this machine can reach. */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host);
}

/**
 * A virtual clock restarted on data written later would date new events before recorded
 * ones (seq 3 before seq 2): refuse to start, naming the newest event's time.
 */
async function refuseTimeRunningBackwards(runtime: TRuntime, clock: VirtualClock) {
  const newest = await runtime.db.prisma.caseEvent.aggregate({ _max: { occurredAt: true } });
  const latest = newest._max.occurredAt;
  if (latest && latest.getTime() > clock.now().getTime()) {
    throw new ConfigError([
      {
        variable: 'VIRTUAL_START',
        rule: `${clock.now().toISOString()} is before the newest recorded event (${latest.toISOString()}): start at or after it, or use a fresh DATA_DIR`,
      },
    ]);
  }
}
