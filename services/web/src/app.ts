import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import session from '@fastify/session';
import fastifyStatic from '@fastify/static';
import type { TEngine } from '@ppda/engine';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { registerWebAuthentication } from './authenticate.ts';
import { registerErrorPages } from './error-pages.ts';
import { allocationRoutes } from './pages/allocation.ts';
import { caseRoutes } from './pages/case.ts';
import { deskRoutes } from './pages/desk.ts';
import { opsRoutes } from './pages/ops.ts';
import { oversightRoutes } from './pages/oversight.ts';
import { taskRoutes } from './pages/tasks.ts';
import { RedisSessionStore } from './session-store.ts';
import { signInRoutes, type TSignIn } from './sign-in.ts';
import { FRONTEND, registerViews } from './views.ts';

export interface TWebDeps {
  engine: TEngine;
  /** Sessions live here (revocable); the runtime's connection will do. */
  redis: Redis;
  logger: Logger;
  /** How people sign in: the demo list (local issuer, loopback only) or OIDC. */
  signIn: TSignIn;
  /** Signs the session cookie; random per start when unset (sessions end at a restart). */
  sessionSecret?: string | undefined;
  /** Send the session cookie only over HTTPS (production). */
  secureCookies?: boolean;
}

export interface TWebApp {
  app: FastifyInstance;
  sessions: RedisSessionStore;
}

const SESSION_SECONDS = 8 * 3600;

/**
 * The web application: GOV.UK Frontend and MoJ Frontend pages rendered with Nunjucks, over
 * the engine in-process (the same `gate.access`, decision rights and access log as the api).
 */
export async function buildWeb(deps: TWebDeps): Promise<TWebApp> {
  const app = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger });
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    // Same-origin pages only; the GOV.UK template's inline script carries the nonce.
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyStatic, {
    root: join(FRONTEND.govukDist, 'govuk/assets'),
    prefix: '/assets/',
    // No `reply.sendFile` here: the mounted Bull Board decorates its own in its context.
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: join(FRONTEND.govukDist, 'govuk'),
    prefix: '/static/govuk/',
    decorateReply: false,
    allowedPath: (path) => /\.(css|mjs|js|map)$/.test(path),
  });
  await app.register(fastifyStatic, {
    root: join(FRONTEND.mojRoot, 'moj'),
    prefix: '/static/moj/',
    decorateReply: false,
    allowedPath: (path) => /\.(css|mjs|js|map|png|svg)$/.test(path),
  });
  await app.register(formbody);
  await app.register(cookie);
  const sessions = new RedisSessionStore(
    deps.redis,
    SESSION_SECONDS,
    deps.engine.deps.queues.prefix,
  );
  await app.register(session, {
    secret: deps.sessionSecret ?? randomBytes(32).toString('base64url'),
    cookieName: 'ppda.sid',
    store: sessions,
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies ?? false,
      maxAge: SESSION_SECONDS * 1000,
      path: '/',
    },
  });
  await app.register(csrf, { sessionPlugin: '@fastify/session' });
  await registerViews(app);
  registerErrorPages(app);
  registerWebAuthentication(app, deps.engine);
  // Every form posts its token: a POST without the session's token is refused (403).
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method !== 'POST') return done();
    app.csrfProtection(request, reply, done);
  });
  app.get('/health', { config: { public: true } }, async () => ({ status: 'ok' }));
  await app.register(signInRoutes(deps.engine, deps.signIn));
  await app.register(taskRoutes(deps.engine));
  await app.register(caseRoutes(deps.engine));
  await app.register(deskRoutes(deps.engine));
  await app.register(allocationRoutes(deps.engine));
  await app.register(oversightRoutes(deps.engine));
  await app.register(opsRoutes(deps.engine));
  return { app, sessions };
}
