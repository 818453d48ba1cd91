import { describe, expect, it } from 'vitest';
import { ZBankHolidayDivision } from './bank-holiday-schema.ts';
import { englandAndWalesBankHolidays } from './bank-holidays.ts';
import { projectedBankHolidays } from './projected-bank-holidays.ts';

const shipped = englandAndWalesBankHolidays.events.map((event) => event.date);

/**
 * The shipped (gov.uk) days the rules cannot give: made by proclamation, they are never
 * projected, and arrive only in a refreshed published dataset.
 */
const ONE_OFF = [
  '2020-05-08', // Early May bank holiday moved to VE day (rule: Mon 4 May)
  '2022-06-03', // Platinum Jubilee
  '2022-09-19', // State funeral of Queen Elizabeth II
  '2023-05-08', // Coronation of King Charles III
];

describe('projectedBankHolidays (Banking and Financial Dealings Act 1971 Sch 1)', () => {
  it('gives what gov.uk published for 2020-2027, except the one-off days', () => {
    const projected: string[] = [];
    for (let year = 2020; year <= 2027; year++) {
      projected.push(...projectedBankHolidays(year).map((event) => event.date));
    }
    expect(shipped.filter((date) => !projected.includes(date))).toEqual(ONE_OFF);
    // The rule would have put the 2020 Early May holiday on Mon 4 May; date-holidays knows the
    // VE day move for 2020 so projects no Early May day there. Nothing else is extra.
    expect(projected.filter((date) => !shipped.includes(date))).toEqual([]);
  });

  it('projects eight days a year with substitute days, each a weekday, for 50 years', () => {
    for (let year = 2028; year <= 2077; year++) {
      const events = projectedBankHolidays(year);
      expect(events.length, String(year)).toBe(8);
      expect(() =>
        ZBankHolidayDivision.parse({ division: 'england-and-wales', events }),
      ).not.toThrow();
    }
  });

  it.each([
    // 1 Jan 2028 is a Saturday: Monday 3 Jan is the substitute.
    [
      2028,
      [
        '2028-01-03',
        '2028-04-14',
        '2028-04-17',
        '2028-05-01',
        '2028-05-29',
        '2028-08-28',
        '2028-12-25',
        '2028-12-26',
      ],
    ],
    // 25 and 26 Dec 2032 fall on a weekend: 27 and 28 Dec are the substitutes.
    [
      2032,
      [
        '2032-01-01',
        '2032-03-26',
        '2032-03-29',
        '2032-05-03',
        '2032-05-31',
        '2032-08-30',
        '2032-12-27',
        '2032-12-28',
      ],
    ],
    // 25 Dec 2033 is a Sunday and 26 Dec a Monday: Christmas moves to Tue 27 Dec.
    [
      2033,
      [
        '2033-01-03',
        '2033-04-15',
        '2033-04-18',
        '2033-05-02',
        '2033-05-30',
        '2033-08-29',
        '2033-12-26',
        '2033-12-27',
      ],
    ],
  ])('projects %i by rule', (year, dates) => {
    expect(projectedBankHolidays(year).map((event) => event.date)).toEqual(dates);
  });
});
