import type { TCaseAction } from '@ppda/access';
import { ZPersonId } from '@ppda/domain';
import { type TEngine, ZAssignmentRole } from '@ppda/engine';
import { ZConductDateSource, ZDecision, ZReferralCriterion } from '@ppda/ppda-case';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessRequestOf, actorOf, principalOf } from '../authenticate.ts';

export const ZReportAllegationBody = z.strictObject({
  receivedAt: z.iso.datetime({ offset: true }).optional().describe('When the force received it'),
  referralCriteriaMet: z
    .array(ZReferralCriterion)
    .default([])
    .describe('IOPC referral criteria it is already clear the matter meets'),
  subjectId: ZPersonId.describe(
    'Directory id of the accused officer or staff member: they, their line chain and their declared associates never see the case',
  ),
  ownerId: ZPersonId.describe('PSD officer who owns the case'),
  supervisorId: ZPersonId.optional(),
  victimHasEnhancedRights: z.boolean().optional(),
  conductDate: z.iso
    .date()
    .describe(
      'When the conduct occurred (YYYY-MM-DD; the first day if over a period): it decides which version of each dated rule the case runs (e.g. the 2026 suspension duties reach conduct on or after 2026-07-13)',
    ),
  conductDateSource: ZConductDateSource.describe('Where the conduct date comes from'),
});

export const ZCaseParams = z.object({ caseId: z.uuid() });

const ZCaseListQuery = z.strictObject({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: only cases with a running clock past its due time'),
  ownerId: ZPersonId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('nextCursor from the page before'),
});
const ZRationale = z.string().trim().min(10, 'a rationale of at least 10 characters');

/** `gate.access` before the handler: logged, and a hidden case answers like a missing one. */
export function caseGuard(engine: TEngine, action: TCaseAction) {
  return async (request: FastifyRequest) => {
    const { caseId } = request.params as { caseId: string };
    await engine.authorizeCase(principalOf(request), caseId, action, accessRequestOf(request));
  };
}

const NEED_TO_KNOW =
  'Needs a bearer token. Only people assigned to the case, the Head of PSD, the AA and oversight roles see it; its subject, their line chain and declared associates get 404 exactly as for a case that does not exist. Every attempt is in the access log.';

