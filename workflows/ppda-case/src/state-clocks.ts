import { type AnyStateMachine, type AnyStateNode, not, or, stateIn } from 'xstate';
import type { TClockDeclaration, TStateMeta } from './machine-setup.ts';

/** Clocks that run for as long as the case is open and end with it. */
export const WHILE_OPEN_CLOCKS: readonly string[] = [
  'investigation.overrun-report',
  'oversight.board-review',
];

export const ruleOf = (clock: TClockDeclaration): string =>
  typeof clock === 'string' ? clock : clock.rule;

/** Every state node of a machine that declares clocks, with the rule ids it runs. */
export function clockStateNodes(machine: AnyStateMachine): { id: string; rules: string[] }[] {
  const found: { id: string; rules: string[] }[] = [];
  const visit = (node: AnyStateNode) => {
    const meta = node.meta as TStateMeta | undefined;
    if (meta?.clocks?.length) found.push({ id: node.id, rules: meta.clocks.map(ruleOf) });
    for (const child of Object.values(node.states) as AnyStateNode[]) visit(child);
  };
  visit(machine.root);
  return found;
}

/** A guard true only when no state that runs a closure-blocking clock is active. */
export function noClockRunningIn(machine: AnyStateMachine) {
  const blocking = clockStateNodes(machine)
    .filter((node) => node.rules.some((rule) => !WHILE_OPEN_CLOCKS.includes(rule)))
    .map((node) => stateIn(`#${node.id}`));
  return not(or(blocking));
}
