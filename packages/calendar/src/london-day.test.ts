import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addMonthsToDay, dayNumberFromIso, dayNumberOf, isoDateOf } from './london-day.ts';

describe('local dates agree with Luxon', () => {
  it('for every hour of 2020-2027 and every minute around each clock change', () => {
    const mismatches: string[] = [];
    const check = (ms: number) => {
      const luxonDay = DateTime.fromMillis(ms, { zone: 'Europe/London' }).toISODate();
      if (isoDateOf(dayNumberOf(new Date(ms))) !== luxonDay) {
        mismatches.push(new Date(ms).toISOString());
      }
    };
    const HOUR = 3_600_000;
    for (let ms = Date.UTC(2020, 0, 1); ms < Date.UTC(2028, 0, 1); ms += HOUR) check(ms);
    for (let year = 2020; year <= 2027; year++) {
      for (const month of [2, 9]) {
        // Last Sunday of March / October, 23:00 UTC the evening before to 03:00 UTC.
        const last = new Date(Date.UTC(year, month + 1, 0));
        const sunday = last.getUTCDate() - last.getUTCDay();
        const from = Date.UTC(year, month, sunday) - HOUR;
        for (let ms = from; ms < from + 4 * HOUR; ms += 60_000) check(ms);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses an invalid Date (the working-day loops would never end)', () => {
    expect(() => dayNumberOf(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('addMonthsToDay', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-03-15', -15, '2023-12-15'],
  ])('%s + %i months = %s, as Luxon clamps', (from, months, expected) => {
    const ours = isoDateOf(addMonthsToDay(dayNumberFromIso(from), months));
    expect(ours).toBe(expected);
    expect(ours).toBe(DateTime.fromISO(from, { zone: 'utc' }).plus({ months }).toISODate());
  });
});
