import { LATE_FIRE_MS, type TEngine } from '@ppda/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { accessRequestOf, principalOf } from '../authenticate.ts';

/**
 * Prometheus metrics for ops: the engine's gauges, read fresh from the database and the
 * queues on every scrape, and this api process's own (event loop, heap, handles). A registry
 * per app, so two apps in one process (tests) do not share series.
 */
function engineRegistry(engine: TEngine) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ppda_api_' });
  const gauge = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  const timers = gauge('ppda_timers', 'Running statutory clocks by status.', ['status']);
  const lateFires = gauge(
    'ppda_timer_fires_late',
    `Armed clocks whose next rung is over ${LATE_FIRE_MS / 1000} s past its time: not fired.`,
  );
  const outboxPending = gauge('ppda_outbox_pending', 'Committed queue operations not yet relayed.');
  const outboxOldest = gauge(
    'ppda_outbox_oldest_seconds',
    'Age of the oldest queue operation not yet relayed.',
  );
  const notifications = gauge('ppda_notifications_unsent', 'Mails not yet sent.', ['status']);
  const standIns = gauge(
    'ppda_rung_recipients_unresolved',
    'Clock rungs with a part nobody could be resolved for (told the next holder instead; alerted).',
  );
  const bursts = gauge(
    'ppda_access_refusal_bursts',
    'Bursts of refused reads by one person, each alerted to the Head of PSD.',
  );
  const jobs = gauge('ppda_queue_jobs', 'BullMQ jobs by queue and state.', ['queue', 'state']);
  return {
    registry,
    async refresh() {
      const now = await engine.opsGauges();
      for (const [status, count] of Object.entries(now.timers)) timers.set({ status }, count);
      lateFires.set(now.lateFires);
      standIns.set(now.rungsWithStandIns);
      bursts.set(now.accessRefusalBursts);
      outboxPending.set(now.outbox.pending);
      outboxOldest.set(now.outbox.oldestSeconds);
      for (const [status, count] of Object.entries(now.notifications)) {
        notifications.set({ status }, count);
      }
      for (const [queue, states] of Object.entries(now.queues)) {
        for (const [state, count] of Object.entries(states)) jobs.set({ queue, state }, count);
      }
    },
  };
}

export function metricsRoutes(engine: TEngine): FastifyPluginAsyncZod {
  return async (app) => {
    const metrics = engineRegistry(engine);
    app.get(
      '/metrics',
      {
        schema: {
          summary: 'Prometheus metrics: queues, relay lag, running and late clocks',
          description:
            'Ops only (a scraper holds an ops token). Allowed scrapes are not logged, refusals are.',
          tags: ['ops'],
        },
      },
      async (request, reply) => {
        await engine.authorizeAction(principalOf(request), 'ops.tools', accessRequestOf(request), {
          logAllowed: false,
        });
        await metrics.refresh();
        return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
      },
    );
  };
}
