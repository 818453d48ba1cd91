import { dutyHolderOf } from '@ppda/access';
import type { TEngine } from '@ppda/engine';
import { clockDutyOf } from '@ppda/ppda-case';
import type { FastifyPluginAsync } from 'fastify';
import { accessRequestOf, webPrincipalOf } from '../authenticate.ts';
import { lawsOf, ruleOf } from '../rules.ts';
import { render } from '../views.ts';

const REVIEWS = new Set(['suspension.review', 'conduct-pause.review', 'external.progress-review']);

/**
 * The AA's desk (and the Head of PSD's, and the vetting manager's): escalations waiting on me
 * (my tasks past due), the suspensions and restrictions with their next review, the other
 * decisions I owe, and the cases I may read with a clock past due (for a vetting manager, the
 * cases on the vetting route with a clock it owes past due). Tasks are the engine's inbox: whoever acts for the
 * case gets them, as the clock's mail does.
 */
export function deskRoutes(engine: TEngine): FastifyPluginAsync {
  return async (app) => {
    app.get('/desk', async (request, reply) => {
      const me = webPrincipalOf(request);
      const open = await engine.listOpenTasks(me.id, me);
      // Each rule's source as the task's case runs it (its version: `law` on the case).
      const laws = await lawsOf(
        engine,
        open.map((task) => task.caseId),
      );
      const tasks = open.map((task) => ({
        ...task,
        rule: ruleOf(engine, task.ruleId, laws.get(task.caseId)),
      }));
      const actsForCases = me.roles.some((role) =>
        ['appropriate-authority', 'head-of-psd', 'chief-constable', 'pcc'].includes(role),
      );
      // A vetting manager sees only cases whose vetting route is open (`gate.access`), and of
      // those only the ones with a clock it owes past due (not the AA's referral clock).
      const vetsOnly = !actsForCases && me.roles.includes('vetting-authority');
      const listed =
        actsForCases || vetsOnly
          ? (
              await engine
                .authorizeAction(me, 'case.list', accessRequestOf(request))
                .then(() => engine.listCases(me, { status: 'open', overdueOnly: true, limit: 50 }))
            ).cases
          : [];
      const atRisk = vetsOnly
        ? listed
            .map((row) => ({
              ...row,
              overdue: row.overdue.filter(
                (clock) => dutyHolderOf(clockDutyOf(clock.ruleId)) === 'vetting-authority',
              ),
            }))
            .filter((row) => row.overdue.length > 0)
        : listed;
      return render(request, reply, 'desk', {
        escalations: tasks.filter((task) => task.overdue),
        reviews: tasks.filter((task) => !task.overdue && REVIEWS.has(task.ruleId)),
        owed: tasks.filter((task) => !task.overdue && !REVIEWS.has(task.ruleId)),
        atRisk,
      });
    });
  };
}
