import type { TEngine } from '@ppda/engine';

/** A clock's rule as people read it: its title and legal source from the policy pack in use. */
export function ruleOf(engine: TEngine, ruleId: string) {
  const rule = engine.deps.policy.rules.find((candidate) => candidate.id === ruleId);
  return rule
    ? { id: rule.id, title: rule.title, source: rule.source, kind: rule.kind }
    : { id: ruleId, title: ruleId, source: '', kind: 'policy' as const };
}

export function ruleTitle(engine: TEngine, ruleId: string): string {
  return ruleOf(engine, ruleId).title;
}
