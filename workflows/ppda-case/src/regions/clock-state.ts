import type { caseSetup, TClockDeclaration, TStateMeta } from '../machine-setup.ts';
import { ruleOf } from '../state-clocks.ts';

/** A state config of the case machine, typed by its setup (events, guards, actions, meta). */
type TCaseStateConfig = Parameters<typeof caseSetup.createStateConfig>[0];

/** What a clock state declares: the clocks it runs (at least one) and those it pauses. */
export interface TClockStateSpec {
  clocks: readonly [TClockDeclaration, ...TClockDeclaration[]];
  pauses?: readonly string[];
}

/** Leaving a clock state clears its rule from `overdue` (a new run starts on time). */
const clears = (ruleId: string) => ({ type: 'clearOverdue', params: { ruleId } }) as const;

/**
 * A state that runs clocks. Its `meta.clocks` (what the engine arms while the state is active,
 * and what `gate.closure` waits for) and its `exit` (clearing each of those rules from
 * `overdue`) come from the one list, so neither can be declared without the other.
 */
export function clockState<const T extends Omit<TCaseStateConfig, 'meta' | 'exit'>>(
  config: T & TClockStateSpec,
) {
  const { clocks, pauses, ...rest } = config;
  const meta: TStateMeta = pauses
    ? { clocks: [...clocks], pauses: [...pauses] }
    : { clocks: [...clocks] };
  return { ...rest, meta, exit: clocks.map((clock) => clears(ruleOf(clock))) };
}
