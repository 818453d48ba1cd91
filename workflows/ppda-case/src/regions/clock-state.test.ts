import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { ppdaCaseMachine } from '../machine.ts';
import type { TStateMeta } from '../machine-setup.ts';
import { ruleOf } from '../state-clocks.ts';
import { clockState } from './clock-state.ts';

const allStateNodes = (node: AnyStateNode): AnyStateNode[] => [
  node,
  ...Object.values(node.states).flatMap(allStateNodes),
];

/** The rules a state clears from `overdue` when it is left. */
const clearedOnExit = (node: AnyStateNode) =>
  node.exit.flatMap((action) =>
    typeof action === 'object' &&
    action !== null &&
    'type' in action &&
    action.type === 'clearOverdue'
      ? [(action as { params: { ruleId: string } }).params.ruleId]
      : [],
  );

describe('clockState', () => {
  it('makes meta.clocks and the exit that clears them from one list', () => {
    const state = clockState({
      clocks: ['vetting.notice', { rule: 'suspension.review', duty: 'RESTRICTION_REVIEWED' }],
      pauses: ['reg17.notice'],
      on: { VETTING_NOTICE_SERVED: 'representations' },
    });
    expect(state).toEqual({
      on: { VETTING_NOTICE_SERVED: 'representations' },
      meta: {
        clocks: ['vetting.notice', { rule: 'suspension.review', duty: 'RESTRICTION_REVIEWED' }],
        pauses: ['reg17.notice'],
      },
      exit: [
        { type: 'clearOverdue', params: { ruleId: 'vetting.notice' } },
        { type: 'clearOverdue', params: { ruleId: 'suspension.review' } },
      ],
    });
  });

  it('is how every state of the machine that runs clocks clears them, and only those', () => {
    const nodes = allStateNodes(ppdaCaseMachine.root);
    const out = nodes
      .map((node) => ({
        id: node.id,
        runs: ((node.meta as TStateMeta | undefined)?.clocks ?? []).map(ruleOf),
        clears: clearedOnExit(node),
      }))
      .filter(({ runs, clears }) => runs.length > 0 || clears.length > 0);
    expect(out.length).toBeGreaterThan(30);
    for (const { id, runs, clears } of out) expect(clears, id).toEqual(runs);
  });
});
