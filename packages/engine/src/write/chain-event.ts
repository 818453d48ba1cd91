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

/** `MATTER_RECORDED` → `matter.recorded`: commands are imperative, the record states facts. */
export function eventTypeOf(decisionType: string): string {
  return decisionType.toLowerCase().replaceAll('_', '.');
}
