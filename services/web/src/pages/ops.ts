import type { TEngine } from '@ppda/engine';
import type { FastifyPluginAsync } from 'fastify';
import { accessRequestOf, webPrincipalOf } from '../authenticate.ts';
import { render } from '../views.ts';

/** The ops console: what `/metrics` shows, in words, and where Bull Board is. Ops only. */
export function opsRoutes(engine: TEngine, opsBoardUrl?: string): FastifyPluginAsync {
  return async (app) => {
    app.get('/ops', async (request, reply) => {
      const me = webPrincipalOf(request);
      await engine.authorizeAction(me, 'ops.tools', accessRequestOf(request));
      const gauges = await engine.opsGauges();
      const failedMail = await engine.deps.prisma.notification.findMany({
        where: { status: { in: ['failed', 'pending', 'sending'] } },
        orderBy: { createdAt: 'asc' },
        take: 50,
        select: {
          id: true,
          kind: true,
          status: true,
          attempts: true,
          lastError: true,
          createdAt: true,
        },
      });
      const queues = Object.entries(gauges.queues).map(([name, counts]) => ({ name, ...counts }));
      return render(request, reply, 'ops', { gauges, queues, failedMail, opsBoardUrl });
    });
  };
}
