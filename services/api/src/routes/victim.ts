import { type TEngine, ZVictimDetails } from '@ppda/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseGuard, ZCaseParams } from './cases.ts';

/**
 * Victim contact details, safety plan and preferences: sealed at rest, served only to the
 * victim SPOC, criminal OIC and investigator assigned to the case. Never logged.
 */
export function victimRoutes(engine: TEngine): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/cases/:caseId/victim',
      {
        schema: {
          summary: "The victim's contact details, safety plan and preferences",
          description: 'Only the victim SPOC, criminal OIC and investigators assigned to the case.',
          tags: ['queries'],
          params: ZCaseParams,
        },
        preHandler: caseGuard(engine, 'case.victim.read'),
      },
      async (request, reply) => {
        const record = await engine.getVictimRecord(request.params.caseId);
        if (!record) return reply.code(204).send();
        return record;
      },
    );

    app.put(
      '/cases/:caseId/victim',
      {
        schema: {
          summary: "Record the victim's contact details, safety plan and preferences",
          description: 'Replaces the whole record. Only those assigned to work with the victim.',
          tags: ['commands'],
          params: ZCaseParams,
          body: ZVictimDetails,
        },
        preHandler: caseGuard(engine, 'case.victim.write'),
      },
      async (request, reply) => {
        await engine.putVictimRecord(request.params.caseId, request.body);
        return reply.code(204).send();
      },
    );
  };
}
