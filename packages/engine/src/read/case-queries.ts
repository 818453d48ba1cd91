import {
  ACTING_BASIS_TEXT,
  checkDecisionRights,
  type TActing,
  vettingAuthorityOf,
} from '@ppda/access';
import { Prisma } from '@ppda/db';
import { AppError } from '@ppda/domain';
import {
  activeClocks,
  clockDutyOf,
  describeState,
  explainProvisions,
  explainVersion,
  resolveRule,
  restoreCase,
  type TCaseLaw,
  versionKeyOf,
} from '@ppda/ppda-case';
import {
  activeAssignmentsColumn,
  mayReadListed,
  type TPrincipal,
  vettingRouteOpenColumn,
} from '../access/authorize.ts';
import {
  loadSubjectContext,
  subjectContextColumns,
  type TSubjectContextColumns,
  toSubjectContext,
} from '../access/case-parties.ts';
import type { TEngineDeps } from '../runtime/deps.ts';
import { parseLadder } from '../timers/rung.ts';

export async function getCaseView(deps: TEngineDeps, caseId: string) {
  const row = await deps.prisma.case.findUnique({ where: { id: caseId } });
  if (!row) throw new AppError('not-found', `no case ${caseId}`);
  const snapshot = restoreCase(row.snapshot, row.machineVersion);
  const { actingFor } = (await loadSubjectContext(deps.sql, row.subjectId)).parties;
  const shown = (acting: TActing | null) =>
    acting && { ...acting, about: ACTING_BASIS_TEXT[acting.basis] };
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    version: row.version,
    machine: { id: row.machineId, version: row.machineVersion },
    state: snapshot.value,
    summary: describeState(snapshot),
    overdue: snapshot.context.overdue,
    reportedAt: row.reportedAt.toISOString(),
    ownerId: row.ownerId,
    supervisorId: row.supervisorId,
    subjectId: row.subjectId,
    /** Who acts for the case now (rules.md "Who acts for the case"): null is nobody (alerted). */
    actingFor: {
      appropriateAuthority: shown(actingFor.appropriateAuthority),
      headOfPsd: shown(actingFor.headOfPsd),
      vettingAuthority: shown(vettingAuthorityOf(actingFor)),
    },
    clocks: await listClocks(deps, caseId, { runningOnly: true }),
    law: lawView(
      deps,
      snapshot.context.law,
      activeClocks(snapshot).map((clock) => clock.ruleId),
    ),
  };
}

/**
 * The law on the day (rules.md): the dates that decide the case's rules, and which version of
 * each running rule and each provision (gate, option) applies, and why.
 */
function lawView(deps: TEngineDeps, law: TCaseLaw, runningRuleIds: string[]) {
  return {
    conductDate: law.conductDate,
    conductDateSource: law.conductDateSource,
    allegationDate: law.allegationDate,
    packVersion: law.packVersion,
    /** Rule id → the version key the case recorded at report (`id@appliesFrom`). */
    ruleVersions: law.ruleVersions,
    rules: runningRuleIds.map((ruleId) => {
      const rule = resolveRule(deps.policy, ruleId, law);
      return {
        ...explainVersion(rule, law, law.ruleVersions[ruleId] === versionKeyOf(rule)),
        duration: rule.duration,
      };
    }),
    provisions: explainProvisions(deps.policy, law),
  };
}

export async function listCaseEvents(deps: TEngineDeps, caseId: string) {
  await assertCaseExists(deps, caseId);
  const events = await deps.prisma.caseEvent.findMany({
    where: { caseId },
    orderBy: { seq: 'asc' },
  });
  return events.map((event) => ({
    seq: event.seq,
    type: event.type,
    actorId: event.actorId,
    actorRole: event.actorRole,
    rationale: event.rationale,
    ruleId: event.ruleId,
    payload: event.payload,
    occurredAt: event.occurredAt.toISOString(),
    hash: event.hash,
  }));
}

export async function listClocks(deps: TEngineDeps, caseId: string, { runningOnly = false } = {}) {
  const timers = await deps.prisma.timer.findMany({
    where: { caseId, ...(runningOnly ? { status: { in: ['armed', 'overdue'] } } : {}) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return timers.map((timer) => {
    const ladder = parseLadder(timer.ladder);
    return {
      timerId: timer.id,
      ruleId: timer.ruleId,
      status: timer.status,
      anchorAt: timer.anchorAt.toISOString(),
      dueAt: timer.dueAt.toISOString(),
      nextRung: ladder[timer.nextRung] ?? null,
      ladder,
      stoppedAt: timer.stoppedAt?.toISOString() ?? null,
      stoppedBy: timer.stoppedBy,
      /** Its due date or a rung relied on bank holidays projected by rule, not published. */
      projected: timer.projected,
      /** The bank-holiday dataset version it was planned with (0: the shipped data). */
      calendarVersion: timer.calendarVersion,
    };
  });
}

/** The law a case runs (`context.law`): to read its rules as the case runs them. */
export async function getCaseLaw(deps: TEngineDeps, caseId: string): Promise<TCaseLaw> {
  const row = await deps.prisma.case.findUnique({
    where: { id: caseId },
    select: { snapshot: true, machineVersion: true },
  });
  if (!row) throw new AppError('not-found', `no case ${caseId}`);
  return restoreCase(row.snapshot, row.machineVersion).context.law;
}

/**
 * A person's open tasks, soonest due first; given a `viewer`, only those on cases the viewer
 * may read, each decided by `gate.access` as opening the case would be. One query.
 */
export async function listOpenTasks(deps: TEngineDeps, personId: string, viewer?: TPrincipal) {
  const rows = await deps.sql.query<
    {
      id: string;
      caseId: string;
      reference: string;
      ruleId: string;
      title: string;
      dueAt: Date;
      subjectId: string | null;
      assignments: string[];
      vettingRouteOpen: boolean;
    } & TSubjectContextColumns
  >(Prisma.sql`SELECT k.id, k."caseId", c.reference, k."ruleId", k.title, k."dueAt",
      c."subjectId", ${activeAssignmentsColumn(viewer?.id ?? personId)} AS assignments,
      ${vettingRouteOpenColumn} AS "vettingRouteOpen",
      ${subjectContextColumns(Prisma.sql`c."subjectId"`)}
    FROM "Task" k JOIN "Case" c ON c.id = k."caseId"
    WHERE k."assigneeId" = ${personId} AND k.status = 'open'
    ORDER BY k."dueAt", k.id`);
  const now = deps.clock.now().getTime();
  return rows
    .filter((row) => !viewer || mayReadListed(viewer, row))
    .map((row) => {
      // The decision that meets the task's clock, and whether the viewer holds its right on
      // this case (the same `checkDecisionRights` the command runs): a work surface links
      // straight to its form. The command still decides (gates, the state of the case).
      const decisionType = clockDutyOf(row.ruleId);
      const mayDecide = Boolean(
        viewer &&
          decisionType &&
          checkDecisionRights({
            type: decisionType,
            person: viewer,
            parties: toSubjectContext(row.subjectId, row).parties,
          }).ok,
      );
      return {
        taskId: row.id,
        caseId: row.caseId,
        caseReference: row.reference,
        ruleId: row.ruleId,
        title: row.title,
        dueAt: row.dueAt.toISOString(),
        overdue: row.dueAt.getTime() < now,
        decisionType: decisionType ?? null,
        mayDecide,
      };
    });
}

async function assertCaseExists(deps: TEngineDeps, caseId: string) {
  const found = await deps.prisma.case.findUnique({ where: { id: caseId }, select: { id: true } });
  if (!found) throw new AppError('not-found', `no case ${caseId}`);
}