export function caseRoutes(engine: TEngine): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/cases',
      {
        schema: {
          summary: 'Report a PPDA allegation: opens a case with a pseudonymous reference',
          description: 'PSD roles and the AA. The owner and supervisor are assigned to the case.',
          tags: ['commands'],
          body: ZReportAllegationBody,
        },
      },
      async (request, reply) => {
        await engine.authorizeAction(principalOf(request), 'case.report', accessRequestOf(request));
        const { receivedAt, ...rest } = request.body;
        const opened = await engine.reportAllegation(
          { ...rest, ...(receivedAt ? { receivedAt: new Date(receivedAt) } : {}) },
          actorOf(request),
        );
        return reply.code(201).send(opened);
      },
    );

    app.get(
      '/cases',
      {
        schema: {
          summary: 'The cases you may read, newest report first',
          description:
            'A page at a time: pass `nextCursor` as `cursor` for the next (null on the last). Each case with where its regions stand, its overdue clocks and the clock due next. The same need-to-know as opening each case: only cases you are assigned to, or all for the Head of PSD, the AA and oversight roles, never one whose subject, line chain or associates you are.',
          tags: ['queries'],
          querystring: ZCaseListQuery,
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await engine.authorizeAction(principal, 'case.list', accessRequestOf(request));
        const { overdue, ...query } = request.query;
        return engine.listCases(principal, { ...query, overdueOnly: overdue === 'true' });
      },
    );

    app.post(
      '/cases/:caseId/decisions',
      {
        schema: {
          summary: 'Record a decision with its rationale',
          description: `A malformed body gets 400 naming the field and rule; a decision a gate refuses gets 422 with the gate id (gate.decision-rights when your role may not take it); one the case is not ready for gets 409. ${NEED_TO_KNOW}`,
          tags: ['commands'],
          params: ZCaseParams,
          body: ZDecision,
        },
      },
      // The engine checks `gate.access` itself here, logging the attempt in the decision's
      // own write instead of a commit of its own.
      async (request) =>
        engine.recordDecision(
          request.params.caseId,
          request.body,
          actorOf(request),
          accessRequestOf(request),
        ),
    );

    app.get(
      '/cases/:caseId',
      {
        schema: {
          summary: "A case's state and running clocks",
          description: NEED_TO_KNOW,
          tags: ['queries'],
          params: ZCaseParams,
        },
        preHandler: caseGuard(engine, 'case.read'),
      },
      async (request) => engine.getCase(request.params.caseId),
    );

    app.get(
      '/cases/:caseId/events',
      {
        schema: {
          summary: "A case's hash-chained event record",
          description: NEED_TO_KNOW,
          tags: ['queries'],
          params: ZCaseParams,
        },
        preHandler: caseGuard(engine, 'case.read'),
      },
      async (request) => engine.listEvents(request.params.caseId),
    );

    app.get(
      '/cases/:caseId/clocks',
      {
        schema: {
          summary: "A case's clocks, running and stopped",
          description: NEED_TO_KNOW,
          tags: ['queries'],
          params: ZCaseParams,
        },
        preHandler: caseGuard(engine, 'case.read'),
      },
      async (request) => engine.listClocks(request.params.caseId),
    );

    app.get(
      '/cases/:caseId/verify',
      {
        schema: {
          summary: "Recompute the case's hash chain and name the first broken link",
          description: `The AA and oversight roles. ${NEED_TO_KNOW}`,
          tags: ['queries'],
          params: ZCaseParams,
        },
        preHandler: caseGuard(engine, 'case.verify'),
      },
      async (request) => engine.verifyCase(request.params.caseId),
    );

    app.get(
      '/cases/:caseId/assignments',
      {
        schema: {
          summary: 'Who is assigned to the case, past and present',
          description: NEED_TO_KNOW,
          tags: ['queries'],
          params: ZCaseParams,
        },
        preHandler: caseGuard(engine, 'case.read'),
      },
      async (request) => engine.listAssignments(request.params.caseId),
    );

    app.post(
      '/cases/:caseId/assignments',
      {
        schema: {
          summary: 'Assign a person to the case (recorded as a case event)',
          description: `PSD supervisor, Head of PSD or AA. The person must hold a qualifying role and not be the subject, in their line chain or a declared associate (422 gate.access). ${NEED_TO_KNOW}`,
          tags: ['commands'],
          params: ZCaseParams,
          body: z.strictObject({
            personId: ZPersonId,
            role: ZAssignmentRole,
            rationale: ZRationale,
          }),
        },
        preHandler: caseGuard(engine, 'case.assign'),
      },
      async (request, reply) => {
        await engine.assign(request.params.caseId, request.body, actorOf(request));
        return reply.code(201).send(await engine.listAssignments(request.params.caseId));
      },
    );

    app.post(
      '/cases/:caseId/assignments/:assignmentId/end',
      {
        schema: {
          summary: "End a person's assignment (recorded as a case event)",
          tags: ['commands'],
          params: ZCaseParams.extend({
            assignmentId: z.string().regex(/^\d{1,18}$/, 'an assignment id'),
          }),
          body: z.strictObject({ rationale: ZRationale }),
        },
        preHandler: caseGuard(engine, 'case.assign'),
      },
      async (request) => {
        const { caseId, assignmentId } = request.params;
        await engine.endAssignment(caseId, assignmentId, request.body.rationale, actorOf(request));
        return engine.listAssignments(caseId);
      },
    );

    app.get(
      '/people/:personId/tasks',
      {
        schema: {
          summary: "A person's open tasks, soonest due first",
          description:
            "Your own, or anyone's for a PSD supervisor, Head of PSD or AA; only tasks on cases you may read.",
          tags: ['queries'],
          params: z.object({ personId: ZPersonId }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (request.params.personId !== principal.id) {
          await engine.authorizeAction(principal, 'tasks.read-others', accessRequestOf(request));
        }
        return engine.listOpenTasks(request.params.personId, principal);
      },
    );

    app.get(
      '/me',
      { schema: { summary: 'Who the token names, and their roles', tags: ['queries'] } },
      async (request) => principalOf(request),
    );
  };
}
