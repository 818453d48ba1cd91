import { describe, expect, it } from 'vitest';
import { CalendarCoverageError } from './calendar-coverage-error.ts';
import { englandAndWales as calendar } from './england-and-wales.ts';
import { endOf, local, london } from './test-support.ts';
import { WorkingCalendar } from './working-calendar.ts';

describe('isWorkingDay', () => {
  it.each([
    ['2025-03-03T10:00', true, 'a Monday'],
    ['2025-03-08T10:00', false, 'a Saturday'],
    ['2025-03-09T10:00', false, 'a Sunday'],
    ['2025-04-18T10:00', false, 'Good Friday'],
    ['2025-04-21T10:00', false, 'Easter Monday'],
    ['2022-09-19T10:00', false, 'the 2022 state funeral'],
    ['2023-05-08T10:00', false, 'the 2023 coronation'],
    ['2026-12-28T10:00', false, 'the 2026 Boxing Day substitute'],
    ['2027-12-27T10:00', false, 'the 2027 Christmas Day substitute'],
    ['2027-12-29T10:00', true, 'the Wednesday after the 2027 substitutes'],
  ])('%s is %s (%s)', (when, expected) => {
    expect(calendar.isWorkingDay(london(when))).toBe(expected);
  });

  it('judges the London local date, not the UTC one', () => {
    // 23:30 UTC on Fri 4 Jul 2025 is already Saturday 00:30 in London (BST).
    expect(calendar.isWorkingDay(new Date('2025-07-04T23:30:00Z'))).toBe(false);
    // 00:30 UTC on Mon 3 Mar 2025 is Monday in London (GMT) too.
    expect(calendar.isWorkingDay(new Date('2025-03-03T00:30:00Z'))).toBe(true);
  });
});

describe('endOfDay', () => {
  it('is 23:59:59.999 local on an ordinary day', () => {
    expect(local(calendar.endOfDay(london('2025-03-04T00:00')))).toBe(endOf('2025-03-04'));
  });

  it('is 22:59:59.999 UTC in summer time', () => {
    expect(calendar.endOfDay(london('2025-07-01T08:00')).toISOString()).toBe(
      '2025-07-01T22:59:59.999Z',
    );
  });

  it('holds on the days the clocks change (23- and 25-hour days)', () => {
    const spring = calendar.endOfDay(london('2025-03-30T00:30'));
    const autumn = calendar.endOfDay(london('2025-10-26T00:30'));
    expect(local(spring)).toBe(endOf('2025-03-30'));
    expect(spring.toISOString()).toBe('2025-03-30T22:59:59.999Z');
    expect(local(autumn)).toBe(endOf('2025-10-26'));
    expect(autumn.toISOString()).toBe('2025-10-26T23:59:59.999Z');
  });
});

