import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export interface THealthProbes {
  database(): Promise<boolean>;
  redis(): Promise<boolean>;
}

const PROBE_TIMEOUT_MS = 2_000;

/** A probe that hangs counts as down: health must answer while a dependency is stuck. */
async function probe(check: () => Promise<boolean>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([check(), timeout])) ? 'up' : 'down';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(probes: THealthProbes): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      {
        schema: { summary: 'Redis and database reachability', tags: ['ops'] },
        config: { public: true },
      },
      async (_request, reply) => {
        const [database, redis] = await Promise.all([probe(probes.database), probe(probes.redis)]);
        const ok = database === 'up' && redis === 'up';
        return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, redis });
      },
    );
  };
}
