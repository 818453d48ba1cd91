import { AppError } from '@ppda/domain';
import type { TAllocationReason, TEngine } from '@ppda/engine';
import type { FastifyPluginAsync } from 'fastify';
import { accessRequestOf, actorOf, webPrincipalOf } from '../authenticate.ts';
import { render } from '../views.ts';

type TCaseParams = { caseId: string };

const RATIONALE_MIN = 10;

const REASONS: Record<TAllocationReason, { text: string; classes: string }> = {
  unallocated: { text: 'No investigator', classes: 'govuk-tag--red' },
  'owner-left': { text: 'Owner has left', classes: 'govuk-tag--orange' },
  'owner-overloaded': { text: 'Owner overloaded', classes: 'govuk-tag--yellow' },
};

/**
 * Allocation (PSD supervisors and the Head of PSD): cases with no investigator appointed, whose
 * owner has left or is overloaded, and tasks held by leavers, oldest first, with each possible
 * owner's load; a form per case moves its owner through the engine's assignment command (a
 * logged case event with its rationale), after `gate.access` for `case.assign` as the api's
 * assignment route does. Every row is decided by `gate.access` in the engine's query.
 */
export function allocationRoutes(
  engine: TEngine,
  options: { overloadAt?: number | undefined } = {},
): FastifyPluginAsync {
  return async (app) => {
    app.get('/allocation', async (request, reply) => {
      const me = webPrincipalOf(request);
      await engine.authorizeAction(me, 'case.allocate', accessRequestOf(request));
      const allocation = await engine.listAllocation(me, options);
      const flash =
        request.session.flash?.path === '/allocation' ? request.session.flash : undefined;
      if (flash) request.session.flash = undefined;
      const notice = request.session.notice;
      if (notice) request.session.notice = undefined;
      const answers = (flash?.answers ?? {}) as Record<string, string>;
      const errors = flash?.errors ?? [];
      const errorFor = (field: string, caseId: string) =>
        errors.find((error) => error.href === `#${field}-${caseId}`);
      const cases = allocation.cases.map((row) => {
        const mine = answers.caseId === row.caseId;
        return {
          ...row,
          tags: row.reasons.map((reason) => REASONS[reason]),
          people: [
            { value: '', text: 'Choose a person' },
            ...allocation.load
              .filter((person) => person.personId !== row.ownerId)
              .map((person) => ({
                value: person.personId,
                text: `${person.displayName} (${person.openTasks} open tasks, ${person.ownedCases} cases)`,
                selected: mine && answers.personId === person.personId,
              })),
          ],
          rationale: mine ? (answers.rationale ?? '') : '',
          personError: errorFor('personId', row.caseId),
          rationaleError: errorFor('rationale', row.caseId),
          refusal: mine ? flash?.refusal : undefined,
        };
      });
      return render(
        request,
        reply,
        'allocation',
        { ...allocation, cases, errors, refusal: flash?.refusal, notice },
        errors.length > 0 || flash?.refusal ? 400 : 200,
      );
    });

    app.post<{ Params: TCaseParams }>('/allocation/:caseId', async (request, reply) => {
      const me = webPrincipalOf(request);
      const request_ = accessRequestOf(request);
      await engine.authorizeAction(me, 'case.allocate', request_);
      const { caseId } = request.params;
      // `gate.access` for the case, logged, exactly as the api's assignment route guards it.
      await engine.authorizeCase(me, caseId, 'case.assign', request_);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const personId = typeof body.personId === 'string' ? body.personId.trim() : '';
      const rationale = typeof body.rationale === 'string' ? body.rationale.trim() : '';
      const answers = { caseId, personId, rationale };
      const errors: { name: string; href: string; text: string }[] = [];
      if (!personId) {
        errors.push({
          name: 'personId',
          href: `#personId-${caseId}`,
          text: 'Choose who the case goes to',
        });
      }
      if (rationale.length < RATIONALE_MIN) {
        errors.push({
          name: 'rationale',
          href: `#rationale-${caseId}`,
          text: `Give a rationale of at least ${RATIONALE_MIN} characters`,
        });
      }
      if (errors.length > 0) {
        request.session.flash = { path: '/allocation', answers, errors };
        return reply.redirect('/allocation', 303);
      }
      try {
        // The engine's assignment command: the candidate's independence (`gate.access` against
        // the subject, their line chain and associates), a qualifying role, not a leaver.
        await engine.assign(caseId, { personId, role: 'owner', rationale }, actorOf(request));
      } catch (error) {
        if (
          !(error instanceof AppError) ||
          !['gate-refused', 'not-allowed-now', 'conflict', 'validation'].includes(error.code)
        ) {
          throw error;
        }
        request.session.flash = {
          path: '/allocation',
          answers,
          errors: [],
          refusal: {
            code: error.code,
            gate: error.details.gate ?? error.code,
            reason: error.message,
          },
        };
        return reply.redirect('/allocation', 303);
      }
      const view = await engine.getCase(caseId);
      request.session.notice = `${view.reference}: owner is now ${personId}`;
      return reply.redirect('/allocation', 303);
    });
  };
}
