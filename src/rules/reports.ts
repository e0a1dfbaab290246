// When reports for a conference are due: a local policy (Bolton 24 hours before, Barnsley 2 days),
// which may differ by kind of conference (e.g. 3 days before an initial, 5 before a review).
import { LocalDateTime } from './types.js';
import { formatDate, parseDate, stepDays, stepWorkingDays, workingDayOnOrBefore } from './calendar.js';
import { parseInput } from './errors.js';
import { parseKind } from './kinds.js';
import { policyOf, reportRuleFor } from './policies.js';
import { citeIn, type Policy, type PolicyCitation } from './policy-schema.js';
import type { RuleWarning } from './warnings.js';

export interface ReportDeadline {
  /** Latest local date and time, `YYYY-MM-DDTHH:mm`, as the policy words it. */
  by: string;
  /** The same clock time on the last working day on or before `by`: what invitees are asked for. */
  sendBy: string;
  sendTo: string;
  rule: string;
  citation: PolicyCitation;
  warnings: RuleWarning[];
}

const MINUTES_A_DAY = 24 * 60;

function split(start: string): { day: number; minutes: number } {
  const s = parseInput(LocalDateTime, start, 'conference start');
  return { day: parseDate(s.slice(0, 10), 'conference date'), minutes: Number(s.slice(11, 13)) * 60 + Number(s.slice(14, 16)) };
}

function join(day: number, minutes: number): string {
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${formatDate(day)}T${hh}:${mm}`;
}

/**
 * The report deadline before a conference starting at `conferenceStart` (local wall-clock time).
 * "24 hours before" is taken as the same clock time on the previous day; "2 working days before"
 * as the same clock time 2 working days earlier; "3 days before" as 3 calendar days earlier.
 * `kind` picks the policy's rule for that kind of conference, where it has one.
 */
export function reportDeadline(conferenceStart: string, policy: string | Policy, kind?: string): ReportDeadline {
  const p = policyOf(policy);
  const rule = reportRuleFor(p, kind === undefined ? undefined : parseKind(kind));
  const { day, minutes } = split(conferenceStart);
  let byDay: number;
  let byMinutes: number;
  let words: string;
  if (rule.kind === 'hours-before') {
    const total = day * MINUTES_A_DAY + minutes - rule.hours * 60;
    byDay = Math.floor(total / MINUTES_A_DAY);
    byMinutes = total - byDay * MINUTES_A_DAY;
    words = `${rule.hours} hours before the conference`;
  } else if (rule.kind === 'working-days-before') {
    byDay = stepWorkingDays(day, -rule.days);
    byMinutes = minutes;
    words = `${rule.days} working days before the conference`;
  } else {
    byDay = stepDays(day, -rule.days);
    byMinutes = minutes;
    words = `${rule.days} days before the conference`;
  }
  const warnings: RuleWarning[] = [];
  const workingDay = workingDayOnOrBefore(byDay);
  if (workingDay !== byDay) {
    warnings.push({
      code: 'report-deadline-not-working-day',
      message: `${words} falls on ${formatDate(byDay)}, not a working day: send reports by ${formatDate(workingDay)}.`,
      requiresReason: false,
      citation: rule.citation,
    });
  }
  return {
    by: join(byDay, byMinutes),
    sendBy: join(workingDay, byMinutes),
    sendTo: rule.sendTo,
    rule: `reports ${words}, to ${rule.sendTo} (${citeIn(p, rule.citation)})`,
    citation: rule.citation,
    warnings,
  };
}

/**
 * What the scheduler must hear about the report deadline when the invitations go out at `now`
 * (both on the area's wall clock): it has passed, or it is less than one working day away — so
 * invitees cannot be expected to meet it, and the chair may need to allow for late reports.
 */
export function reportDeadlineNotice(deadline: Pick<ReportDeadline, 'sendBy' | 'citation'>, now: string): RuleWarning | undefined {
  const at = parseInput(LocalDateTime, now, 'now');
  const by = parseInput(LocalDateTime, deadline.sendBy, 'report deadline');
  const when = `${formatDate(parseDate(by.slice(0, 10), 'report deadline'))} ${by.slice(11)}`;
  if (by <= at) {
    return { code: 'report-deadline-passed', message: `The report deadline (${when}) has already passed: invitees are asked to send reports as soon as they can.`, requiresReason: false, citation: deadline.citation };
  }
  const oneWorkingDay = `${formatDate(stepWorkingDays(parseDate(at.slice(0, 10), 'now'), 1))}T${at.slice(11)}`;
  if (by < oneWorkingDay) {
    return { code: 'report-deadline-short', message: `The report deadline (${when}) is less than one working day away: invitees may not manage it.`, requiresReason: false, citation: deadline.citation };
  }
  return undefined;
}
