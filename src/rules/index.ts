// The rules engine's public entry point: pure functions, no I/O, no clock ("today" is a parameter).
// Each rule and the procedure document it comes from: ../../docs/rules.md.
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
  lastWorkingDayOnOrBefore,
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
export { reportDeadline, reportDeadlineNotice } from './reports.js';
export type { ReportDeadline } from './reports.js';
export { AgendaItem, CUMBRIA_AGENDA, BARNSLEY_AGENDA, DEFAULT_AGENDA } from './agendas.js';
export { Policy, SplitRule, ReportDeadlineRule, POLICIES, getPolicy, agendaFor } from './policies.js';
export {
  PolicyKey,
  PolicyCitation,
  PolicyDocument,
  DecisionMode,
  ReportDeadlinesByKind,
  InquorateRule,
  citeIn,
  policyProblems,
  policyOf,
  reportRuleFor,
} from './policies.js';
export { quoracy, OTHER_AGENCIES_NEEDED, QUORACY_CITATION, NON_MEMBER_ROLES, nonMemberWhy } from './quoracy.js';
export { quoracyAtTable, roleAtTable, NON_PROFESSIONAL_AGENCIES, Participant } from './quoracy.js';
export { isReviewKind, parseKind } from './kinds.js';
export type { QuoracyResult, Excluded } from './quoracy.js';
export { tally, TallyOptions, decisionWarnings, splitReferral, chairSplitDecision, ChairDecisionInput, referralUnder } from './tally.js';
export type { TallyResult, CountedVote, Dissent, ChairDecision } from './tally.js';
export { chairDecision, ChairThroughoutInput } from './chair-decision.js';
export type { ChairThroughoutDecision } from './chair-decision.js';
export { categoryDecision, CategoryInput } from './category.js';
export type { CategoryDecision } from './category.js';
export { planEndWithoutReview } from './plan-end.js';
export type { PlanEndWithoutReview } from './plan-end.js';
export { DueKind, Audience, DUE_KIND_RULES, PLAN_ITEMS, REVIEW_ITEMS, CORE_GROUP_ITEMS } from './due-kinds.js';
export {
  DueEntry,
  PlanState,
  ConferenceFacts,
  NoticeKind,
  TRANSITION_SOURCES,
  COMPLETED_BY,
  transition,
  applyTransition,
  planRecordWindow,
  questionFor,
  needsExceptionalReason,
  parsePlanEndReason,
  sameRef,
} from './lifecycle.js';
export type { DueRef, CaseState, LifecycleEvent, LifecycleEventType, Notice, PlanChange, Transition, PlanRecordWindow } from './lifecycle.js';
