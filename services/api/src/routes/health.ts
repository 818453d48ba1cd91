import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export interface THealthProbes {
  database(): Promise<boolean>;
  redis(): Promise<boolean>;
}

async function probe(check: () => Promise<boolean>): Promise<'up' | 'down'> {
  try {
    return (await check()) ? 'up' : 'down';
  } catch {
    return 'down';
  }
}

export function healthRoutes(probes: THealthProbes): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      { schema: { summary: 'Redis and database reachability', tags: ['ops'] } },
      async (_request, reply) => {
        const [database, redis] = await Promise.all([probe(probes.database), probe(probes.redis)]);
        const ok = database === 'up' && redis === 'up';
        return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, redis });
      },
    );
  };
}
