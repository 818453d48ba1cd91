import { englandAndWales, type TDuration, type WorkingCalendar } from '@ppda/calendar';
import {
  type AnyActorScope,
  createActor,
  getNextTransitions,
  initialTransition,
  type SnapshotFrom,
} from 'xstate';
import { clockDutyOf } from './clock-duties.ts';
import { DECISION_TYPES, type TCaseEvent, type TCaseInput, type TDecisionType } from './events.ts';
import { checkGates, closureBlockers, type TGateId } from './gates.ts';
import { MACHINE_VERSION, ppdaCaseMachine, type TStateMeta } from './machine.ts';
import { migrateSnapshot } from './migrations/index.ts';
import { ruleOf, WHILE_OPEN_CLOCKS } from './state-clocks.ts';

export type TCaseSnapshot = SnapshotFrom<typeof ppdaCaseMachine>;

/** A case's first snapshot, from the report. */
export function startCase(input: TCaseInput): TCaseSnapshot {
  return initialTransition(ppdaCaseMachine, input)[0];
}

/** Rebuild a live snapshot from its persisted JSON, migrating it from an older machine version. */
export function restoreCase(persisted: unknown, machineVersion = MACHINE_VERSION): TCaseSnapshot {
  const current = migrateSnapshot(persisted, machineVersion);
  // biome-ignore lint/suspicious/noExplicitAny: persisted JSON is checked by resolveState
  return ppdaCaseMachine.resolveState(current as any);
}

export function persistCase(snapshot: TCaseSnapshot): unknown {
  return ppdaCaseMachine.getPersistedSnapshot(snapshot);
}

/**
 * XState's `transition()` builds a fresh inert actor (computing the machine's whole initial
 * state) on every call: a third of what a decision's transition cost. The machine is pure (no
 * children, no delayed events; its raises are queued within the step), so one scope serves
 * every step: like `transition()` it executes no action, and it drops what would be deferred,
 * as an inert actor never runs its deferred work.
 */
const inert = createActor(ppdaCaseMachine, {
  input: { reference: 'inert', receivedAt: new Date(0).toISOString() },
});
const PURE_SCOPE: AnyActorScope = {
  self: inert,
  id: inert.id,
  sessionId: inert.sessionId,
  logger: () => {},
  system: inert.system,
  defer: () => {},
  emit: () => {},
  stopChild: () => {},
  actionExecutor: () => {},
};

export type TApplyResult =
  | { ok: true; next: TCaseSnapshot }
  | { ok: false; refusal: { gate: TGateId | 'state'; reason: string } };

/**
 * Apply one event purely. A refusal names the gate (or `state` when the case is not at a
 * point that takes the event) and a reason a person can act on.
 */
export function applyEvent(
  snapshot: TCaseSnapshot,
  event: TCaseEvent,
  /** The engine's working calendar, for gates that count working days. */
  calendar: WorkingCalendar = englandAndWales,
): TApplyResult {
  const refuse = (gate: TGateId | 'state', reason: string): TApplyResult => ({
    ok: false,
    refusal: { gate, reason },
  });
  const notNow = () =>
    refuse('state', `${event.type} is not expected while the case is ${describeState(snapshot)}.`);
  if (!getNextTransitions(snapshot).some((candidate) => candidate.eventType === event.type)) {
    return notNow();
  }
  const gate = checkGates(event, snapshot.context, calendar);
  if (!gate.ok) return refuse(gate.gate, gate.reason);
  if (event.type === 'CASE_CLOSED') {
    const running = activeClocks(snapshot)
      .map((clock) => clock.ruleId)
      .filter((ruleId) => !WHILE_OPEN_CLOCKS.includes(ruleId));
    const blockers = [
      ...closureBlockers(snapshot.context),
      ...(running.length > 0 ? [`clocks still running: ${running.join(', ')}`] : []),
    ];
    if (blockers.length > 0)
      return refuse('gate.closure', `The case cannot close yet: ${blockers.join('; ')}.`);
  }
  if (!snapshot.can(event)) return notNow();
  return { ok: true, next: ppdaCaseMachine.transition(snapshot, event, PURE_SCOPE) };
}

/** A clock the case's active states run, with its per-case settings. */
export interface TActiveClock {
  ruleId: string;
  /** Changes when the clock is re-based: a new key means a new timer. */
  key: string;
  anchorAt?: string;
  duration?: TDuration;
  /** The decision that meets the clock: whoever may take it owes the clock (`CLOCK_DUTIES`). */
  duty?: TDecisionType;
  paused: boolean;
}

/** The clocks declared on the active states (`meta.clocks`), and which of them are paused. */
export function activeClocks(snapshot: TCaseSnapshot): TActiveClock[] {
  const metas = Object.values(snapshot.getMeta()) as (TStateMeta | undefined)[];
  const paused = new Set(metas.flatMap((meta) => meta?.pauses ?? []));
  const clocks = new Map<string, TActiveClock>();
  for (const declaration of metas.flatMap((meta) => meta?.clocks ?? [])) {
    const ruleId = ruleOf(declaration);
    const settings = snapshot.context.clocks[ruleId] ?? { epoch: 0 };
    clocks.set(ruleId, {
      ruleId,
      key: `${ruleId}#${settings.epoch}`,
      ...(settings.anchorAt ? { anchorAt: settings.anchorAt } : {}),
      ...(settings.duration ? { duration: settings.duration } : {}),
      ...dutyOf(declaration),
      paused: paused.has(ruleId),
    });
  }
  return [...clocks.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId));
}

function dutyOf(declaration: string | { rule: string; duty: TDecisionType }) {
  const duty = typeof declaration === 'string' ? clockDutyOf(declaration) : declaration.duty;
  return duty ? { duty } : {};
}

/** e.g. `recording: recorded; referral: decisionDue; …` for the regions of an open case. */
export function describeState(snapshot: TCaseSnapshot): string {
  const value = snapshot.value as string | { open?: Record<string, unknown> };
  if (typeof value === 'string' || !value.open)
    return String(typeof value === 'string' ? value : 'closed');
  return Object.entries(value.open)
    .map(([region, state]) => `${region}: ${flatten(state)}`)
    .join('; ');
}

function flatten(state: unknown): string {
  if (typeof state === 'string') return state;
  return Object.entries(state as Record<string, unknown>)
    .map(([name, child]) => `${name}.${flatten(child)}`)
    .join(' + ');
}

/**
 * The decision types the case is at a point to take now (the machine has a transition for
 * them), before gates: what a work surface offers. `applyEvent` still decides.
 */
export function acceptedDecisionTypes(snapshot: TCaseSnapshot): TDecisionType[] {
  const accepted = new Set(getNextTransitions(snapshot).map((candidate) => candidate.eventType));
  return DECISION_TYPES.filter((type) => accepted.has(type));
}
