import swagger from '@fastify/swagger';
import type { JSONWebKeySet, TTokenVerifier } from '@ppda/auth';
import type { TEngine } from '@ppda/engine';
import type { TQueues } from '@ppda/queue';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { registerAuthentication } from './authenticate.ts';
import { registerErrorHandler } from './errors.ts';
import { BODY_LIMIT_BYTES, registerInputGuards } from './input-guards.ts';
import { registerOpsBoard } from './ops-board.ts';
import { accessLogRoutes } from './routes/access-log.ts';
import { auditRoutes } from './routes/audit.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { caseRoutes } from './routes/cases.ts';
import { directoryRoutes } from './routes/directory.ts';
import { healthRoutes, type THealthProbes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { opsRoutes } from './routes/ops.ts';
import { victimRoutes } from './routes/victim.ts';
import { jwksRoutes } from './routes/well-known.ts';
import { registerSecurityHeaders } from './security-headers.ts';

export interface TApiDeps {
  engine: TEngine;
  queues: TQueues;
  probes: THealthProbes;
  logger: Logger;
  /** Verifies bearer tokens: the OIDC issuer in production, the local issuer otherwise. */
  verifier: TTokenVerifier;
  /** Served at /.well-known/jwks.json when the local issuer signs the tokens. */
  jwks?: JSONWebKeySet;
  /** NODE_ENV=production: HSTS and upgrade-insecure-requests are sent. */
  production?: boolean;
}

/** The HTTP surface: commands, queries, health, metrics, OpenAPI at /openapi.json, Bull Board. */
export async function buildApi(deps: TApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // One line per request, once answered (below), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
  }).withTypeProvider<ZodTypeProvider>();
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request answered',
    );
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerInputGuards(app);
  await registerSecurityHeaders(app, { production: deps.production ?? false });
  registerAuthentication(app, { verifier: deps.verifier, principalOf: deps.engine.principalOf });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'PPDA case engine',
        description:
          'Commands and queries for police-perpetrated domestic abuse cases. Every decision is a recorded event with its rationale. Every route but /health, /openapi.json and the JWKS needs `Authorization: Bearer <token>` naming a directory person.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(healthRoutes(deps.probes));
  await app.register(caseRoutes(deps.engine));
  await app.register(victimRoutes(deps.engine));
  await app.register(accessLogRoutes(deps.engine));
  await app.register(auditRoutes(deps.engine));
  await app.register(directoryRoutes(deps.engine));
  await app.register(calendarRoutes(deps.engine));
  if (deps.jwks) await app.register(jwksRoutes(deps.jwks));
  await app.register(metricsRoutes(deps.engine));
  await app.register(opsRoutes(deps.engine));
  await registerOpsBoard(app, deps.queues, deps.engine);
  app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
    app.swagger(),
  );
  return app;
}