describe('addWorkingDays', () => {
  it('never counts the anchor day, whatever the time', () => {
    expect(local(calendar.addWorkingDays(london('2025-03-03T00:00'), 1))).toBe(endOf('2025-03-04'));
    expect(local(calendar.addWorkingDays(london('2025-03-03T23:59'), 1))).toBe(endOf('2025-03-04'));
  });

  it('from a weekend anchor counts from the Monday', () => {
    expect(local(calendar.addWorkingDays(london('2025-03-15T10:00'), 1))).toBe(endOf('2025-03-17'));
    expect(local(calendar.addWorkingDays(london('2025-03-16T10:00'), 5))).toBe(endOf('2025-03-21'));
  });

  it('from a bank holiday anchor counts from the next working day', () => {
    // Good Friday 2025: Easter Monday is skipped too.
    expect(local(calendar.addWorkingDays(london('2025-04-18T10:00'), 1))).toBe(endOf('2025-04-22'));
  });

  it('with n = 0 is the end of the anchor day, even on a weekend', () => {
    expect(local(calendar.addWorkingDays(london('2025-03-08T10:00'), 0))).toBe(endOf('2025-03-08'));
  });

  it('with negative n counts back ("remind 2 WD before due")', () => {
    const due = london('2025-03-19T23:59:59.999');
    expect(local(calendar.addWorkingDays(due, -2))).toBe(endOf('2025-03-17'));
    // Back over a weekend and Easter: Tue 22 Apr 2025 - 2 WD = Wed 16 Apr.
    expect(local(calendar.addWorkingDays(london('2025-04-22T12:00'), -2))).toBe(
      endOf('2025-04-16'),
    );
  });

  it('over Easter 2025 skips Good Friday and Easter Monday', () => {
    expect(local(calendar.addWorkingDays(london('2025-04-16T10:00'), 2))).toBe(endOf('2025-04-22'));
  });

  it('across the clock changes lands on the end of the local day', () => {
    expect(local(calendar.addWorkingDays(london('2025-03-28T10:00'), 1))).toBe(endOf('2025-03-31'));
    expect(local(calendar.addWorkingDays(london('2025-10-24T10:00'), 1))).toBe(endOf('2025-10-27'));
  });

  it('over the 2027 Christmas substitute days', () => {
    expect(local(calendar.addWorkingDays(london('2027-12-24T10:00'), 1))).toBe(endOf('2027-12-29'));
  });

  it('refuses a fractional count', () => {
    expect(() => calendar.addWorkingDays(london('2025-03-03T10:00'), 1.5)).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it('addCalendarDays lands on the end of the target local day, across a clock change', () => {
    expect(local(calendar.addCalendarDays(london('2025-03-29T10:00'), 2))).toBe(
      endOf('2025-03-31'),
    );
    expect(local(calendar.addCalendarDays(london('2025-03-29T10:00'), -1))).toBe(
      endOf('2025-03-28'),
    );
  });

  it('addWeeks counts whole weeks of local days', () => {
    expect(local(calendar.addWeeks(london('2025-10-20T10:00'), 2))).toBe(endOf('2025-11-03'));
  });

  it('addMonths clamps to the month end', () => {
    expect(local(calendar.addMonths(london('2025-01-31T10:00'), 1))).toBe(endOf('2025-02-28'));
    expect(local(calendar.addMonths(london('2024-01-31T10:00'), 1))).toBe(endOf('2024-02-29'));
    expect(local(calendar.addMonths(london('2025-03-03T10:00'), 12))).toBe(endOf('2026-03-03'));
    expect(local(calendar.addMonths(london('2025-08-31T10:00'), 6))).toBe(endOf('2026-02-28'));
  });

  it('does not need holiday data (a 12-month report from late 2027 lands in 2028)', () => {
    expect(local(calendar.addMonths(london('2027-06-01T10:00'), 12))).toBe(endOf('2028-06-01'));
  });
});

describe('addHoursExcluding (DVPN: 48 hours, Sundays and bank holidays excluded)', () => {
  const dvpn = (served: string) => local(calendar.addHoursExcluding(london(served), 48));

  it('served Saturday 10:00 → Tuesday 10:00', () => {
    expect(dvpn('2025-03-08T10:00')).toBe('2025-03-11T10:00:00.000');
  });

  it('served on a weekday with no exclusions → two days later, same time', () => {
    expect(dvpn('2025-03-04T15:45')).toBe('2025-03-06T15:45:00.000');
  });

  it('served on a Sunday starts counting at Monday 00:00', () => {
    expect(dvpn('2025-03-09T14:00')).toBe('2025-03-12T00:00:00.000');
  });

  it('over Easter 2025: Good Friday, Easter Sunday and Easter Monday do not count', () => {
    // Thu 14:00→24:00 = 10h; Fri excluded; Sat 24h (34h); Sun, Mon excluded; Tue 14h.
    expect(dvpn('2025-04-17T14:00')).toBe('2025-04-22T14:00:00.000');
  });

  it('counts real elapsed hours across the March clock change', () => {
    // Fri 28 Mar 12:00 GMT: Fri 12h + Sat 24h (36h); Sun 30 Mar excluded; Mon 12h → 12:00 BST.
    const due = calendar.addHoursExcluding(london('2025-03-28T12:00'), 48);
    expect(local(due)).toBe('2025-03-31T12:00:00.000');
    expect(due.toISOString()).toBe('2025-03-31T11:00:00.000Z');
  });

  it('counts real elapsed hours across the October clock change', () => {
    // Served Sat 25 Oct 10:00 BST; Sun 26 Oct (25 hours long) excluded; due Tue 10:00 GMT.
    const served = london('2025-10-25T10:00');
    const due = calendar.addHoursExcluding(served, 48);
    expect(local(due)).toBe('2025-10-28T10:00:00.000');
    // 48 counted hours plus the whole 25-hour Sunday.
    expect((due.getTime() - served.getTime()) / 3_600_000).toBe(73);
  });

  it('stops exactly at midnight when the hours run out at the end of a counted day', () => {
    expect(dvpn('2025-03-06T00:00')).toBe('2025-03-08T00:00:00.000');
  });

  it('refuses negative hours', () => {
    expect(() => calendar.addHoursExcluding(london('2025-03-04T10:00'), -1)).toThrow(RangeError);
  });
});

describe('startOfWorkingDay', () => {
  it('is 09:00 on the same day when it is a working day', () => {
    expect(local(calendar.startOfWorkingDay(london('2025-03-04T17:00')))).toBe(
      '2025-03-04T09:00:00.000',
    );
  });

  it('moves to the next working day, at the hour asked for', () => {
    expect(local(calendar.startOfWorkingDay(london('2025-04-18T10:00'), 8))).toBe(
      '2025-04-22T08:00:00.000',
    );
  });
});

describe('halfway', () => {
  it('is the instant midway in real time', () => {
    const a = london('2025-03-04T10:00');
    const b = london('2025-03-06T10:00');
    expect(local(calendar.halfway(a, b))).toBe('2025-03-05T10:00:00.000');
  });
});

describe('workingDaysBetween', () => {
  it('is the inverse of addWorkingDays', () => {
    const anchor = london('2025-12-01T10:00');
    for (const n of [0, 1, 3, 15, 40]) {
      expect(calendar.workingDaysBetween(anchor, calendar.addWorkingDays(anchor, n))).toBe(n);
    }
  });

  it('is negative when b is earlier', () => {
    expect(
      calendar.workingDaysBetween(london('2025-05-06T10:00'), london('2025-04-17T10:00')),
    ).toBe(-10);
  });
});

describe('dueAt', () => {
  const anchor = london('2025-03-08T10:00');

  it.each([
    [{ amount: 2, unit: 'working-days' }, endOf('2025-03-11')],
    [{ amount: 1, unit: 'calendar-days' }, endOf('2025-03-09')],
    [{ amount: 4, unit: 'weeks' }, endOf('2025-04-05')],
    [{ amount: 1, unit: 'months' }, endOf('2025-04-08')],
    [{ amount: 48, unit: 'hours-excluding-sundays-and-bank-holidays' }, '2025-03-11T10:00:00.000'],
  ] as const)('dispatches %o', (duration, expected) => {
    expect(local(calendar.dueAt(anchor, duration))).toBe(expected);
  });
});

describe('coverage', () => {
  it('answers from the published data to 50 years past it, and names the range when asked outside', () => {
    expect(calendar.coveredFrom).toBe('2020-01-01');
    expect(calendar.publishedTo).toBe('2027-12-31');
    expect(calendar.coveredTo).toBe('2077-12-31');
    expect(calendar.isWorkingDay(london('2077-12-31T10:00'))).toBe(true);
    const attempt = () => calendar.isWorkingDay(london('2078-01-04T10:00'));
    expect(attempt).toThrow(CalendarCoverageError);
    expect(attempt).toThrow(/2078-01-04.*2020-01-01 to 2077-12-31/);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'calendar-coverage',
        date: '2078-01-04',
        coveredFrom: '2020-01-01',
        coveredTo: '2077-12-31',
      });
    }
  });

  it('refuses weekends before the data too', () => {
    expect(() => calendar.isWorkingDay(london('2019-12-28T10:00'))).toThrow(CalendarCoverageError);
  });

  it('refuses a count that runs off either end rather than guessing', () => {
    expect(() => calendar.addWorkingDays(london('2020-01-03T10:00'), -2)).toThrow(
      CalendarCoverageError,
    );
    expect(() => calendar.addWorkingDays(london('2077-12-24T10:00'), 10)).toThrow(
      CalendarCoverageError,
    );
    expect(() => calendar.addHoursExcluding(london('2077-12-31T10:00'), 48)).toThrow(
      CalendarCoverageError,
    );
  });

  it('follows the data it is given, projecting past its last year', () => {
    const only2025 = new WorkingCalendar(
      {
        division: 'england-and-wales',
        events: [{ title: 'Christmas Day', date: '2025-12-25', notes: '', bunting: true }],
      },
      { projectionYears: 1, version: 3 },
    );
    expect(only2025).toMatchObject({
      coveredFrom: '2025-01-01',
      publishedTo: '2025-12-31',
      coveredTo: '2026-12-31',
      version: 3,
    });
    expect(only2025.isWorkingDay(london('2025-04-18T10:00'))).toBe(true);
    // 2026 is projected by rule: Good Friday is a holiday.
    expect(only2025.isWorkingDay(london('2026-04-03T10:00'))).toBe(false);
    expect(() => only2025.isWorkingDay(london('2027-01-04T10:00'))).toThrow(CalendarCoverageError);
  });
});

