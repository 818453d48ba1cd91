import type { TEngine } from '@ppda/engine';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { accessRequestOf, webPrincipalOf } from '../authenticate.ts';
import { lawsOf, ruleOf } from '../rules.ts';
import { render } from '../views.ts';

const DAY_MS = 24 * 3600 * 1000;

const ZTaskFilters = z.object({
  clock: z.string().max(100).optional().catch(undefined),
  case: z.string().max(100).optional().catch(undefined),
  due: z.enum(['overdue', 'week', 'all']).default('all').catch('all'),
});

type TTaskFilters = z.infer<typeof ZTaskFilters>;

const DUE_WORDS = { overdue: 'Overdue', week: 'Within 7 days', all: 'Any time' } as const;

/** The MoJ filter's "selected filters": one tag per filter applied, each removing itself. */
function selectedFilters(filters: TTaskFilters, titleOf: (ruleId: string) => string) {
  const without = (name: keyof TTaskFilters) => {
    const query = new URLSearchParams();
    for (const key of ['clock', 'case', 'due'] as const) {
      const value = filters[key];
      if (key !== name && value && !(key === 'due' && value === 'all')) query.set(key, value);
    }
    const search = query.toString();
    return `/tasks${search ? `?${search}` : ''}`;
  };
  const categories = [
    filters.clock && {
      heading: { text: 'Clock' },
      items: [{ href: without('clock'), text: titleOf(filters.clock) }],
    },
    filters.case && {
      heading: { text: 'Case reference' },
      items: [{ href: without('case'), text: filters.case }],
    },
    filters.due !== 'all' && {
      heading: { text: 'Due' },
      items: [{ href: without('due'), text: DUE_WORDS[filters.due] }],
    },
  ].filter(Boolean);
  return categories.length > 0
    ? {
        heading: { text: 'Selected filters' },
        clearLink: { text: 'Clear filters', href: '/tasks' },
        categories,
      }
    : undefined;
}

/** No case has this id: a reference that names no case is refused as a hidden one would be. */
const NO_CASE = '00000000-0000-4000-8000-000000000000';

export function taskRoutes(engine: TEngine): FastifyPluginAsync {
  return async (app) => {
    app.get('/', async (_request, reply) => reply.redirect('/tasks', 303));

    app.get('/tasks', async (request, reply) => {
      const me = webPrincipalOf(request);
      const filters = ZTaskFilters.parse(request.query);
      const now = engine.deps.clock.now().getTime();
      // Read once per request: the header's count already did (authenticate.ts).
      const all = request.openTasks ?? (await engine.listOpenTasks(me.id, me));
      // Each rule as the task's case runs it (its version: `law` on the case).
      const laws = await lawsOf(
        engine,
        all.map((task) => task.caseId),
      );
      const titleOf = (task: (typeof all)[number]) =>
        ruleOf(engine, task.ruleId, laws.get(task.caseId)).title;
      const tasks = all
        .filter((task) => !filters.clock || task.ruleId === filters.clock)
        .filter(
          (task) =>
            !filters.case ||
            task.caseReference.toLowerCase().includes(filters.case.trim().toLowerCase()),
        )
        .filter((task) =>
          filters.due === 'overdue'
            ? task.overdue
            : filters.due === 'week'
              ? new Date(task.dueAt).getTime() <= now + 7 * DAY_MS
              : true,
        )
        // Overdue first, then by due date.
        .sort(
          (a, b) =>
            Number(b.overdue) - Number(a.overdue) ||
            a.dueAt.localeCompare(b.dueAt) ||
            a.taskId.localeCompare(b.taskId),
        )
        .map((task) => ({
          ...task,
          ruleTitle: titleOf(task),
          // Straight to the decision that meets its clock when the viewer holds its right;
          // otherwise to the case's decisions (who takes it, and why not the viewer).
          href:
            task.mayDecide && task.decisionType
              ? `/cases/${task.caseId}/decisions/${task.decisionType}`
              : `/cases/${task.caseId}#decisions`,
        }));
      const clocks = [...new Set(all.map((task) => task.ruleId))].sort().map((ruleId) => {
        const first = all.find((task) => task.ruleId === ruleId);
        return { value: ruleId, text: first ? titleOf(first) : ruleId };
      });
      return render(request, reply, 'tasks', {
        tasks,
        total: all.length,
        overdueCount: all.filter((task) => task.overdue).length,
        filters,
        clocks,
        selectedFilters: selectedFilters(
          filters,
          (ruleId) => clocks.find((clock) => clock.value === ruleId)?.text ?? ruleId,
        ),
        now: engine.deps.clock.now().toISOString(),
      });
    });

    app.get('/find', async (request, reply) => {
      const me = webPrincipalOf(request);
      const reference = String((request.query as { reference?: string }).reference ?? '').trim();
      if (!reference) {
        return render(
          request,
          reply,
          'find',
          {
            errors: [{ href: '#reference', text: 'Enter a case reference' }],
          },
          400,
        );
      }
      const found = await engine.deps.prisma.case.findUnique({
        where: { reference },
        select: { id: true },
      });
      // One decision for a missing and a hidden case: the same not-found, logged either way.
      const caseId = found?.id ?? NO_CASE;
      await engine.authorizeCase(me, caseId, 'case.read', accessRequestOf(request));
      return reply.redirect(`/cases/${caseId}`, 303);
    });
  };
}
