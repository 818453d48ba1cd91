import type { THostPart } from '@ppda/host';
import type { FastifyInstance } from 'fastify';
import { buildApi, type TApiDeps } from './app.ts';

/** The api as a host part: its engine, queues and health probes come from the host's runtime. */
export function apiPart(
  options: Omit<TApiDeps, 'engine' | 'queues' | 'probes' | 'logger'>,
): THostPart<FastifyInstance> {
  return {
    start: ({ runtime, logger }) =>
      buildApi({
        engine: runtime.engine,
        queues: runtime.queues,
        probes: runtime.probes,
        logger,
        ...options,
      }),
  };
}
