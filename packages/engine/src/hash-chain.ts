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
