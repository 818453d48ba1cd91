import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { ppdaCaseMachine, type TStateMeta } from './machine.ts';
import { defaultPolicyPack } from './policy-pack.ts';
import { ruleOf } from './state-clocks.ts';

function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(allStateNodes)];
}

const nodes = allStateNodes(ppdaCaseMachine.root);
const metaOf = (node: AnyStateNode) => node.meta as TStateMeta | undefined;
const declaredClocks = nodes.flatMap((node) => (metaOf(node)?.clocks ?? []).map(ruleOf));
const pausedRules = nodes.flatMap((node) => metaOf(node)?.pauses ?? []);

describe('ppdaCaseMachine', () => {
  it('walks every state node: the regions of an open case, then closed', () => {
    expect(Object.keys(ppdaCaseMachine.root.states)).toEqual(['open', 'closed']);
    expect(Object.keys(ppdaCaseMachine.root.states.open!.states)).toEqual([
      'recording',
      'referral',
      'severity',
      'deployment',
      'investigation',
      'conduct',
      'criminal',
      'victim',
      'decision',
      'suspensionDuty',
      'vetting',
      'oversight',
    ]);
    expect(nodes.map((node) => node.id)).toEqual(
      expect.arrayContaining([
        'ppda-case.open.recording.awaitingRecord',
        'ppda-case.open.referral.decisionDue',
        'ppda-case.open.severity.assessmentDue',
        'ppda-case.open.decision.hearing.preHearingDue',
        'ppda-case.closed',
      ]),
    );
  });

  it('has no `after` delays anywhere: clocks are run by the engine', () => {
    const delayed = nodes.filter(
      (node) => node.config.after !== undefined || node.after.length > 0,
    );
    expect(delayed.map((node) => node.id)).toEqual([]);
  });

  it('declares only clocks and pauses that exist in the default policy pack', () => {
    const ruleIds = new Set(defaultPolicyPack.rules.map((rule) => rule.id));
    expect(declaredClocks.length).toBeGreaterThan(20);
    expect([...declaredClocks, ...pausedRules].filter((ruleId) => !ruleIds.has(ruleId))).toEqual(
      [],
    );
  });

  it('pauses only rules the policy pack marks pausable, and only clocks some state runs', () => {
    expect(pausedRules).toEqual(['reg17.notice']);
    const pausable = new Set(
      defaultPolicyPack.rules.filter((rule) => rule.pausable).map((rule) => rule.id),
    );
    expect(pausedRules.filter((ruleId) => !pausable.has(ruleId))).toEqual([]);
    expect(pausedRules.filter((ruleId) => !declaredClocks.includes(ruleId))).toEqual([]);
  });

  it('clears each clock from `overdue` when its state is left', () => {
    // `overdue` is what the audit reads; a state that forgets to clear it reports a met clock.
    const missing = nodes.flatMap((node) =>
      (metaOf(node)?.clocks ?? [])
        .map(ruleOf)
        .filter(
          (ruleId) =>
            !node.exit.some(
              (action) =>
                typeof action === 'object' &&
                action !== null &&
                'type' in action &&
                action.type === 'clearOverdue' &&
                (action as { params?: { ruleId?: string } }).params?.ruleId === ruleId,
            ),
        )
        .map((ruleId) => `${node.id}: ${ruleId}`),
    );
    expect(missing).toEqual([]);
  });
});
