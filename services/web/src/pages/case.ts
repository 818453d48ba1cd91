import { AppError } from '@ppda/domain';
import type { TEngine } from '@ppda/engine';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { accessRequestOf, actorOf, webPrincipalOf } from '../authenticate.ts';
import {
  decisionFields,
  decisionTitle,
  isDecisionType,
  parseDecisionForm,
} from '../decision-form.ts';
import { formControls } from '../decision-form-view.ts';
import { ruleOf } from '../rules.ts';
import { render } from '../views.ts';

type TCaseParams = { caseId: string };
type TDecisionParams = TCaseParams & { type: string };

/** GOV.UK task list status for a region's state. */
function regionStatus(state: string, overdue: boolean) {
  if (overdue) return { tag: { text: 'Overdue', classes: 'govuk-tag--red' } };
  if (/due|awaiting|pending|requested|open|running|served|set/i.test(state)) {
    return { tag: { text: 'In progress', classes: 'govuk-tag--light-blue' } };
  }
  return { text: 'No action due' };
}

function flatten(state: unknown): string {
  if (typeof state === 'string') return state;
  return Object.entries(state as Record<string, unknown>)
    .map(([name, child]) => `${name} ${flatten(child)}`)
    .join(', ');
}

async function namesOf(engine: TEngine, ids: (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const people = await engine.deps.prisma.person.findMany({
    where: { id: { in: wanted } },
    select: { id: true, displayName: true },
  });
  const names = new Map(people.map((person) => [person.id, person.displayName]));
  return (id: string | null | undefined) => (id ? (names.get(id) ?? id) : 'nobody');
}

export function caseRoutes(engine: TEngine): FastifyPluginAsync {
  /** `gate.access` for the page, logged before anything is read; throws the one not-found. */
  const guard = (request: FastifyRequest, action: 'case.read' | 'case.victim.read') =>
    engine.authorizeCase(
      webPrincipalOf(request),
      (request.params as TCaseParams).caseId,
      action,
      accessRequestOf(request),
    );

  return async (app) => {
    app.get<{ Params: TCaseParams }>('/cases/:caseId', async (request, reply) => {
      await guard(request, 'case.read');
      const me = webPrincipalOf(request);
      const { caseId } = request.params;
      const [view, events, affordances] = await Promise.all([
        engine.getCase(caseId),
        engine.listEvents(caseId),
        engine.caseAffordances(caseId, me),
      ]);
      // The identity bar names the subject by rank only: the reference is pseudonymous.
      const subject = view.subjectId
        ? await engine.deps.prisma.person.findUnique({
            where: { id: view.subjectId },
            select: { rank: true },
          })
        : null;
      const nameOf = await namesOf(engine, [
        view.ownerId,
        view.supervisorId,
        view.actingFor.appropriateAuthority?.personId,
        view.actingFor.headOfPsd?.personId,
        ...events.map((event) => event.actorId),
      ]);
      const open =
        typeof view.state === 'object' && view.state && 'open' in view.state
          ? (view.state as { open: Record<string, unknown> }).open
          : {};
      const overdueRules = new Set(
        view.clocks.filter((c) => c.status === 'overdue').map((c) => c.ruleId),
      );
      const regions = Object.entries(open).map(([region, state]) => {
        const words = flatten(state);
        const overdue = [...overdueRules].some((ruleId) => ruleId.startsWith(region));
        return {
          title: { text: region.charAt(0).toUpperCase() + region.slice(1) },
          hint: { text: words.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() },
          status: regionStatus(words, overdue),
        };
      });
      const clocks = view.clocks
        .map((clock) => ({ ...clock, rule: ruleOf(engine, clock.ruleId, view.law) }))
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      const timeline = [...events].reverse().map((event) => ({
        label: { text: event.type.replace(/[._]/g, ' ').replace(/^\w/, (c) => c.toUpperCase()) },
        text: event.rationale ?? (event.ruleId ? ruleOf(engine, event.ruleId, view.law).title : ''),
        datetime: { timestamp: event.occurredAt, type: 'datetime' },
        byline: {
          text:
            event.actorId === 'system'
              ? 'the engine'
              : `${nameOf(event.actorId)}${event.actorRole ? ` (${event.actorRole})` : ''}`,
        },
      }));
      const notice = request.session.notice;
      if (notice) request.session.notice = undefined;
      return render(request, reply, 'case', {
        view,
        regions,
        clocks,
        timeline,
        owner: nameOf(view.ownerId),
        supervisor: nameOf(view.supervisorId),
        aa: view.actingFor.appropriateAuthority && {
          ...view.actingFor.appropriateAuthority,
          name: nameOf(view.actingFor.appropriateAuthority.personId),
        },
        head: view.actingFor.headOfPsd && {
          ...view.actingFor.headOfPsd,
          name: nameOf(view.actingFor.headOfPsd.personId),
        },
        mine: affordances.decisions
          .filter((decision) => decision.allowed)
          .map((decision) => ({ ...decision, title: decisionTitle(decision.type) })),
        others: affordances.decisions
          .filter((decision) => !decision.allowed)
          .map((decision) => ({ ...decision, title: decisionTitle(decision.type) })),
        mayReadVictim: affordances.actions['case.victim.read'],
        subjectRank: subject?.rank ?? null,
        notice,
      });
    });

    app.get<{ Params: TDecisionParams }>(
      '/cases/:caseId/decisions/:type',
      async (request, reply) => {
        await guard(request, 'case.read');
        const { caseId, type } = request.params;
        if (!isDecisionType(type)) throw new AppError('not-found', `no decision ${type}`);
        const [view, affordances] = await Promise.all([
          engine.getCase(caseId),
          engine.caseAffordances(caseId, webPrincipalOf(request)),
        ]);
        const flash =
          request.session.flash?.path === request.url ? request.session.flash : undefined;
        if (flash) request.session.flash = undefined;
        const errors = flash?.errors ?? [];
        const offered = affordances.decisions.find((decision) => decision.type === type);
        return render(
          request,
          reply,
          'decision',
          {
            view,
            type,
            title: decisionTitle(type),
            controls: formControls(decisionFields(type), flash?.answers, errors),
            errors,
            refusal: flash?.refusal,
            notOpen: !offered,
            notYours: offered && !offered.allowed ? offered.reason : undefined,
          },
          errors.length > 0 || flash?.refusal ? 400 : 200,
        );
      },
    );

    app.post<{ Params: TDecisionParams }>(
      '/cases/:caseId/decisions/:type',
      async (request, reply) => {
        const { caseId, type } = request.params;
        if (!isDecisionType(type)) throw new AppError('not-found', `no decision ${type}`);
        const form = { ...(request.body as Record<string, string | string[]>) };
        delete form._csrf;
        const path = `/cases/${caseId}/decisions/${type}`;
        const parsed = parseDecisionForm(type, form);
        if (!parsed.ok) {
          request.session.flash = { path, answers: form, errors: parsed.errors };
          return reply.redirect(path, 303);
        }
        try {
          // The engine's own access check (logged in the decision's write), rights and gates.
          await engine.recordDecision(
            caseId,
            parsed.decision,
            actorOf(request),
            accessRequestOf(request),
          );
        } catch (error) {
          if (
            !(error instanceof AppError) ||
            !['gate-refused', 'not-allowed-now', 'conflict', 'validation', 'forbidden'].includes(
              error.code,
            )
          ) {
            throw error;
          }
          request.session.flash = {
            path,
            answers: form,
            refusal: {
              code: error.code,
              gate: error.details.gate ?? (error.code === 'not-allowed-now' ? 'state' : error.code),
              reason: error.message,
            },
          };
          return reply.redirect(path, 303);
        }
        request.session.notice = `${decisionTitle(type)}: recorded`;
        return reply.redirect(`/cases/${caseId}`, 303);
      },
    );

    // Victim details: shown only on asking, and the asking is itself a logged access.
    app.post<{ Params: TCaseParams }>('/cases/:caseId/victim', async (request, reply) => {
      await guard(request, 'case.victim.read');
      const { caseId } = request.params;
      const [view, record] = await Promise.all([
        engine.getCase(caseId),
        engine.getVictimRecord(caseId),
      ]);
      const words = (key: string) =>
        key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^\w/, (c) => c.toUpperCase());
      const rows = record
        ? [
            ['Name', record.details.name],
            ...Object.entries({ ...record.details.contact, ...record.details.preferences }).map(
              ([key, value]) => [
                words(key),
                typeof value === 'string' ? value : JSON.stringify(value),
              ],
            ),
          ].map(([key, value]) => ({ key: { text: key }, value: { text: value } }))
        : [];
      return render(request, reply, 'victim', { view, record, rows });
    });
  };
}
