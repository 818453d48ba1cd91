import { englandAndWales } from '@ppda/calendar';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAIL_HOURS, mailTimingOf, sendAtFor } from './mail-timing.ts';

const at = (iso: string) => new Date(iso);
const send = (timing: Parameters<typeof sendAtFor>[2], rungAt: string, plannedAt = rungAt) =>
  sendAtFor(englandAndWales, DEFAULT_MAIL_HOURS, timing, at(rungAt), at(plannedAt)).toISOString();

describe('sendAtFor (rules.md: mail in working hours)', () => {
  it('sends a reminder at 08:00 London on its day', () => {
    // Tue 4 Mar 2025 00:15 GMT: 08:00 the same day.
    expect(send('on-its-day', '2025-03-04T00:15:00Z')).toBe('2025-03-04T08:00:00.000Z');
    // In BST, 08:00 London is 07:00 UTC.
    expect(send('on-its-day', '2025-06-03T00:15:00Z')).toBe('2025-06-03T07:00:00.000Z');
  });

  it('a notice planned after its send time goes at once in working hours, else next 08:00', () => {
    expect(send('on-its-day', '2025-03-04T11:00:00Z')).toBe('2025-03-04T11:00:00.000Z');
    // End of Friday 18 Apr 2025 (Good Friday) → Tue 22 Apr (Easter Monday is a bank holiday).
    expect(send('on-its-day', '2025-04-17T22:59:59.999Z')).toBe('2025-04-22T07:00:00.000Z');
  });

  it('sends an escalation at the first working 08:00 after its rung', () => {
    expect(send('after-rung', '2025-03-07T23:59:59.999Z')).toBe('2025-03-10T08:00:00.000Z');
    expect(send('after-rung', '2025-03-04T07:00:00Z')).toBe('2025-03-04T08:00:00.000Z');
    expect(send('after-rung', '2025-03-04T08:00:00Z')).toBe('2025-03-05T08:00:00.000Z');
  });

  it('sends at once whatever the hour when told to', () => {
    expect(send('at-once', '2025-04-19T03:00:00Z')).toBe('2025-04-19T03:00:00.000Z');
  });
});

describe('mailTimingOf', () => {
  const wd = (amount: number) => ({ amount, unit: 'working-days' as const });
  it('hour-based clocks go at once; short statute escalations at once; others wait', () => {
    const dvpn = {
      kind: 'statute' as const,
      duration: { amount: 48, unit: 'hours-excluding-sundays-and-bank-holidays' as const },
    };
    expect(mailTimingOf(dvpn, 'reminder')).toBe('at-once');
    expect(mailTimingOf({ kind: 'statute', duration: wd(2) }, 'escalation')).toBe('at-once');
    expect(mailTimingOf({ kind: 'statute', duration: wd(3) }, 'escalation')).toBe('after-rung');
    expect(mailTimingOf({ kind: 'policy', duration: wd(1) }, 'escalation')).toBe('after-rung');
    expect(mailTimingOf({ kind: 'statute', duration: wd(2) }, 'due')).toBe('on-its-day');
  });
});
