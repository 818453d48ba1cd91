import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashEvent, type THashedEvent } from './hash-chain.ts';

const event: THashedEvent = {
  caseId: 'case-1',
  seq: 1,
  type: 'allegation.recorded',
  actorId: 'psd-1',
  actorRole: 'psd-supervisor',
  rationale: 'Recorded as a conduct matter.',
  ruleId: null,
  payload: {
    asConductMatter: true,
    asComplaint: false,
    criteria: ['serious-assault', 'chief-officer'],
  },
  occurredAt: '2025-03-03T10:00:00.000Z',
};

describe('GENESIS_HASH', () => {
  it('is 64 zeros', () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });
});

describe('hashEvent', () => {
  it('is a sha-256 hex digest, the same for the same input', () => {
    const hash = hashEvent(GENESIS_HASH, event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEvent(GENESIS_HASH, structuredClone(event))).toBe(hash);
  });

  it('does not depend on key order (canonical JSON)', () => {
    const reordered = {
      payload: {
        criteria: ['serious-assault', 'chief-officer'],
        asComplaint: false,
        asConductMatter: true,
      },
      occurredAt: event.occurredAt,
      ruleId: event.ruleId,
      rationale: event.rationale,
      actorRole: event.actorRole,
      actorId: event.actorId,
      type: event.type,
      seq: event.seq,
      caseId: event.caseId,
    };
    expect(hashEvent(GENESIS_HASH, reordered)).toBe(hashEvent(GENESIS_HASH, event));
  });

  it.each<[string, Partial<THashedEvent>]>([
    ['caseId', { caseId: 'case-2' }],
    ['seq', { seq: 2 }],
    ['type', { type: 'allegation.amended' }],
    ['actorId', { actorId: 'psd-2' }],
    ['actorRole', { actorRole: 'head-of-psd' }],
    ['rationale', { rationale: null }],
    ['ruleId', { ruleId: 'record.decision' }],
    ['payload', { payload: { ...(event.payload as object), asComplaint: true } }],
    [
      'payload array order',
      { payload: { ...(event.payload as object), criteria: ['chief-officer', 'serious-assault'] } },
    ],
    ['occurredAt', { occurredAt: '2025-03-03T10:00:00.001Z' }],
  ])('changes when %s changes', (_field, change) => {
    expect(hashEvent(GENESIS_HASH, { ...event, ...change })).not.toBe(
      hashEvent(GENESIS_HASH, event),
    );
  });

  it('changes when the previous hash changes, so links chain', () => {
    const first = hashEvent(GENESIS_HASH, event);
    const second = hashEvent(first, { ...event, seq: 2 });
    expect(second).not.toBe(hashEvent(GENESIS_HASH, { ...event, seq: 2 }));
    expect(hashEvent('f'.repeat(64), event)).not.toBe(first);
  });
});
