import { englandAndWales } from '@ppda/calendar';
import { describe, expect, it } from 'vitest';
import { ladderFor, scheduleClock } from './clock-schedule.ts';
import { defaultPolicyPack, findRule, type TRule } from './policy-pack.ts';

const rule = (id: string): TRule => findRule(defaultPolicyPack, id);

/** Each rung as `kind@workingDaysFromDue→recipients`, for compact comparison. */
const shape = (ladder: ReturnType<typeof ladderFor>) =>
  ladder.map(({ kind, workingDaysFromDue, notify }) => `${kind}@${workingDaysFromDue}→${notify}`);

const fireTimes = (ruleId: string, anchorAt: string) =>
  scheduleClock(rule(ruleId), new Date(anchorAt), englandAndWales).rungs.map((r) =>
    r.fireAt.toISOString(),
  );

describe('ladderFor', () => {
  it('gives a policy rule the default 4-rung ladder', () => {
    expect(shape(ladderFor(rule('severity.assessment')))).toEqual([
      'reminder@-2→case-owner',
      'due@0→case-owner,supervisor',
      'escalation@1→head-of-psd',
      'escalation@2→appropriate-authority',
    ]);
  });

  it.each(['iopc.referral', 'dvpn.hearing', 'victim.key-decision'])(
    'gives the short statute clock %s the 3-rung ladder, AA at due',
    (ruleId) => {
      expect(shape(ladderFor(rule(ruleId)))).toEqual([
        'reminder@-2→case-owner',
        'due@0→case-owner,supervisor',
        'escalation@0→appropriate-authority',
      ]);
    },
  );

  it.each(['suspension.representations', 'officer.representations', 'interview.alternative-date'])(
    "ends the officer's window %s with one rung: the case owner told it closed",
    (ruleId) => {
      expect(shape(ladderFor(rule(ruleId)))).toEqual(['due@0→case-owner']);
    },
  );

  it('escalates an unanswered external force request to the Head of PSD and AA at +5 WD', () => {
    expect(shape(ladderFor(rule('external.response')))).toEqual([
      'reminder@-2→case-owner',
      'due@0→case-owner,head-of-psd',
      'escalation@5→head-of-psd,appropriate-authority',
    ]);
  });

  it('gives a longer statute clock the default ladder', () => {
    expect(ladderFor(rule('suspension.confirm-in-writing'))).toHaveLength(4);
  });

  it("uses a rule's own ladder when given", () => {
    const ladder = [
      { kind: 'due' as const, workingDaysFromDue: 0, notify: ['head-of-psd' as const] },
    ];
    expect(ladderFor({ ...rule('iopc.referral'), ladder })).toEqual(ladder);
  });
});

describe('scheduleClock', () => {
  it('iopc.referral from Mon 3 Mar 2025 10:00: due end of Tue 4 Mar, reminder halfway', () => {
    const anchorAt = new Date('2025-03-03T10:00:00.000Z');
    const schedule = scheduleClock(rule('iopc.referral'), anchorAt, englandAndWales);
    expect(schedule.ruleId).toBe('iopc.referral');
    expect(schedule.anchorAt).toEqual(anchorAt);
    expect(schedule.dueAt.toISOString()).toBe('2025-03-04T23:59:59.999Z');
    expect(schedule.rungs.map((r) => [r.rung, r.kind, r.fireAt.toISOString()])).toEqual([
      [0, 'reminder', '2025-03-04T04:59:59.999Z'],
      [1, 'due', '2025-03-04T23:59:59.999Z'],
      [2, 'escalation', '2025-03-04T23:59:59.999Z'],
    ]);
  });

  it('severity.assessment from Mon 3 Mar 2025 10:00: Mon, Wed, Thu, Fri', () => {
    expect(fireTimes('severity.assessment', '2025-03-03T10:00:00.000Z')).toEqual([
      '2025-03-03T23:59:59.999Z',
      '2025-03-05T23:59:59.999Z',
      '2025-03-06T23:59:59.999Z',
      '2025-03-07T23:59:59.999Z',
    ]);
  });

  it('skips the Easter 2025 bank holidays (anchor Thu 17 Apr, BST)', () => {
    // Good Friday 18 Apr and Easter Monday 21 Apr are not working days.
    expect(fireTimes('severity.assessment', '2025-04-17T09:00:00.000Z')).toEqual([
      '2025-04-17T22:59:59.999Z',
      '2025-04-23T22:59:59.999Z',
      '2025-04-24T22:59:59.999Z',
      '2025-04-25T22:59:59.999Z',
    ]);
    expect(fireTimes('reg17.notice', '2025-04-17T09:00:00.000Z')).toEqual([
      '2025-04-24T22:59:59.999Z',
      '2025-04-28T22:59:59.999Z',
      '2025-04-29T22:59:59.999Z',
      '2025-04-30T22:59:59.999Z',
    ]);
  });

  it('never schedules a rung at or before the anchor', () => {
    for (const version of defaultPolicyPack.rules) {
      const anchorAt = new Date('2025-03-03T10:00:00.000Z');
      for (const { fireAt } of scheduleClock(version, anchorAt, englandAndWales).rungs) {
        expect(fireAt.getTime(), version.id).toBeGreaterThan(anchorAt.getTime());
      }
    }
  });
});
