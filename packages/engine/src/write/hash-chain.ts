import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a case event that its hash covers. */
export interface THashedEvent {
  caseId: string;
  seq: number;
  type: string;
  actorId: string;
  actorRole: string;
  rationale: string | null;
  ruleId: string | null;
  payload: unknown;
  occurredAt: string;
}

/** Each event's hash covers the previous hash, so an edit anywhere breaks every later link. */
export function hashEvent(prevHash: string, event: THashedEvent): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalize(event) ?? '')
    .digest('hex');
}

/** A stored (or about to be stored) event row, reduced to exactly what its hash covers. */
export function hashedFieldsOf(
  row: Omit<THashedEvent, 'occurredAt'> & { occurredAt: Date },
): THashedEvent {
  return {
    caseId: row.caseId,
    seq: row.seq,
    type: row.type,
    actorId: row.actorId,
    actorRole: row.actorRole,
    rationale: row.rationale,
    ruleId: row.ruleId,
    payload: row.payload,
    occurredAt: row.occurredAt.toISOString(),
  };
}
