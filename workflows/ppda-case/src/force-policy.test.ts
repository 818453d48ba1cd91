import { describe, expect, it } from 'vitest';
import {
  applyForcePolicy,
  PolicyOverrideError,
  type TForcePolicy,
  ZForcePolicy,
} from './force-policy.ts';
import { defaultPolicyPack, findRule } from './policy-pack.ts';

const apply = (rules: TForcePolicy['rules']) =>
  applyForcePolicy(defaultPolicyPack, { force: 'kent', rules });

/** The refusal an override gets, or a failure if it was accepted. */
function refusalOf(rules: TForcePolicy['rules']): PolicyOverrideError {
  try {
    apply(rules);
  } catch (error) {
    if (error instanceof PolicyOverrideError) return error;
    throw error;
  }
  throw new Error('the override was accepted');
}

describe('applyForcePolicy', () => {
  it("applies a policy rule's new duration and ladder, leaving the rest of the pack as it was", () => {
    const ladder = [
      { kind: 'due' as const, workingDaysFromDue: 0, notify: ['head-of-psd' as const] },
    ];
    const pack = apply([
      { id: 'severity.assessment', duration: { amount: 5, unit: 'working-days' }, ladder },
    ]);
    expect(pack.version).toBe(`${defaultPolicyPack.version}+kent`);
    expect(findRule(pack, 'severity.assessment')).toMatchObject({
      duration: { amount: 5, unit: 'working-days' },
      ladder,
    });
    expect(pack.rules.filter((rule) => rule.id !== 'severity.assessment')).toEqual(
      defaultPolicyPack.rules.filter((rule) => rule.id !== 'severity.assessment'),
    );
    // The default pack itself is untouched.
    expect(findRule(defaultPolicyPack, 'severity.assessment').duration).toEqual({
      amount: 2,
      unit: 'working-days',
    });
  });

  it('lets a policy rule change its unit', () => {
    const pack = apply([{ id: 'oversight.board-review', duration: { amount: 2, unit: 'weeks' } }]);
    expect(findRule(pack, 'oversight.board-review').duration).toEqual({ amount: 2, unit: 'weeks' });
  });

  it('accepts a statute rule made stricter', () => {
    const pack = apply([
      { id: 'suspension.confirm-in-writing', duration: { amount: 2, unit: 'working-days' } },
    ]);
    expect(findRule(pack, 'suspension.confirm-in-writing').duration.amount).toBe(2);
  });

  it('refuses a statute duration made longer, naming the rule', () => {
    const refusal = refusalOf([
      { id: 'suspension.confirm-in-writing', duration: { amount: 4, unit: 'working-days' } },
    ]);
    expect(refusal.ruleId).toBe('suspension.confirm-in-writing');
    expect(refusal.message).toBe(
      'force policy override of suspension.confirm-in-writing refused: 4 working-days is longer than the statutory 3',
    );
  });

  it("refuses a statute rule's unit change, even to a shorter-looking one", () => {
    const refusal = refusalOf([
      { id: 'officer.representations', duration: { amount: 10, unit: 'calendar-days' } },
    ]);
    expect(refusal.ruleId).toBe('officer.representations');
    expect(refusal.message).toContain('keeps its unit (working-days)');
  });

  it('refuses a ladder that drops the AA escalation of a statute rule', () => {
    const refusal = refusalOf([
      {
        id: 'iopc.referral',
        ladder: [{ kind: 'due', workingDaysFromDue: 0, notify: ['case-owner', 'supervisor'] }],
      },
    ]);
    expect(refusal.ruleId).toBe('iopc.referral');
    expect(refusal.message).toContain('no longer escalates to the appropriate authority');
  });

  it('refuses a ladder that tells the AA of a missed statute clock later than the default', () => {
    const refusal = refusalOf([
      {
        id: 'iopc.referral',
        ladder: [{ kind: 'escalation', workingDaysFromDue: 1, notify: ['appropriate-authority'] }],
      },
    ]);
    expect(refusal.message).toContain(
      "1 working days after due, later than the statutory ladder's 0",
    );
  });

  it('refuses an unknown rule id', () => {
    const refusal = refusalOf([
      { id: 'no.such-rule', duration: { amount: 1, unit: 'working-days' } },
    ]);
    expect(refusal.ruleId).toBe('no.such-rule');
    expect(refusal.message).toContain('no such rule in the policy pack');
  });

  it('refuses the whole policy when any override is refused', () => {
    expect(() =>
      apply([
        { id: 'severity.assessment', duration: { amount: 5, unit: 'working-days' } },
        { id: 'iopc.referral', duration: { amount: 2, unit: 'calendar-days' } },
      ]),
    ).toThrow(PolicyOverrideError);
  });
});

describe('ZForcePolicy', () => {
  it('refuses any change but duration and ladder (a force cannot make a statute rule policy)', () => {
    const parsed = ZForcePolicy.safeParse({
      force: 'kent',
      rules: [{ id: 'iopc.referral', kind: 'policy' }],
    });
    expect(parsed.success).toBe(false);
  });
});
