// The worked examples in shared/domain/scenarios.md, date for date.
import { describe, expect, it } from 'vitest';
import { englandAndWales as calendar } from './england-and-wales.ts';
import { endOf, local, london } from './test-support.ts';

describe('scenario 1: referral deadline', () => {
  it('iopc.referral from Mon 3 Mar 2025 10:00 is due at the end of Tue 4 Mar', () => {
    const due = calendar.dueAt(london('2025-03-03T10:00'), { amount: 1, unit: 'calendar-days' });
    expect(local(due)).toBe(endOf('2025-03-04'));
  });
});

describe('scenario 2: oral suspension on Fri 14 Mar 2025', () => {
  const suspended = london('2025-03-14T15:30');

  it('written confirmation (3 WD) is due Wed 19 Mar', () => {
    expect(local(calendar.addWorkingDays(suspended, 3))).toBe(endOf('2025-03-19'));
  });

  it('the representations window (7 WD) closes Tue 25 Mar', () => {
    expect(local(calendar.addWorkingDays(suspended, 7))).toBe(endOf('2025-03-25'));
  });

  it('4-weekly reviews, each re-based on the last, fall on 11 Apr, 9 May, 6 Jun', () => {
    const first = calendar.dueAt(suspended, { amount: 4, unit: 'weeks' });
    const second = calendar.dueAt(first, { amount: 4, unit: 'weeks' });
    const third = calendar.dueAt(second, { amount: 4, unit: 'weeks' });
    expect([first, second, third].map(local)).toEqual([
      endOf('2025-04-11'),
      endOf('2025-05-09'),
      endOf('2025-06-06'),
    ]);
  });
});

describe('scenario 3: reg 17 notice over Easter', () => {
  it('served Thu 17 Apr 2025 + 10 WD ends Tue 6 May (skipping 18 Apr, 21 Apr, 5 May)', () => {
    expect(local(calendar.addWorkingDays(london('2025-04-17T11:00'), 10))).toBe(
      endOf('2025-05-06'),
    );
  });
});

describe('scenario 4: victim updates every 28 days', () => {
  it('from Mon 3 Mar 2025: 31 Mar, 28 Apr, 26 May (across the clocks going forward)', () => {
    const every28 = { amount: 28, unit: 'calendar-days' } as const;
    const first = calendar.dueAt(london('2025-03-03T09:00'), every28);
    const second = calendar.dueAt(first, every28);
    const third = calendar.dueAt(second, every28);
    expect([first, second, third].map(local)).toEqual([
      endOf('2025-03-31'),
      endOf('2025-04-28'),
      endOf('2025-05-26'),
    ]);
  });

  it('an update sent on 20 Mar re-bases the next to 17 Apr', () => {
    const due = calendar.dueAt(london('2025-03-20T14:00'), { amount: 28, unit: 'calendar-days' });
    expect(local(due)).toBe(endOf('2025-04-17'));
  });
});

describe('scenario 5: proceedings over Christmas', () => {
  it('documents supplied Mon 1 Dec 2025 + 15 WD: response due Mon 22 Dec', () => {
    expect(local(calendar.addWorkingDays(london('2025-12-01T10:00'), 15))).toBe(
      endOf('2025-12-22'),
    );
  });

  it('response given 22 Dec + 3 WD: witness lists due Mon 29 Dec (skipping 25-26 Dec)', () => {
    expect(local(calendar.addWorkingDays(london('2025-12-22T16:00'), 3))).toBe(endOf('2025-12-29'));
  });

  it('documents reach the chair Mon 5 Jan 2026 + 15 WD: pre-hearing by Mon 26 Jan 2026', () => {
    expect(local(calendar.addWorkingDays(london('2026-01-05T09:00'), 15))).toBe(
      endOf('2026-01-26'),
    );
  });
});
