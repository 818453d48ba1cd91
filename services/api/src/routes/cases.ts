import type { PrismaClient } from '@ppda/db';
import { ZPersonId } from '@ppda/domain';
import type { TEngine } from '@ppda/engine';
import { ZDecision, ZReferralCriterion } from '@ppda/ppda-case';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { resolveActor } from '../actor.ts';

export const ZReportAllegationBody = z.strictObject({
  receivedAt: z.iso.datetime({ offset: true }).optional().describe('When the force received it'),
  referralCriteriaMet: z
    .array(ZReferralCriterion)
    .default([])
    .describe('IOPC referral criteria it is already clear the matter meets'),
  ownerId: ZPersonId.describe('PSD officer who owns the case'),
  supervisorId: ZPersonId.optional(),
});

const ZCaseParams = z.object({ caseId: z.uuid() });

export function caseRoutes(engine: TEngine, prisma: PrismaClient): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/cases',
      {
        schema: {
          summary: 'Report a PPDA allegation: opens a case with a pseudonymous reference',
          tags: ['commands'],
          body: ZReportAllegationBody,
        },
      },
      async (request, reply) => {
        const actor = await resolveActor(prisma, request);
        const { receivedAt, ...rest } = request.body;
        const opened = await engine.reportAllegation(
          { ...rest, ...(receivedAt ? { receivedAt: new Date(receivedAt) } : {}) },
          actor,
        );
        return reply.code(201).send(opened);
      },
    );

    app.post(
      '/cases/:caseId/decisions',
      {
        schema: {
          summary: 'Record a decision with its rationale',
          description:
            'A malformed body gets 400 naming the field and rule; a decision a gate refuses gets 422 with the gate id; one the case is not ready for gets 409.',
          tags: ['commands'],
          params: ZCaseParams,
          body: ZDecision,
        },
      },
      async (request) => {
        const actor = await resolveActor(prisma, request);
        return engine.recordDecision(request.params.caseId, request.body, actor);
      },
    );

    app.get(
      '/cases/:caseId',
      {
        schema: {
          summary: "A case's state and running clocks",
          tags: ['queries'],
          params: ZCaseParams,
        },
      },
      async (request) => engine.getCase(request.params.caseId),
    );

    app.get(
      '/cases/:caseId/events',
      { schema: { summary: "A case's event record", tags: ['queries'], params: ZCaseParams } },
      async (request) => engine.listEvents(request.params.caseId),
    );

    app.get(
      '/cases/:caseId/clocks',
      {
        schema: {
          summary: "A case's clocks, running and stopped",
          tags: ['queries'],
          params: ZCaseParams,
        },
      },
      async (request) => engine.listClocks(request.params.caseId),
    );

    app.get(
      '/people/:personId/tasks',
      {
        schema: {
          summary: "A person's open tasks, soonest due first",
          tags: ['queries'],
          params: z.object({ personId: ZPersonId }),
        },
      },
      async (request) => engine.listOpenTasks(request.params.personId),
    );
  };
}
