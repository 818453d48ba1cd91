// The "beginning with" table: for every clock of the policy pack, the first and last day its
// period counts, worked out by hand from its source's wording (not from the engine), on the
// England and Wales calendar (bank holidays 18, 21 Apr, 5 May, 25, 26 Dec 2025; 1 Jan 2026).
import { englandAndWales } from '@ppda/calendar';
import { describe, expect, it } from 'vitest';
import { lawBeforeV4, resolveRule } from './case-law.ts';
import { countingWindow, dueAtFor } from './counting.ts';
import { defaultPolicyPack, findRule, ZRule } from './policy-pack.ts';

interface TRow {
  rule: string;
  /** The source's words the row follows. */
  wording: string;
  anchor: string;
  firstDay: string;
  lastDay: string;
  /** The due instant, where it is not the end of the last day. */
  dueAt?: string;
}

const TABLE: TRow[] = [
  {
    rule: 'dvpo.expiry',
    wording:
      'CSA 2010 s28(10): "no more than 28 days beginning with the day on which it is made": made Thu 1 May is day 1',
    anchor: '2025-05-01T10:00:00+01:00',
    firstDay: '2025-05-01',
    lastDay: '2025-05-28',
  },
  {
    rule: 'dvpn.hearing',
    wording:
      'CSA 2010 s27(3): 48 hours, Sundays and bank holidays disregarded: served Thu 17 Apr 18:00, 6 h that day, Good Friday, Sunday and Easter Monday skipped, Sat 24 h, Tue 18 h',
    anchor: '2025-04-17T18:00:00+01:00',
    firstDay: '2025-04-17',
    lastDay: '2025-04-22',
    dueAt: '2025-04-22T17:00:00.000Z',
  },
  {
    rule: 'interview.alternative-date',
    wording:
      'CondR reg 20(5)(b): "5 working days beginning with the first working day after the day specified": specified Thu 17 Apr',
    anchor: '2025-04-17T10:00:00+01:00',
    firstDay: '2025-04-22',
    lastDay: '2025-04-28',
  },
  {
    rule: 'proceedings.response',
    wording:
      'CondR reg 31(1)(a): "15 working days beginning with the first working day after the documents have been supplied": Mon 1 Dec',
    anchor: '2025-12-01T10:00:00Z',
    firstDay: '2025-12-02',
    lastDay: '2025-12-22',
  },
  {
    rule: 'proceedings.witness-lists',
    wording:
      'CondR reg 31(4): "3 working days beginning with the first working day after" the officer complied (Mon 22 Dec): 23, 24, 29 Dec',
    anchor: '2025-12-22T10:00:00Z',
    firstDay: '2025-12-23',
    lastDay: '2025-12-29',
  },
  {
    rule: 'proceedings.prehearing',
    wording: 'CondR reg 33: 15 working days after the documents reach the chair (Mon 5 Jan 2026)',
    anchor: '2026-01-05T10:00:00Z',
    firstDay: '2026-01-06',
    lastDay: '2026-01-26',
  },
  {
    rule: 'proceedings.meeting',
    wording: 'CondR reg 34: 20 working days after the documents are supplied (Mon 1 Dec 2025)',
    anchor: '2025-12-01T10:00:00Z',
    firstDay: '2025-12-02',
    lastDay: '2025-12-31',
  },
  {
    rule: 'officer.representations',
    wording: 'CMR reg 20, CondR reg 18: 10 working days from service of the notice (Thu 17 Apr)',
    anchor: '2025-04-17T10:00:00+01:00',
    firstDay: '2025-04-22',
    lastDay: '2025-05-06',
  },
  {
    rule: 'suspension.confirm-in-writing',
    wording: 'CondR reg 11: confirmed in writing within 3 working days (oral Fri 14 Mar)',
    anchor: '2025-03-14T11:00:00Z',
    firstDay: '2025-03-17',
    lastDay: '2025-03-19',
  },
  {
    rule: 'suspension.representations',
    wording: 'CondR reg 11: 7 working days for representations (notified Fri 14 Mar)',
    anchor: '2025-03-14T11:00:00Z',
    firstDay: '2025-03-17',
    lastDay: '2025-03-25',
  },
  {
    rule: 'suspension.review',
    wording: 'Every 4 weeks after the suspension (Fri 14 Mar): the day itself is day 0',
    anchor: '2025-03-14T11:00:00Z',
    firstDay: '2025-03-15',
    lastDay: '2025-04-11',
  },
  {
    rule: 'iopc.referral',
    wording: 'CMR regs 4, 7 (rules.md): by the end of the day after it becomes clear (Mon 3 Mar)',
    anchor: '2025-03-03T10:00:00Z',
    firstDay: '2025-03-04',
    lastDay: '2025-03-04',
  },
  {
    rule: 'victim.progress-update',
    wording: 'CMR regs 34-35: within 28 days of handling starting (Mon 3 Mar)',
    anchor: '2025-03-03T10:00:00Z',
    firstDay: '2025-03-04',
    lastDay: '2025-03-31',
  },
  {
    rule: 'investigation.overrun-report',
    wording: 'CMR reg 13, CondR reg 19: at 12 months from the matter coming to attention',
    anchor: '2025-03-03T10:00:00Z',
    firstDay: '2025-03-04',
    lastDay: '2026-03-03',
  },
  {
    rule: 'victim.key-decision',
    wording:
      "Victims' Code Right 6: within 1 working day (enhanced rights) of an NFA on Thu 17 Apr: Tue 22 Apr",
    anchor: '2025-04-17T15:00:00+01:00',
    firstDay: '2025-04-22',
    lastDay: '2025-04-22',
  },
  {
    rule: 'victim.vrr-info',
    wording: 'VRR scheme: with the NFA notice, so due with it (Thu 17 Apr NFA: Tue 22 Apr)',
    anchor: '2025-04-17T15:00:00+01:00',
    firstDay: '2025-04-22',
    lastDay: '2025-04-22',
  },
  {
    rule: 'victim.outcome-notice',
    wording: 'CMR reg 34: 5 working days from the outcome (Thu 17 Apr)',
    anchor: '2025-04-17T15:00:00+01:00',
    firstDay: '2025-04-22',
    lastDay: '2025-04-28',
  },
  {
    rule: 'conduct-pause.review',
    wording: 'Force policy: on the review date the AA set (Tue 1 Apr)',
    anchor: '2025-04-01T09:00:00+01:00',
    firstDay: '2025-04-01',
    lastDay: '2025-04-01',
  },
  {
    rule: 'record.decision',
    wording: 'Policy: 1 working day',
    anchor: '2025-03-03T10:00:00Z',
    firstDay: '2025-03-04',
    lastDay: '2025-03-04',
  },
  {
    rule: 'referral.screening',
    wording: 'Policy: 2 working days from recording (Fri 2 May: Tue 6 May, 5 May a bank holiday)',
    anchor: '2025-05-02T10:00:00+01:00',
    firstDay: '2025-05-06',
    lastDay: '2025-05-07',
  },
  {
    rule: 'severity.assessment',
    wording: 'Policy: 2 working days',
    anchor: '2025-03-03T10:00:00Z',
    firstDay: '2025-03-04',
    lastDay: '2025-03-05',
  },
  {
    rule: 'investigator.appointment',
    wording: 'Policy: 2 working days',
    anchor: '2025-03-03T10:00:00Z',
    firstDay: '2025-03-04',
    lastDay: '2025-03-05',
  },
  {
    rule: 'reg17.notice',
    wording: 'Policy: 5 working days from appointment (Thu 17 Apr)',
    anchor: '2025-04-17T10:00:00+01:00',
    firstDay: '2025-04-22',
    lastDay: '2025-04-28',
  },
  {
    rule: 'marac.referral',
    wording: 'Policy: 1 working day',
    anchor: '2025-03-07T10:00:00Z',
    firstDay: '2025-03-10',
    lastDay: '2025-03-10',
  },
  {
    rule: 'external.response',
    wording: 'Policy: 5 working days',
    anchor: '2025-03-03T10:00:00Z',
    firstDay: '2025-03-04',
    lastDay: '2025-03-10',
  },
  {
    rule: 'external.progress-review',
    wording: 'Policy: every 4 weeks',
    anchor: '2025-03-03T10:00:00Z',
    firstDay: '2025-03-04',
    lastDay: '2025-03-31',
  },
  {
    rule: 'case-to-answer.decision',
    wording: 'CondR reg 23, policy: 10 working days',
    anchor: '2025-03-03T10:00:00Z',
    firstDay: '2025-03-04',
    lastDay: '2025-03-17',
  },
  {
    rule: 'oversight.board-review',
    wording: 'NPCC overview: every 28 days',
    anchor: '2025-03-03T10:00:00Z',
    firstDay: '2025-03-04',
    lastDay: '2025-03-31',
  },
  // Issue 14: the 2026 suspension decision and the vetting route (policy defaults, unverified),
  // each "N working days beginning with the first working day after" (Mon 3 Mar 2025 anchor).
  ...(
    [
      ['suspension.decision', 3, '2025-03-06'],
      ['vetting.referral', 2, '2025-03-05'],
      ['vetting.notice', 5, '2025-03-10'],
      ['vetting.representations', 10, '2025-03-17'],
      ['vetting.outcome', 10, '2025-03-17'],
      ['vetting.appeal', 10, '2025-03-17'],
    ] as const
  ).map(([rule, amount, lastDay]) => ({
    rule,
    wording: `${amount} working days from the first working day after the anchor`,
    anchor: '2025-03-03T10:00:00Z',
    firstDay: '2025-03-04',
    lastDay,
  })),
];

