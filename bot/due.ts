// What each step of a conference puts in people's "my reviews" and the reminder run: the dates
// come from the rules, the people from the conference record.
import { dueDate } from '../src/rules/timescales.js';
import { reportDeadline } from '../src/rules/reports.js';
import type { Conference } from '../src/store/conferences.js';
import type { Decision } from '../src/store/decisions.js';
import type { DueItem } from '../src/store/due-items.js';
import type { Invitee } from '../src/store/invitees.js';
import type { Services } from './services.js';
import { localDateTime } from './time.js';
import { policyFor } from './policy.js';

const unique = (ids: (string | undefined)[]) => [...new Set(ids.filter((x): x is string => Boolean(x)))];

/** The item's title is what lists show beside the case reference: the child's initials, never a name. */
function item(c: Conference, kind: DueItem['kind'], due: string, userIds: (string | undefined)[], conferenceId: string | undefined = c.id): DueItem {
  return { kind, due, caseRef: c.caseRef, conferenceId, title: c.childInitials, userIds: unique(userIds), done: false };
}

export async function conferenceScheduled(s: Services, c: Conference, invitees: Invitee[]): Promise<void> {
  const start = localDateTime(new Date(c.scheduledAt));
  const reports = reportDeadline(start, policyFor(c), c.kind);
  const professionals = invitees.filter((i) => i.role === 'professional').map((i) => i.userId);
  await s.store.dueItems.schedule(item(c, 'conference', start.slice(0, 10), [c.chair.userId, ...invitees.map((i) => i.userId)]));
  await s.store.dueItems.schedule(item(c, 'report', reports.sendBy.slice(0, 10), professionals));
}

/** A decision is made: the conference is done and what it sets in motion is due. */
export async function decisionMade(s: Services, c: Conference, d: Decision, invitees: Invitee[], today: string): Promise<void> {
  const everyone = [c.chair.userId, ...invitees.map((i) => i.userId)];
  const held = new Date(c.scheduledAt) <= new Date(d.decidedAt) ? localDateTime(new Date(c.scheduledAt)).slice(0, 10) : today;
  await s.store.dueItems.complete({ kind: 'conference', due: held, caseRef: c.caseRef, conferenceId: c.id }).catch(() => undefined);
  if (d.outcome === 'deferred' && d.reconveneBy) {
    await s.store.dueItems.schedule(item(c, 'conference', d.reconveneBy, everyone, undefined));
    return;
  }
  if (d.outcome === 'stood-down') {
    await s.store.dueItems.schedule(item(c, 'conference', today, everyone, undefined));
    return;
  }
  await s.store.dueItems.schedule(item(c, 'minutes', dueDate('minutes', today), [c.chair.userId]));
  if (d.split && (d.outcome === 'cp-plan' || d.outcome === 'continue') && !d.chairRationale) {
    await s.store.dueItems.schedule(item(c, 'split-referral', dueDate('split-referral', today), [c.chair.userId]));
    await s.store.dueItems.schedule(item(c, 'split-panel', dueDate('split-panel', today), [c.chair.userId]));
  }
  if (d.recommendation === 'child-in-need') {
    await s.store.dueItems.schedule(item(c, 'cin-review', dueDate('cin-review', today), everyone));
  }
  if (d.outcome === 'discontinue') {
    await s.store.plans.end(c.caseRef, { on: today, reason: 'review-discontinued', conferenceId: c.id });
  }
}

/** The plan record fixes the review and the first core group (RULES.md, What a CP-plan decision must also record). */
export async function planRecorded(s: Services, c: Conference, d: Decision, invitees: Invitee[], today: string): Promise<void> {
  const core = d.coreGroup.map((m) => m.userId);
  if (d.firstReviewDate) {
    await s.store.dueItems.schedule(item(c, 'review', d.firstReviewDate, [c.chair.userId, d.leadProfessional?.userId, ...core, ...invitees.map((i) => i.userId)]));
  }
  if (d.firstCoreGroupDate) {
    await s.store.dueItems.schedule(item(c, 'core-group', d.firstCoreGroupDate, [d.leadProfessional?.userId, ...core]));
  }
  const current = await s.store.plans.current(c.caseRef);
  await s.store.plans.record({
    caseRef: c.caseRef,
    plan: 'cp',
    onPlanSince: current?.plan === 'cp' ? current.onPlanSince : today,
    category: d.category,
    nextReviewDate: d.firstReviewDate,
    startedBy: current?.plan === 'cp' ? current.startedBy : c.id,
    lastReviewedBy: c.id,
  });
}
