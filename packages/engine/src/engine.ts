import type { TDecision } from '@ppda/ppda-case';
import { recordDecision, reportAllegation, type TReportAllegation } from './commands.ts';
import type { TActor, TEngineDeps } from './deps.ts';
import { fireTimerRung } from './fire-timer.ts';
import { relayOutbox } from './outbox-relay.ts';
import { getCaseView, listCaseEvents, listClocks, listOpenTasks } from './queries.ts';
import { reconcile } from './reconciler.ts';
import { sendNotification } from './send-notification.ts';

/** The engine as a library: thin services (api, worker) call these and nothing deeper. */
export function createEngine(deps: TEngineDeps) {
  return {
    deps,
    reportAllegation: (report: TReportAllegation, actor: TActor) =>
      reportAllegation(deps, report, actor),
    recordDecision: (caseId: string, decision: TDecision, actor: TActor) =>
      recordDecision(deps, caseId, decision, actor),
    fireTimerRung: (job: { timerId: string; rung: number }) => fireTimerRung(deps, job),
    sendNotification: (notificationId: string) => sendNotification(deps, notificationId),
    relayOutbox: () => relayOutbox(deps),
    reconcile: () => reconcile(deps),
    getCase: (caseId: string) => getCaseView(deps, caseId),
    listEvents: (caseId: string) => listCaseEvents(deps, caseId),
    listClocks: (caseId: string) => listClocks(deps, caseId),
    listOpenTasks: (personId: string) => listOpenTasks(deps, personId),
  };
}

export type TEngine = ReturnType<typeof createEngine>;
