import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { type TBankHolidayEvent, ZBankHolidayDivision } from './bank-holiday-schema.ts';
import { englandAndWalesBankHolidays } from './bank-holidays.ts';
import { mergeBankHolidays } from './merge-bank-holidays.ts';

const shippedDates = englandAndWalesBankHolidays.events.map((event) => event.date);

const event = (date: string, title = 'Bank holiday'): TBankHolidayEvent => ({
  title,
  date,
  notes: '',
  bunting: true,
});

describe('the shipped England and Wales data', () => {
  it('covers 2020 to 2027, at least 8 days a year', () => {
    for (let year = 2020; year <= 2027; year++) {
      const count = shippedDates.filter((date) => date.startsWith(`${year}-`)).length;
      expect(count, String(year)).toBeGreaterThanOrEqual(8);
    }
    expect(shippedDates[0]).toBe('2020-01-01');
    expect(shippedDates.at(-1)).toBe('2027-12-28');
  });

  it('has the one-off and substitute days', () => {
    expect(shippedDates).toEqual(
      expect.arrayContaining([
        '2020-05-08', // VE day (moved from 4 May)
        '2020-12-28', // Boxing Day substitute
        '2021-12-27',
        '2021-12-28',
        '2022-01-03',
        '2022-06-02', // Spring bank holiday (moved from 30 May)
        '2022-06-03', // Platinum Jubilee
        '2022-09-19', // State funeral
        '2022-12-27',
        '2023-01-02',
        '2023-05-08', // Coronation
        '2026-12-28',
        '2027-12-27',
        '2027-12-28',
      ]),
    );
    expect(shippedDates).not.toContain('2020-05-04');
    expect(shippedDates).not.toContain('2022-05-30');
  });

  it('matches date-holidays (GB, ENG) on every weekday day off, 2020-2027', () => {
    // date-holidays also lists the weekend date a substitute replaces (25 Dec 2027, a
    // Saturday); gov.uk lists only the day off, so compare the weekdays.
    const reference = new Holidays('GB', 'ENG');
    const expected: string[] = [];
    for (let year = 2020; year <= 2027; year++) {
      for (const holiday of reference.getHolidays(year)) {
        const date = holiday.date.slice(0, 10);
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        if (holiday.type === 'public' && weekday !== 0 && weekday !== 6) expected.push(date);
      }
    }
    expect([...shippedDates].sort()).toEqual(expected.sort());
  });
});

describe('ZBankHolidayDivision', () => {
  const division = (events: TBankHolidayEvent[]) => ({ division: 'england-and-wales', events });

  it('refuses a weekend date (the Saturday a substitute replaces)', () => {
    const result = ZBankHolidayDivision.safeParse(division([event('2027-12-25')]));
    expect(result.success).toBe(false);
  });

  it('refuses an impossible date and a duplicate', () => {
    expect(ZBankHolidayDivision.safeParse(division([event('2025-02-29')])).success).toBe(false);
    expect(
      ZBankHolidayDivision.safeParse(division([event('2025-12-25'), event('2025-12-25')])).success,
    ).toBe(false);
  });

  it('refuses a gap year, which would count its bank holidays as working days', () => {
    const result = ZBankHolidayDivision.safeParse(
      division([event('2024-12-25'), event('2026-12-25')]),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('no bank holidays for 2025');
  });

  it('refuses another division', () => {
    const result = ZBankHolidayDivision.safeParse({ division: 'scotland', events: [] });
    expect(result.success).toBe(false);
  });
});

describe('mergeBankHolidays', () => {
  const current = {
    division: 'england-and-wales' as const,
    events: [event('2020-12-25'), event('2021-01-01'), event('2021-04-02', 'Old title')],
  };

  it('replaces the years the feed lists and keeps the years it has dropped', () => {
    const fetched = {
      division: 'england-and-wales' as const,
      events: [event('2022-01-03'), event('2021-04-02', 'Good Friday')],
    };
    const merged = mergeBankHolidays(current, fetched);
    expect(merged.events.map((e) => [e.date, e.title])).toEqual([
      ['2020-12-25', 'Bank holiday'],
      ['2021-04-02', 'Good Friday'],
      ['2022-01-03', 'Bank holiday'],
    ]);
  });
});
