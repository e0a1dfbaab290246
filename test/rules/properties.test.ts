// Property tests of the working-day calendar against an independent oracle: the UTC weekday
// and the bank-holiday list for the year (itself pinned to the published list in calendar.test.ts).
import { expect } from 'chai';
import fc from 'fast-check';
import { addCalendarDays, addCalendarMonths, addWorkingDays, bankHolidays, isWorkingDay, workingDaysBetween } from '../../src/rules/index.js';

const holidayCache = new Map<number, Set<string>>();
function oracleWorkingDay(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let set = holidayCache.get(year);
  if (!set) holidayCache.set(year, (set = new Set(bankHolidays(year))));
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6 && !set.has(date);
}

// Any date from 2018 to 2035, as YYYY-MM-DD.
const anyDate = fc.integer({ min: 0, max: 365 * 18 }).map((k) => addCalendarDays('2018-01-01', k));
const someDays = fc.integer({ min: 0, max: 400 });

describe('calendar properties (Bolton procedures: working days exclude weekends and bank holidays)', () => {
  it('addWorkingDays never lands on a weekend or bank holiday', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 400 }), (d, n) => {
        const r = addWorkingDays(d, n);
        return oracleWorkingDay(r) && isWorkingDay(r);
      }),
    );
  });

  it('addWorkingDays(d, n) has exactly n working days in (d, result], and the result is one of them', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 120 }), (d, n) => {
        const r = addWorkingDays(d, n);
        let count = 0;
        for (let day = addCalendarDays(d, 1); day <= r; day = addCalendarDays(day, 1)) if (oracleWorkingDay(day)) count++;
        return count === n && workingDaysBetween(d, r) === n;
      }),
    );
  });

  it('addWorkingDays is strictly increasing in days and non-decreasing in the start date', () => {
    fc.assert(
      fc.property(anyDate, someDays, someDays, (d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const x = addWorkingDays(d, lo);
        const y = addWorkingDays(d, hi);
        return lo === hi ? x === y : x < y;
      }),
    );
    fc.assert(
      fc.property(anyDate, anyDate, someDays, (d1, d2, n) => {
        const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
        return addWorkingDays(lo, n) <= addWorkingDays(hi, n);
      }),
    );
  });

  it('counting back undoes counting forward from a working day', () => {
    fc.assert(
      fc.property(anyDate.filter(oracleWorkingDay), someDays, (d, n) => addWorkingDays(addWorkingDays(d, n), -n) === d),
    );
  });

  it('calendar months keep the day of the month, clamped to the month end (Bolton procedures, Review conferences)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 24 }), (d, m) => {
        const [y, mo, day] = d.split('-').map(Number) as [number, number, number];
        const total = y * 12 + (mo - 1) + m;
        const ty = Math.floor(total / 12);
        const tm = (total % 12) + 1;
        const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
        const expected = `${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
        expect(addCalendarMonths(d, m)).to.equal(expected);
      }),
    );
  });
});
