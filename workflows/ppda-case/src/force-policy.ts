import { type TDuration, ZDuration } from '@ppda/calendar';
import { z } from 'zod';
import { ladderFor } from './clock-schedule.ts';
import { type TPolicyPack, type TRule, ZPolicyPack, ZRungSpec } from './policy-pack.ts';

/** A force's local policy: changes to rules of the pack, by id. */
export const ZForcePolicy = z.strictObject({
  force: z.string().min(1),
  rules: z.array(
    z.strictObject({
      id: z.string(),
      duration: ZDuration.optional(),
      ladder: z.array(ZRungSpec).min(1).optional(),
    }),
  ),
});
export type TForcePolicy = z.infer<typeof ZForcePolicy>;

export class PolicyOverrideError extends Error {
  override readonly name = 'PolicyOverrideError';
  constructor(
    readonly ruleId: string,
    reason: string,
  ) {
    super(`force policy override of ${ruleId} refused: ${reason}`);
  }
}

function isLooser(original: TDuration, proposed: TDuration): string | null {
  if (original.unit !== proposed.unit) {
    return `a statute clock keeps its unit (${original.unit}); ${proposed.unit} cannot be compared with it`;
  }
  if (proposed.amount > original.amount) {
    return `${proposed.amount} ${proposed.unit} is longer than the statutory ${original.amount}`;
  }
  return null;
}

/** The latest working day (from due) at which the AA hears of a missed clock, if ever. */
const lastAaRung = (ladder: ReturnType<typeof ladderFor>) =>
  Math.max(
    ...ladder
      .filter((rung) => rung.notify.includes('appropriate-authority'))
      .map((rung) => rung.workingDaysFromDue),
  );

/**
 * Apply a force's overrides. Policy rules may change freely; a statute rule may only be
 * tightened: no longer duration, and its escalation to the AA no later and never dropped.
 */
export function applyForcePolicy(pack: TPolicyPack, policy: TForcePolicy): TPolicyPack {
  let rules = [...pack.rules];
  for (const override of policy.rules) {
    if (!rules.some((rule) => rule.id === override.id)) {
      throw new PolicyOverrideError(override.id, 'no such rule in the policy pack');
    }
    // An override reaches every dated version of the rule; each statute version is checked
    // on its own, so no version of the law is ever loosened.
    rules = rules.map((rule) => (rule.id === override.id ? overridden(rule, override) : rule));
  }
  return ZPolicyPack.parse({
    version: `${pack.version}+${policy.force}`,
    rules,
    provisions: pack.provisions,
  });
}

function overridden(rule: TRule, override: TForcePolicy['rules'][number]): TRule {
  {
    const next: TRule = {
      ...rule,
      ...(override.duration ? { duration: override.duration } : {}),
      ...(override.ladder ? { ladder: override.ladder } : {}),
    };
    if (rule.kind === 'statute') {
      const looser = override.duration ? isLooser(rule.duration, override.duration) : null;
      if (looser) throw new PolicyOverrideError(rule.id, looser);
      const before = lastAaRung(ladderFor(rule));
      const after = lastAaRung(ladderFor(next));
      if (Number.isFinite(before) && !(Number.isFinite(after) && after <= before)) {
        throw new PolicyOverrideError(
          rule.id,
          Number.isFinite(after)
            ? `the AA would hear ${after} working days after due, later than the statutory ladder's ${before}`
            : 'the ladder no longer escalates to the appropriate authority',
        );
      }
    }
    return next;
  }
}
