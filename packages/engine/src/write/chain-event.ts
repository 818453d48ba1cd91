import type { TQueueName } from '@ppda/queue';
import { timerJobId } from '@ppda/queue';
import type { TActor } from '../runtime/deps.ts';
import { hashEvent, hashedFieldsOf } from './hash-chain.ts';

export interface TEventRecord {
  type: string;
  actor: TActor;
  rationale?: string | null;
  ruleId?: string | null;
  payload: unknown;
  occurredAt: Date;
}

/** The newest event of a case: the next one chains to it. */
export interface TChainHead {
  headSeq: number;
  headHash: string;
}

/** The next hash-chained event row of a case, and the head it leaves. */
export function chainEvent(caseId: string, head: TChainHead, record: TEventRecord) {
  const row = {
    caseId,
    seq: head.headSeq + 1,
    type: record.type,
    actorId: record.actor.id,
    actorRole: record.actor.role,
    rationale: record.rationale ?? null,
    ruleId: record.ruleId ?? null,
    payload: record.payload,
    occurredAt: record.occurredAt,
  };
  const hash = hashEvent(head.headHash, hashedFieldsOf(row));
  return {
    event: { ...row, prevHash: head.headHash, hash },
    head: { headSeq: row.seq, headHash: hash } satisfies TChainHead,
  };
}

export interface TTimerRung {
  rung: number;
  kind: 'reminder' | 'due' | 'escalation';
  fireAt: string;
  notify: string[];
}

/** An outbox row: a job to add or remove once the write has committed. */
export interface TOutboxRow {
  kind: 'add-job' | 'remove-job';
  queue: TQueueName;
  jobName: string;
  jobId: string;
  payload: Record<string, unknown>;
  fireAt: Date | null;
}

/** The outbox row for a timer rung's delayed job. */
export function rungJobEntry(timerId: string, rung: TTimerRung): TOutboxRow {
  return {
    kind: 'add-job',
    queue: 'case-timers',
    jobName: 'case.timer.fire',
    jobId: timerJobId(timerId, rung.rung),
    payload: { timerId, rung: rung.rung, fireAt: rung.fireAt },
    fireAt: new Date(rung.fireAt),
  };
}
