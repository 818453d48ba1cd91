import { describe, expect, it } from 'vitest';
import { defaultPolicyPack, findRule, type TRuleInput, ZPolicyPack } from './policy-pack.ts';

/** A rule as a pack file gives it: `pausable` may be left out. */
const rule: TRuleInput = {
  id: 'record.decision',
  title: 'Record the allegation',
  kind: 'policy',
  source: 'Force policy',
  anchor: 'allegation received',
  actor: 'PSD',
  duration: { amount: 1, unit: 'working-days' },
  counting: 'from-next-working-day',
};

describe('ZPolicyPack', () => {
  it('accepts a well-formed pack; a rule is not pausable unless it says so', () => {
    const parsed = ZPolicyPack.safeParse({ version: 'v1', rules: [rule] });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.rules[0]?.pausable).toBe(false);
  });

  it('refuses two versions of a rule whose dates overlap, naming it', () => {
    const result = ZPolicyPack.safeParse({
      version: 'v1',
      rules: [rule, { ...rule, title: 'again' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.path).toEqual(['rules', 1, 'appliesFrom']);
    expect(result.error?.issues[0]?.message).toContain('versions of record.decision overlap');
  });

  it.each(['Record.Decision', 'record', 'record..decision', 'record decision', '.record'])(
    'refuses the malformed rule id %j',
    (id) => {
      const result = ZPolicyPack.safeParse({ version: 'v1', rules: [{ ...rule, id }] });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['rules', 0, 'id']);
    },
  );
});

describe('defaultPolicyPack', () => {
  it('names a source for every rule', () => {
    expect(defaultPolicyPack.rules.length).toBeGreaterThan(0);
    for (const { id, source } of defaultPolicyPack.rules) {
      expect(source.trim(), id).not.toBe('');
    }
  });

  it('marks the statutory referral clock as statute and 1 calendar day', () => {
    const referral = findRule(defaultPolicyPack, 'iopc.referral');
    expect(referral.kind).toBe('statute');
    expect(referral.duration).toEqual({ amount: 1, unit: 'calendar-days' });
    expect(referral.source).toContain('Police (Complaints and Misconduct) Regulations 2020');
  });
});

describe('defaultPolicyPack kinds', () => {
  it('holds every clock of rules.md, with its kind', () => {
    const kinds = Object.fromEntries(defaultPolicyPack.rules.map(({ id, kind }) => [id, kind]));
    expect(kinds).toMatchObject({
      'record.decision': 'policy',
      'iopc.referral': 'statute',
      'severity.assessment': 'policy',
      'suspension.confirm-in-writing': 'statute',
      'suspension.representations': 'statute',
      'suspension.review': 'statute',
      'investigator.appointment': 'policy',
      'reg17.notice': 'policy',
      'officer.representations': 'statute',
      'interview.alternative-date': 'statute',
      'investigation.overrun-report': 'statute',
      'victim.progress-update': 'statute',
      'victim.outcome-notice': 'statute',
      'victim.key-decision': 'statute',
      'victim.vrr-info': 'policy',
      'dvpn.hearing': 'statute',
      'dvpo.expiry': 'statute',
      'marac.referral': 'policy',
      'external.response': 'policy',
      'external.progress-review': 'policy',
      'case-to-answer.decision': 'policy',
      'proceedings.response': 'statute',
      'proceedings.prehearing': 'statute',
      'proceedings.meeting': 'statute',
      'oversight.board-review': 'policy',
    });
  });
});

describe('findRule', () => {
  it('finds a rule by id', () => {
    expect(findRule(defaultPolicyPack, 'severity.assessment').id).toBe('severity.assessment');
  });

  it('throws for an unknown id, naming it and the pack version', () => {
    expect(() => findRule(defaultPolicyPack, 'no.such-rule')).toThrow(
      `policy pack ${defaultPolicyPack.version} has no rule no.such-rule`,
    );
  });
});
