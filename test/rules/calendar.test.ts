import { expect } from 'chai';
import {
  addCalendarMonths,
  addWorkingDays,
  bankHolidays,
  isWorkingDay,
  RuleError,
  workingDaysBetween,
} from '../../src/rules/index.js';

// The England & Wales bank holidays as published on GOV.UK, 2018–2027, one-offs included.
// Kept here only to check the library; the rules themselves take their dates from date-holidays.
const PUBLISHED: Record<number, string[]> = {
  2018: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
};

describe('calendar: England & Wales working days', () => {
  for (const [year, days] of Object.entries(PUBLISHED)) {
    it(`${year} bank holidays match the published England & Wales list (working days: Bolton procedures, Timing)`, () => {
      expect(bankHolidays(Number(year))).to.deep.equal(days.map((d) => `${year}-${d}`));
    });
  }

  it('one-off bank holidays are not working days: VE Day 2020, Platinum Jubilee 2022, State Funeral 2022, Coronation 2023 (Bolton procedures, working days)', () => {
    for (const d of ['2020-05-08', '2022-06-03', '2022-09-19', '2023-05-08']) expect(isWorkingDay(d), d).to.equal(false);
    // The days they replaced or sat beside are ordinary working days.
    for (const d of ['2020-05-04', '2022-05-30', '2022-09-20', '2023-05-09']) expect(isWorkingDay(d), d).to.equal(true);
  });

  it('weekends are not working days, and a weekend holiday does not also block its weekday (Bolton procedures, working days)', () => {
    expect(isWorkingDay('2024-06-01')).to.equal(false); // Saturday
    expect(isWorkingDay('2024-06-02')).to.equal(false); // Sunday
    expect(isWorkingDay('2020-12-26')).to.equal(false); // Boxing Day on a Saturday…
    expect(isWorkingDay('2020-12-28')).to.equal(false); // …its substitute Monday
    expect(isWorkingDay('2020-12-29')).to.equal(true);
  });

  describe('addWorkingDays', () => {
    it('the start date never counts, even when it is a working day (Bolton procedures, Timing)', () => {
      expect(addWorkingDays('2024-06-03', 1)).to.equal('2024-06-04'); // Mon → Tue
      expect(addWorkingDays('2024-06-07', 1)).to.equal('2024-06-10'); // Fri → Mon
      expect(addWorkingDays('2024-06-08', 1)).to.equal('2024-06-10'); // Sat → Mon
      expect(addWorkingDays('2024-06-03', 0)).to.equal('2024-06-03');
    });

    it('ICPC within 15 working days across Christmas and New Year 2024/25 (Bolton procedures, Timing)', () => {
      // Strategy discussion Fri 13 Dec 2024; 25, 26 Dec and 1 Jan are bank holidays.
      expect(addWorkingDays('2024-12-13', 15)).to.equal('2025-01-08');
    });

    it('across Christmas when both Christmas and Boxing Day fall at a weekend, 2021 (Bolton procedures, Timing)', () => {
      // 25/26 Dec 2021 are Sat/Sun; substitutes Mon 27 and Tue 28 Dec; 3 Jan 2022 substitutes New Year.
      expect(addWorkingDays('2021-12-24', 1)).to.equal('2021-12-29');
      expect(addWorkingDays('2021-12-24', 3)).to.equal('2021-12-31');
      expect(addWorkingDays('2021-12-24', 4)).to.equal('2022-01-04');
    });

    it('across Easter 2025: Good Friday and Easter Monday skipped (Bolton procedures, Timing)', () => {
      expect(addWorkingDays('2025-04-17', 1)).to.equal('2025-04-22');
      expect(addWorkingDays('2025-04-11', 5)).to.equal('2025-04-22');
    });

    it('missing child within 5 working days across the 2022 Jubilee weekend (Bolton procedures, Children who go missing)', () => {
      // Thu 2 Jun (moved spring bank holiday) and Fri 3 Jun (Platinum Jubilee).
      expect(addWorkingDays('2022-06-01', 1)).to.equal('2022-06-06');
      expect(addWorkingDays('2022-06-01', 5)).to.equal('2022-06-10');
    });

    it('across the State Funeral 2022-09-19 and the Coronation 2023-05-08 (Bolton procedures, working days)', () => {
      expect(addWorkingDays('2022-09-16', 1)).to.equal('2022-09-20');
      expect(addWorkingDays('2023-05-05', 1)).to.equal('2023-05-09');
      expect(addWorkingDays('2023-04-28', 1)).to.equal('2023-05-02'); // early May bank holiday 1 May
    });

    it('counts backwards for negative days (Barnsley chair\'s guidance, report 2 days before)', () => {
      expect(addWorkingDays('2025-04-22', -1)).to.equal('2025-04-17');
      expect(addWorkingDays('2025-01-02', -2)).to.equal('2024-12-30');
    });

    it('rejects malformed dates and day counts, naming them', () => {
      expect(() => addWorkingDays('2024-02-30', 1)).to.throw(RuleError, /2024-02-30/);
      expect(() => addWorkingDays('13/12/2024', 1)).to.throw(RuleError, /13\/12\/2024/);
      expect(() => addWorkingDays('2024-06-03', 1.5)).to.throw(RuleError, /1\.5/);
      expect(() => isWorkingDay('1800-01-01')).to.throw(RuleError, /supported years/);
    });
  });

  describe('calendar months (month-end clamping)', () => {
    it('3 months after 30 Nov is 29 Feb in a leap year, 28 Feb otherwise (Bolton procedures, Review conferences)', () => {
      expect(addCalendarMonths('2023-11-30', 3)).to.equal('2024-02-29');
      expect(addCalendarMonths('2022-11-30', 3)).to.equal('2023-02-28');
      expect(addCalendarMonths('2023-11-29', 3)).to.equal('2024-02-29');
      expect(addCalendarMonths('2024-11-29', 3)).to.equal('2025-02-28');
    });

    it('6 months after a month end clamps to the shorter month (Bolton procedures, Review conferences)', () => {
      expect(addCalendarMonths('2024-08-31', 6)).to.equal('2025-02-28');
      expect(addCalendarMonths('2024-03-31', 6)).to.equal('2024-09-30');
      expect(addCalendarMonths('2023-12-31', 6)).to.equal('2024-06-30');
      expect(addCalendarMonths('2024-02-29', 6)).to.equal('2024-08-29');
      expect(addCalendarMonths('2024-02-29', 12)).to.equal('2025-02-28');
    });
  });

  it('workingDaysBetween counts the working days in (from, to] (Bolton procedures, Timing)', () => {
    expect(workingDaysBetween('2024-12-13', '2025-01-08')).to.equal(15);
    expect(workingDaysBetween('2025-01-08', '2024-12-13')).to.equal(-15);
    expect(workingDaysBetween('2024-06-03', '2024-06-03')).to.equal(0);
  });
});
