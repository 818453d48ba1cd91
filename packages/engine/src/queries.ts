import { AppError } from '@ppda/domain';
import { describeState, restoreCase } from '@ppda/ppda-case';
import { decideOnCase, type TPrincipal } from './access.ts';
import type { TTimerRung } from './case-transaction.ts';
import type { TEngineDeps } from './deps.ts';

export async function getCaseView(deps: TEngineDeps, caseId: string) {
  const row = await deps.prisma.case.findUnique({ where: { id: caseId } });
  if (!row) throw new AppError('not-found', `no case ${caseId}`);
  const snapshot = restoreCase(row.snapshot, row.machineVersion);
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
    clocks: await listClocks(deps, caseId, { runningOnly: true }),
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
    const ladder = timer.ladder as unknown as TTimerRung[];
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
    };
  });
}

/** A person's open tasks; given a `viewer`, only those on cases the viewer may read. */
export async function listOpenTasks(deps: TEngineDeps, personId: string, viewer?: TPrincipal) {
  const all = await deps.prisma.task.findMany({
    where: { assigneeId: personId, status: 'open' },
    orderBy: { dueAt: 'asc' },
    include: { case: { select: { reference: true } } },
  });
  const readable = new Map<string, boolean>();
  if (viewer) {
    for (const caseId of new Set(all.map((task) => task.caseId))) {
      readable.set(caseId, (await decideOnCase(deps, viewer, caseId, 'case.read')).allowed);
    }
  }
  const tasks = viewer ? all.filter((task) => readable.get(task.caseId)) : all;
  return tasks.map((task) => ({
    taskId: task.id,
    caseId: task.caseId,
    caseReference: task.case.reference,
    ruleId: task.ruleId,
    title: task.title,
    dueAt: task.dueAt.toISOString(),
    overdue: task.dueAt.getTime() < deps.clock.now().getTime(),
  }));
}

async function assertCaseExists(deps: TEngineDeps, caseId: string) {
  const found = await deps.prisma.case.findUnique({ where: { id: caseId }, select: { id: true } });
  if (!found) throw new AppError('not-found', `no case ${caseId}`);
}
