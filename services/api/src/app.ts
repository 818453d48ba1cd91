import swagger from '@fastify/swagger';
import type { PrismaClient } from '@ppda/db';
import type { TEngine } from '@ppda/engine';
import type { TQueues } from '@ppda/queue';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { registerErrorHandler } from './errors.ts';
import { registerOpsBoard } from './ops-board.ts';
import { caseRoutes } from './routes/cases.ts';
import { healthRoutes, type THealthProbes } from './routes/health.ts';

export interface TApiDeps {
  engine: TEngine;
  prisma: PrismaClient;
  queues: TQueues;
  probes: THealthProbes;
  logger: Logger;
}

/** The HTTP surface: commands, queries, health, OpenAPI at /openapi.json, Bull Board. */
export async function buildApi(deps: TApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'PPDA case engine',
        description:
          'Commands and queries for police-perpetrated domestic abuse cases. Every decision is a recorded event with its rationale.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(healthRoutes(deps.probes));
  await app.register(caseRoutes(deps.engine, deps.prisma));
  await registerOpsBoard(app, deps.queues);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
