import type { Prisma, Tx } from '@ppda/db';
import { timerJobId } from '@ppda/queue';
import type { TActor } from './deps.ts';
import { GENESIS_HASH, hashEvent, hashedFieldsOf } from './hash-chain.ts';

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
  const row = {
    caseId,
    seq,
    type: record.type,
    actorId: record.actor.id,
    actorRole: record.actor.role,
    rationale: record.rationale ?? null,
    ruleId: record.ruleId ?? null,
    payload: record.payload,
    occurredAt: record.occurredAt,
  };
  return tx.caseEvent.create({
    data: { ...row, prevHash, hash: hashEvent(prevHash, hashedFieldsOf(row)) },
  });
}

export interface TTimerRung {
  rung: number;
  kind: 'reminder' | 'due' | 'escalation';
  fireAt: string;
  notify: string[];
}

/** The outbox row for a timer rung's delayed job. */
export function rungJobEntry(timerId: string, rung: TTimerRung): Prisma.OutboxEntryCreateManyInput {
  return {
    kind: 'add-job',
    queue: 'case-timers',
    jobName: 'case.timer.fire',
    jobId: timerJobId(timerId, rung.rung),
    payload: { timerId, rung: rung.rung, fireAt: rung.fireAt },
    fireAt: new Date(rung.fireAt),
  };
}

/** Queue a delayed job for a timer's rung, in the same transaction as the timer row. */
export async function enqueueRung(tx: Tx, timerId: string, rung: TTimerRung): Promise<bigint> {
  return (await tx.outboxEntry.create({ data: rungJobEntry(timerId, rung) })).id;
}
