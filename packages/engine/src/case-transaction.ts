import type { Prisma, Tx } from '@ppda/db';
import { findRule, scheduleClock } from '@ppda/ppda-case';
import { timerJobId } from '@ppda/queue';
import type { TActor, TEngineDeps } from './deps.ts';
import { GENESIS_HASH, hashEvent } from './hash-chain.ts';

export interface TEventRecord {
  type: string;
  actor: TActor;
  rationale?: string | null;
  ruleId?: string | null;
  payload: Prisma.InputJsonValue;
  occurredAt: Date;
}

/** Append one hash-chained event to a case's record. */
export async function appendCaseEvent(tx: Tx, caseId: string, record: TEventRecord) {
  const last = await tx.caseEvent.findFirst({
    where: { caseId },
    orderBy: { seq: 'desc' },
    select: { seq: true, hash: true },
  });
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hashed = {
    caseId,
    seq,
    type: record.type,
    actorId: record.actor.id,
    actorRole: record.actor.role,
    rationale: record.rationale ?? null,
    ruleId: record.ruleId ?? null,
    payload: record.payload,
    occurredAt: record.occurredAt.toISOString(),
  };
  return tx.caseEvent.create({
    data: {
      ...hashed,
      occurredAt: record.occurredAt,
      prevHash,
      hash: hashEvent(prevHash, hashed),
    },
  });
}

export interface TTimerRung {
  rung: number;
  kind: 'reminder' | 'due' | 'escalation';
  fireAt: string;
  notify: string[];
}

/** Queue a delayed job for a timer's rung, in the same transaction as the timer row. */
export async function enqueueRung(tx: Tx, timerId: string, rung: TTimerRung): Promise<bigint> {
  const entry = await tx.outboxEntry.create({
    data: {
      kind: 'add-job',
      queue: 'case-timers',
      jobName: 'case.timer.fire',
      jobId: timerJobId(timerId, rung.rung),
      payload: { timerId, rung: rung.rung, fireAt: rung.fireAt },
      fireAt: new Date(rung.fireAt),
    },
  });
  return entry.id;
}

/**
 * Arm the clocks that became active and stop those that ended: timer rows, tasks and
 * queue operations (through the outbox) in the caller's transaction.
 */
export async function applyClockChanges(
  deps: TEngineDeps,
  tx: Tx,
  change: {
    caseId: string;
    ownerId: string;
    before: string[];
    after: string[];
    anchorAt: Date;
    cause: string;
  },
): Promise<bigint[]> {
  const outboxIds: bigint[] = [];
  const stopped = change.before.filter((ruleId) => !change.after.includes(ruleId));
  const started = change.after.filter((ruleId) => !change.before.includes(ruleId));

  for (const ruleId of stopped) {
    const timers = await tx.timer.findMany({
      where: { caseId: change.caseId, ruleId, status: 'armed' },
    });
    for (const timer of timers) {
      await tx.timer.update({
        where: { id: timer.id },
        data: {
          status: 'met',
          stoppedAt: change.anchorAt,
          stoppedBy: change.cause,
          nextFireAt: null,
        },
      });
      await tx.task.updateMany({
        where: { timerId: timer.id, status: 'open' },
        data: { status: 'done', closedAt: change.anchorAt },
      });
      const entry = await tx.outboxEntry.create({
        data: {
          kind: 'remove-job',
          queue: 'case-timers',
          jobName: 'case.timer.fire',
          jobId: timerJobId(timer.id, timer.nextRung),
          payload: {},
        },
      });
      outboxIds.push(entry.id);
    }
  }

  for (const ruleId of started) {
    const rule = findRule(deps.policy, ruleId);
    const schedule = scheduleClock(rule, change.anchorAt, deps.calendar);
    const generation = (await tx.timer.count({ where: { caseId: change.caseId, ruleId } })) + 1;
    const timerId = `tm.${change.caseId}.${ruleId}.${generation}`;
    const ladder: TTimerRung[] = schedule.rungs.map((rung) => ({
      rung: rung.rung,
      kind: rung.kind,
      fireAt: rung.fireAt.toISOString(),
      notify: rung.notify,
    }));
    const first = ladder[0]!;
    await tx.timer.create({
      data: {
        id: timerId,
        caseId: change.caseId,
        ruleId,
        generation,
        status: 'armed',
        anchorAt: change.anchorAt,
        dueAt: schedule.dueAt,
        ladder: ladder as unknown as Prisma.InputJsonValue,
        nextRung: 0,
        nextFireAt: new Date(first.fireAt),
      },
    });
    await tx.task.create({
      data: {
        id: `task.${timerId}`,
        caseId: change.caseId,
        timerId,
        ruleId,
        assigneeId: change.ownerId,
        title: rule.title,
        dueAt: schedule.dueAt,
        status: 'open',
        openedAt: change.anchorAt,
      },
    });
    outboxIds.push(await enqueueRung(tx, timerId, first));
  }
  return outboxIds;
}
