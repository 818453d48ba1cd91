import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { ppdaCaseMachine, type TStateMeta } from './machine.ts';
import { defaultPolicyPack } from './policy-pack.ts';

function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(allStateNodes)];
}

const nodes = allStateNodes(ppdaCaseMachine.root);

describe('ppdaCaseMachine', () => {
  it('walks every state node (three regions and their states)', () => {
    expect(nodes.map((node) => node.id)).toEqual(
      expect.arrayContaining([
        'ppda-case.recording.awaitingRecord',
        'ppda-case.referral.decisionDue',
        'ppda-case.severity.assessmentDue',
      ]),
    );
    expect(nodes).toHaveLength(13);
  });

  it('has no `after` delays anywhere: clocks are run by the engine', () => {
    const delayed = nodes.filter(
      (node) => node.config.after !== undefined || node.after.length > 0,
    );
    expect(delayed.map((node) => node.id)).toEqual([]);
  });

  it('declares only clocks that exist in the default policy pack', () => {
    const ruleIds = new Set(defaultPolicyPack.rules.map((rule) => rule.id));
    const declared = nodes.flatMap((node) => (node.meta as TStateMeta | undefined)?.clocks ?? []);
    expect(declared.sort()).toEqual(['iopc.referral', 'record.decision', 'severity.assessment']);
    expect(declared.filter((ruleId) => !ruleIds.has(ruleId))).toEqual([]);
  });
});
