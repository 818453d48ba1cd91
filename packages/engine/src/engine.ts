import type { TCaseAction, TGlobalAction } from '@ppda/access';
import type { TDecision } from '@ppda/ppda-case';
import {
  authorizeAction,
  authorizeCase,
  listAccessLog,
  loadPrincipal,
  type TAccessLogFilter,
  type TAccessRequest,
  type TPrincipal,
} from './access/authorize.ts';
import { getVictimRecord, putVictimRecord, type TVictimDetails } from './access/victim-record.ts';
import {
  importDirectory,
  seedDirectory,
  type TDirectoryImport,
  type TImportOptions,
} from './directory/directory-import.ts';
import {
  listDirectoryChanges,
  listLeavers,
  type TDirectoryChangeQuery,
} from './directory/directory-queries.ts';
import { changeRole, type TRoleChange } from './directory/role-change.ts';
import { sendDailyDigest } from './mail/daily-digest.ts';
import { sendNotification } from './mail/send-notification.ts';
import { listAllocation } from './read/allocation-queries.ts';
import { auditReport } from './read/audit-report.ts';
import { boardPack } from './read/board-pack.ts';
import { caseAffordances } from './read/case-affordances.ts';
import { listCases, type TCaseListQuery } from './read/case-list.ts';
import {
  getCaseLaw,
  getCaseView,
  listCaseEvents,
  listClocks,
  listOpenTasks,
} from './read/case-queries.ts';
import { statisticsExport } from './read/statistics-export.ts';
import { verifyCaseChain } from './read/verify-chain.ts';
import {
  calendarCoverage,
  storeBankHolidays,
  type TDatasetImport,
} from './runtime/calendar-datasets.ts';
import { checkpointWriter } from './runtime/chain-checkpoint.ts';
import type { TActor, TEngineDeps } from './runtime/deps.ts';
import { retryNotification, runReconcile } from './runtime/ops-commands.ts';
import { readOpsGauges } from './runtime/ops-gauges.ts';
import { listOpsLog } from './runtime/ops-log.ts';
import { reconcile } from './runtime/reconciler.ts';
import { fireTimerRung, type TRungJob } from './timers/fire-rung.ts';
import { replanTimers } from './timers/replan.ts';
import { changeAssignment, listAssignments, type TAssignmentRole } from './write/assignments.ts';
import { recordDecision, reportAllegation, type TReportAllegation } from './write/commands.ts';
import { relayOutbox } from './write/outbox-relay.ts';

