// The rules engine's public entry point: pure functions, no I/O, no clock ("today" is a parameter).
// Rules and their sources: ../../docs/rules.md.
export * from './types.js';
export { RuleError } from './errors.js';
export { SourceDoc, SOURCE_TITLES, Citation, cite } from './sources.js';
export { RuleWarning, WarningCode } from './warnings.js';
export {
  MIN_YEAR,
  MAX_YEAR,
  isWorkingDay,
  addWorkingDays,
  addCalendarDays,
  addCalendarMonths,
  workingDaysBetween,
  bankHolidays,
} from './calendar.js';
export {
  Span,
  TimescaleRule,
  TIMESCALES,
  timescaleRule,
  describeTimescale,
  dueDate,
  conferenceDueDate,
  reviewTimescaleAfter,
  nextReviewDue,
  preBirthWarning,
  planRecordLimits,
  deferral,
  CORE_GROUP_INTERVAL_WEEKS,
  laterCoreGroupWindow,
} from './timescales.js';
export type { ConferenceDue, PlanRecordLimits } from './timescales.js';