describe('projection past the published data', () => {
  it('counts projected holidays and their substitute days', () => {
    // Fri 24 Dec 2027 + 5 WD: 27 and 28 Dec are published substitutes, 3 Jan 2028 a projected
    // one (1 Jan 2028 is a Saturday).
    expect(local(calendar.addWorkingDays(london('2027-12-24T10:00'), 5))).toBe(endOf('2028-01-05'));
    expect(calendar.isWorkingDay(london('2028-01-03T10:00'))).toBe(false);
    // 2033: 25 Dec a Sunday, 26 Dec the Monday, so Christmas moves to Tue 27 Dec.
    expect(calendar.isWorkingDay(london('2033-12-26T10:00'))).toBe(false);
    expect(calendar.isWorkingDay(london('2033-12-27T10:00'))).toBe(false);
    expect(calendar.isWorkingDay(london('2033-12-28T10:00'))).toBe(true);
  });

  it('says whether a date lies past the published data', () => {
    expect(calendar.isProjected(london('2027-12-31T23:00'))).toBe(false);
    expect(calendar.isProjected(london('2028-01-01T00:00'))).toBe(true);
  });

  it('says whether a computation relied on projected days', () => {
    expect(calendar.track(() => calendar.addWorkingDays(london('2027-12-01T10:00'), 5))).toEqual({
      value: london('2027-12-08T23:59:59.999'),
      projected: false,
    });
    expect(
      calendar.track(() => calendar.addWorkingDays(london('2027-12-24T10:00'), 5)).projected,
    ).toBe(true);
    // Calendar arithmetic that never asks about holidays relies on nothing.
    expect(calendar.track(() => calendar.addMonths(london('2027-06-01T10:00'), 12)).projected).toBe(
      false,
    );
  });

  it('tracks nested computations without losing the outer answer', () => {
    const outer = calendar.track(() => {
      const inner = calendar.track(() => calendar.addWorkingDays(london('2027-12-24T10:00'), 5));
      expect(inner.projected).toBe(true);
      return calendar.addWorkingDays(london('2025-03-03T10:00'), 1);
    });
    expect(outer.projected).toBe(true);
    // And a throw does not leave the flag set for the next computation.
    expect(() =>
      calendar.track(() => calendar.addWorkingDays(london('2020-01-02T10:00'), -2)),
    ).toThrow();
    expect(calendar.track(() => calendar.isWorkingDay(london('2025-03-03T10:00'))).projected).toBe(
      false,
    );
  });

  it('lists the bank holidays between two dates, published or projected', () => {
    expect(
      calendar.bankHolidaysBetween(london('2027-12-24T10:00'), london('2028-01-04T10:00')),
    ).toEqual([
      { date: '2027-12-27', title: 'Christmas Day' },
      { date: '2027-12-28', title: 'Boxing Day' },
      { date: '2028-01-03', title: "New Year's Day (substitute day)" },
    ]);
  });
});
