import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import type { TCaseEvent, TCaseInput } from './events.ts';
import { checkGates, type TGateResult } from './gates.ts';
import { ppdaCaseMachine, type TStateMeta } from './machine.ts';

export type TCaseSnapshot = SnapshotFrom<typeof ppdaCaseMachine>;

/** A case's first snapshot, from the report. */
export function startCase(input: TCaseInput): TCaseSnapshot {
  return initialTransition(ppdaCaseMachine, input)[0];
}

/** Rebuild a live snapshot from its persisted JSON. */
export function restoreCase(persisted: unknown): TCaseSnapshot {
  // biome-ignore lint/suspicious/noExplicitAny: persisted JSON is checked by resolveState
  return ppdaCaseMachine.resolveState(persisted as any);
}

export function persistCase(snapshot: TCaseSnapshot): unknown {
  return ppdaCaseMachine.getPersistedSnapshot(snapshot);
}

export type TApplyResult =
  | { ok: true; next: TCaseSnapshot }
  | { ok: false; refusal: { gate: string; reason: string } };

/**
 * Apply one event purely. A refusal names the gate (or `state` when the case is not at a
 * point that takes the event) and a reason a person can act on.
 */
export function applyEvent(snapshot: TCaseSnapshot, event: TCaseEvent): TApplyResult {
  const gate: TGateResult = checkGates(event);
  if (!gate.ok) return { ok: false, refusal: { gate: gate.gate, reason: gate.reason } };
  if (!snapshot.can(event)) {
    return {
      ok: false,
      refusal: {
        gate: 'state',
        reason: `${event.type} is not expected while the case is ${describeState(snapshot)}.`,
      },
    };
  }
  return { ok: true, next: transition(ppdaCaseMachine, snapshot, event)[0] };
}

/** Rule ids of the clocks declared on the active states. */
export function activeClocks(snapshot: TCaseSnapshot): string[] {
  const clocks = new Set<string>();
  for (const meta of Object.values(snapshot.getMeta()) as TStateMeta[]) {
    for (const ruleId of meta?.clocks ?? []) clocks.add(ruleId);
  }
  return [...clocks].sort();
}

/** e.g. `recording: recorded; referral: decisionDue; severity: assessmentDue`. */
export function describeState(snapshot: TCaseSnapshot): string {
  const value = snapshot.value as Record<string, unknown>;
  return Object.entries(value)
    .map(
      ([region, state]) =>
        `${region}: ${typeof state === 'string' ? state : JSON.stringify(state)}`,
    )
    .join('; ');
}