/** The engine as a library: thin services (api, worker) call these and nothing deeper. */
export function createEngine(deps: TEngineDeps) {
  const writeCheckpoint = checkpointWriter(deps);
  return {
    deps,
    reportAllegation: (report: TReportAllegation, actor: TActor) =>
      reportAllegation(deps, report, actor),
    /** With `request`, also the access check for it (logged with the decision's write). */
    recordDecision: (
      caseId: string,
      decision: TDecision,
      actor: TActor,
      request?: TAccessRequest,
    ) => recordDecision(deps, caseId, decision, actor, request),
    fireTimerRung: (job: TRungJob) => fireTimerRung(deps, job),
    sendNotification: (notificationId: string) => sendNotification(deps, notificationId),
    /** The daily digest for one London day (`yyyy-mm-dd`); idempotent per person and day. */
    sendDailyDigest: (day: string) => sendDailyDigest(deps, day),
    relayOutbox: () => relayOutbox(deps),
    reconcile: () => reconcile(deps),
    /** Sign every case head into a checkpoint file (null when no CHECKPOINT_DIR is set up). */
    writeCheckpoint,
    // Ops commands: what ops may do instead of steering queues by hand; each in the ops log.
    opsReconcile: (actor: TActor) => runReconcile(deps, actor),
    opsRetryNotification: (actor: TActor, notificationId: string) =>
      retryNotification(deps, actor, notificationId),
    listOpsLog: (query: { limit: number; cursor?: string | undefined }) => listOpsLog(deps, query),
    /** Queue depths, relay lag, running and late clocks: for ops' monitoring. */
    opsGauges: () => readOpsGauges(deps),
    getCase: (caseId: string) => getCaseView(deps, caseId),
    /** The law a case runs: its deciding dates and the rule versions it recorded at report. */
    getCaseLaw: (caseId: string) => getCaseLaw(deps, caseId),
    caseAffordances: (caseId: string, reader: TPrincipal) => caseAffordances(deps, caseId, reader),
    /** The cases `reader` may read, newest first, a page at a time. */
    listCases: (reader: TPrincipal, query: TCaseListQuery) => listCases(deps, reader, query),
    listEvents: (caseId: string) => listCaseEvents(deps, caseId),
    listClocks: (caseId: string) => listClocks(deps, caseId),
    listOpenTasks: (personId: string, viewer?: TPrincipal) => listOpenTasks(deps, personId, viewer),
    // Access: need-to-know, the access log, assignments, the directory, victim data.
    principalOf: (personId: string) => loadPrincipal(deps, personId),
    authorizeCase: (
      principal: TPrincipal,
      caseId: string,
      action: TCaseAction,
      request: TAccessRequest,
    ) => authorizeCase(deps, principal, caseId, action, request),
    authorizeAction: (
      principal: TPrincipal,
      action: TGlobalAction,
      request: TAccessRequest,
      options?: { logAllowed?: boolean },
    ) => authorizeAction(deps, principal, action, request, options),
    listAccessLog: (reader: TPrincipal, filter: TAccessLogFilter) =>
      listAccessLog(deps, reader, filter),
    /** Recommendation 1: live and recently closed cases with the failures audits look for. */
    auditReport: (reader: TPrincipal) => auditReport(deps, reader),
    /** The 28-day board pack: live cases, risk, clocks at risk, overdue, decisions since. */
    boardPack: (reader: TPrincipal, options?: { since?: Date }) => boardPack(deps, reader, options),
    /** The statistics export for the IOPC and Home Office returns, over a period (London dates). */
    statisticsExport: (reader: TPrincipal, period: { from?: unknown; to?: unknown }) =>
      statisticsExport(deps, reader, period),
    listAssignments: (caseId: string) => listAssignments(deps, caseId),
    assign: (
      caseId: string,
      assignment: { personId: string; role: TAssignmentRole; rationale: string },
      actor: TActor,
    ) => changeAssignment(deps, caseId, { kind: 'assign', ...assignment }, actor),
    endAssignment: (caseId: string, assignmentId: string, rationale: string, actor: TActor) =>
      changeAssignment(deps, caseId, { kind: 'end', assignmentId, rationale }, actor),
    /** The HR feed: people, structure and leavers, never roles (a role row is refused). */
    importDirectory: (input: TDirectoryImport, options: TImportOptions) =>
      importDirectory(deps, input, options),
    /** The first directory, roles and all, only while nobody holds a role; else skipped. */
    seedDirectory: (input: TDirectoryImport, actorId?: string) =>
      seedDirectory(deps, input, actorId),
    changeRole: (actor: TPrincipal, change: TRoleChange) => changeRole(deps, actor, change),
    listDirectoryChanges: (query: TDirectoryChangeQuery) => listDirectoryChanges(deps, query),
    listLeavers: (reader: TPrincipal) => listLeavers(deps, reader),
    /** Cases and tasks to allocate or move, and each possible owner's load (`gate.access` per row). */
    listAllocation: (reader: TPrincipal, options?: { overloadAt?: number | undefined }) =>
      listAllocation(deps, reader, options),
    getVictimRecord: (caseId: string) => getVictimRecord(deps, caseId),
    putVictimRecord: (caseId: string, details: TVictimDetails) =>
      putVictimRecord(deps, caseId, details),
    verifyCase: (caseId: string) => verifyCaseChain(deps.prisma, caseId),
    // The working calendar: coverage, and bank-holiday datasets ops import.
    calendarCoverage: () => calendarCoverage(deps),
    /**
     * Store a bank-holiday file as a new dataset version (nothing when no date changes), then
     * re-plan every running clock whose dates it moves, each as a case event.
     */
    importBankHolidays: async (input: TDatasetImport) => {
      const stored = await storeBankHolidays(deps, input);
      return { ...stored, replan: await replanTimers(deps) };
    },
    /** Re-plan clocks planned under an older dataset (also part of every reconcile). */
    replanTimers: () => replanTimers(deps),
  };
}

export type TEngine = ReturnType<typeof createEngine>;
