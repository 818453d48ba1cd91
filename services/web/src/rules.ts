import type { TEngine } from '@ppda/engine';
import { resolveRule, type TLawForRules, type TRule } from '@ppda/ppda-case';

/**
 * A clock's rule as people read it: its title and legal source from the policy pack in use,
 * in the version the case runs (`law`: its deciding dates and the versions it recorded at
 * report, from `GET /cases/:id` or `engine.getCaseLaw`). Without the case's law, a rule with
 * several dated versions has no one title: its id stands in.
 */
export function ruleOf(engine: TEngine, ruleId: string, law?: TLawForRules | null) {
  let rule: TRule | undefined;
  try {
    rule = resolveRule(engine.deps.policy, ruleId, law);
  } catch {
    rule = undefined;
  }
  return rule
    ? { id: rule.id, title: rule.title, source: rule.source, kind: rule.kind }
    : { id: ruleId, title: ruleId, source: '', kind: 'policy' as const };
}

/** The law of each case, read once per case: for pages that list tasks of many cases. */
export async function lawsOf(engine: TEngine, caseIds: string[]) {
  const unique = [...new Set(caseIds)];
  const laws = await Promise.all(unique.map((caseId) => engine.getCaseLaw(caseId)));
  return new Map(unique.map((caseId, index) => [caseId, laws[index]]));
}