describe('counting: whether the anchor day counts, per rule, against its source', () => {
  it('has a row for every rule of the policy pack', () => {
    expect(TABLE.map((row) => row.rule).sort()).toEqual(
      [...new Set(defaultPolicyPack.rules.map((rule) => rule.id))].sort(),
    );
  });

  it.each(TABLE)('$rule: $wording', (row) => {
    // A rule with dated versions is read as it stood for the row's anchor (2025: the first).
    const rule = resolveRule(defaultPolicyPack, row.rule, {
      ...lawBeforeV4(row.anchor.slice(0, 10)),
      conductDate: '2026-08-01',
      ruleVersions: lawBeforeV4('').ruleVersions,
    });
    const window = countingWindow(rule, new Date(row.anchor), englandAndWales);
    expect({ firstDay: window.firstDay, lastDay: window.lastDay }).toEqual({
      firstDay: row.firstDay,
      lastDay: row.lastDay,
    });
    if (row.dueAt) expect(window.dueAt.toISOString()).toBe(row.dueAt);
  });

  it('ends a DVPO a day sooner than a period counted from the next day, at both ends of 14-28', () => {
    const made = new Date('2025-05-01T10:00:00+01:00');
    const dvpo = (amount: number) =>
      dueAtFor(
        { duration: { amount, unit: 'calendar-days' }, counting: 'beginning-with-anchor-day' },
        made,
        englandAndWales,
      ).toISOString();
    expect(dvpo(14)).toBe('2025-05-14T22:59:59.999Z');
    expect(dvpo(28)).toBe('2025-05-28T22:59:59.999Z');
  });

  it('refuses a rule whose counting does not fit its unit (working days are never "beginning with")', () => {
    const rule = findRule(defaultPolicyPack, 'record.decision');
    expect(ZRule.safeParse({ ...rule, counting: 'beginning-with-anchor-day' }).success).toBe(false);
    expect(ZRule.safeParse(rule).success).toBe(true);
  });
});
