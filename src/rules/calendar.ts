// Working days in England & Wales and calendar-month arithmetic.
// Dates travel as `YYYY-MM-DD` strings; inside, a date is a day number (days since
// 1970-01-01), so stepping a day is `+ 1` and nothing depends on the machine's time zone.
import Holidays from 'date-holidays';
// The one function's own module: date-fns' root entry loads all of date-fns (~180 MB of RSS).
import { addMonths } from 'date-fns/addMonths';
import { RuleError, shown } from './errors.js';

/** Years the calendar answers for: bank-holiday rules are only maintained for modern dates. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function checkYear(year: number, what: string, value: unknown): void {
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new RuleError(`${what} ${shown(value)} is outside the supported years ${MIN_YEAR}-${MAX_YEAR}`);
  }
}

/** `YYYY-MM-DD` → day number; a malformed or impossible date throws a RuleError naming it. */
export function parseDate(value: unknown, what = 'date'): number {
  const m = typeof value === 'string' ? DATE_RE.exec(value) : null;
  if (!m) throw new RuleError(`malformed ${what} ${shown(value)}: expected YYYY-MM-DD`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RuleError(`malformed ${what} ${shown(value)}: not a real calendar date`);
  }
  checkYear(year, what, value);
  return dayOf(year, month, day);
}

export function formatDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function yearOf(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (day 0, 1970-01-01, was a Thursday). */
export function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function isWeekend(dayNumber: number): boolean {
  const w = weekday(dayNumber);
  return w === 0 || w === 6;
}

// Bank holidays come from date-holidays (GB, region ENG = England & Wales), not a hand list.
// Its `public` entries include both a holiday and its substitute day when the holiday falls on
// a weekend, so weekend dates are dropped; what remains matches the published list.
// Lookups per call would cost ~0.4 ms, so each year's dates become a Set the first time asked.
let library: Holidays | undefined;
const holidaysByYear = new Map<number, ReadonlySet<number>>();
const listedByYear = new Map<number, number[]>();

/** Weekday `public` dates the library lists under `year` (a substitute may spill into the next). */
function listed(year: number): number[] {
  let days = listedByYear.get(year);
  if (days) return days;
  library ??= new Holidays('GB', 'ENG');
  days = library
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    // The library's dates read `YYYY-MM-DD hh:mm:ss`.
    .map((h) => dayOf(Number(h.date.slice(0, 4)), Number(h.date.slice(5, 7)), Number(h.date.slice(8, 10))))
    .filter((n) => !isWeekend(n));
  listedByYear.set(year, days);
  return days;
}

function holidaysIn(year: number): ReadonlySet<number> {
  let set = holidaysByYear.get(year);
  if (!set) {
    set = new Set([year - 1, year, year + 1].flatMap(listed).filter((n) => yearOf(n) === year));
    holidaysByYear.set(year, set);
  }
  return set;
}

function isWorkingDayNumber(dayNumber: number): boolean {
  return !isWeekend(dayNumber) && !holidaysIn(yearOf(dayNumber)).has(dayNumber);
}

function checkDays(days: unknown): number {
  if (typeof days !== 'number' || !Number.isSafeInteger(days)) {
    throw new RuleError(`malformed number of days ${shown(days)}: expected a whole number`);
  }
  return days;
}

/**
 * The `days`-th working day after `from` (before it, for negative `days`); `from` never counts.
 * Zero returns `from` unchanged.
 */
export function stepWorkingDays(from: number, days: number): number {
  const dir = days < 0 ? -1 : 1;
  let left = Math.abs(days);
  let d = from;
  let year = yearOf(d);
  let first = dayOf(year, 1, 1);
  let last = dayOf(year, 12, 31);
  let holidays = holidaysIn(year);
  while (left > 0) {
    d += dir;
    if (d < first || d > last) {
      year = yearOf(d);
      checkYear(year, 'result of counting working days from', formatDate(from));
      first = dayOf(year, 1, 1);
      last = dayOf(year, 12, 31);
      holidays = holidaysIn(year);
    }
    if (!isWeekend(d) && !holidays.has(d)) left--;
  }
  return d;
}

/** Calendar months with month-end clamping: 3 months after 30 Nov is 28 Feb (29 in a leap year). */
export function stepMonths(from: number, months: number): number {
  const start = new Date(from * DAY_MS);
  // Local noon, so no time zone or clock change can move the date date-fns works on.
  const local = new Date(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate(), 12);
  const r = addMonths(local, months);
  checkYear(r.getFullYear(), `${months} months from`, formatDate(from));
  return dayOf(r.getFullYear(), r.getMonth() + 1, r.getDate());
}

export function stepDays(from: number, days: number): number {
  const d = from + days;
  checkYear(yearOf(d), `${days} days from`, formatDate(from));
  return d;
}

/** The same day if it is a working day, else the nearest working day before it. */
export function workingDayOnOrBefore(dayNumber: number): number {
  return isWorkingDayNumber(dayNumber) ? dayNumber : stepWorkingDays(dayNumber, -1);
}

// The string API that other layers use.

/** Not a Saturday, Sunday or England & Wales bank holiday. */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(parseDate(date));
}

/** The `days`-th working day after `from` (`from` itself never counts). */
/** The date itself when it is a working day, else the last working day before it. */
export function lastWorkingDayOnOrBefore(date: string): string {
  return formatDate(workingDayOnOrBefore(parseDate(date)));
}

export function addWorkingDays(from: string, days: number): string {
  return formatDate(stepWorkingDays(parseDate(from, 'from date'), checkDays(days)));
}

export function addCalendarDays(from: string, days: number): string {
  return formatDate(stepDays(parseDate(from, 'from date'), checkDays(days)));
}

export function addCalendarMonths(from: string, months: number): string {
  if (typeof months !== 'number' || !Number.isSafeInteger(months)) {
    throw new RuleError(`malformed number of months ${shown(months)}: expected a whole number`);
  }
  return formatDate(stepMonths(parseDate(from, 'from date'), months));
}

/** Working days in (from, to]; negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string): number {
  const a = parseDate(from, 'from date');
  const b = parseDate(to, 'to date');
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let d = lo + 1; d <= hi; d++) if (isWorkingDayNumber(d)) count++;
  return sign * count;
}

/** England & Wales bank holidays that fall on a weekday, as `YYYY-MM-DD`, in order. */
export function bankHolidays(year: number): string[] {
  if (!Number.isSafeInteger(year)) throw new RuleError(`malformed year ${shown(year)}`);
  checkYear(year, 'year', year);
  return [...holidaysIn(year)].sort((a, b) => a - b).map(formatDate);
}
