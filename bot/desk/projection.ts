// Keeps the desk's indexes in step with the conference records: after every audited change to
// a conference (bot/audit.ts), its fact row and its case's plan rows are worked out again from
// the stored records and written where the desk reads them. The stamp is the length of the
// conference's audit trail, read before the records: it only grows, so the newest view wins.
import { hasOpenDuty, type ConferenceFact, type PlanFact } from '../../src/rules/desk.js';
import { addCalendarDays } from '../../src/rules/calendar.js';
import { isReviewKind } from '../../src/rules/kinds.js';
import { needsExceptionalReason } from '../../src/rules/lifecycle.js';
import { factsOf } from '../lifecycle.js';
import type { Conference } from '../../src/store/conferences.js';
import type { StampedFact } from '../../src/store/desk.js';
import type { Store } from '../../src/store/store.js';
import { localDate, localDateTime } from '../time.js';
import { quoracyOf } from '../views.js';

/** Refreshes one conference's desk rows and its case's plans. `tenantId`: where a conference not yet on the desk belongs. */
export async function refreshConference(store: Store, conferenceId: string, tenantId: string): Promise<void> {
  const trail = await store.audit.forConference(conferenceId);
  const conference = await store.conferences.get(conferenceId);
  if (!conference) return;
  const tenant = (await store.desk.whereIs(conferenceId))?.tenantId ?? tenantId;
  const fact = await conferenceFact(store, conference, tenant, trail);
  await store.desk.putConference({ ...fact, stamp: trail.length }, hasOpenDuty(fact, fact.date));
  await refreshPlans(store, conference.caseRef, tenant);
}

async function conferenceFact(store: Store, c: Conference, tenantId: string, trail: { action: string; at: string }[]): Promise<ConferenceFact> {
  const [invitees, decision, rounds, minutes, amendments] = await Promise.all([
    store.invitees.list(c.id),
    store.decisions.get(c.id),
    store.votes.listRounds(c.id),
    store.minutes.get(c.id),
    store.dueItems.forCase(c.caseRef, { kinds: ['minute-amendments'], includeDone: true }),
  ]);
  // Minutes recorded by the chair's command ("minutes sent CASE DATE") open the 21-day amendments
  // window from the day they were sent (Bolton procedures, Record keeping): its due date gives that day.
  const window = amendments.find((i) => i.conferenceId === c.id);
  const closed = trail.find((e) => e.action === 'lifecycle-amendment-window-closed');
  const sentByCommand = window ? addCalendarDays(window.due, -21) : undefined;
  const forecast = quoracyOf(invitees, 'forecast');
  const answers = invitees.map((i) => i.rsvp?.response);
  const count = (r: string) => answers.filter((a) => a === r).length;
  const local = localDateTime(new Date(c.scheduledAt));
  const circulated = trail.find((e) => e.action === 'decision-circulated');
  const lastRound = rounds.at(-1);
  const planDecision = decision && (decision.outcome === 'cp-plan' || decision.outcome === 'continue');
  // A looked-after child made subject to a plan (or a first review ending one) needs the chair's
  // recorded exceptional circumstances (Bolton procedures; docs/rules.md, warnings needing a reason).
  const exceptional = decision && decision.outcome !== 'deferred' && decision.outcome !== 'stood-down' && !decision.exceptionalCircumstances && needsExceptionalReason(factsOf(c), decision.outcome);
  const awaitingChair: ConferenceFact['awaitingChair'] =
    !decision && lastRound?.status === 'closed' && c.status === 'in-progress'
      ? 'split-decision'
      : exceptional
        ? 'exceptional-circumstances'
        : planDecision && !decision.category
        ? 'category'
        : planDecision && !decision.firstReviewDate
          ? 'plan-record'
          : undefined;
  return {
    conferenceId: c.id,
    tenantId,
    caseRef: c.caseRef,
    childInitials: c.childInitials,
    kind: c.kind,
    policy: c.policy,
    chairId: c.chair.userId,
    chairName: c.chair.name,
    status: c.status,
    date: local.slice(0, 10),
    time: local.slice(11, 16),
    triggerDate: c.triggerDate,
    s47StartDate: c.s47StartDate,
    dueBy: c.dueBy,
    lateReason: c.lateReason !== undefined,
    invited: invitees.length,
    answered: answers.filter(Boolean).length,
    attending: count('attending'),
    apologies: count('apologies'),
    reports: count('written-report'),
    deputies: count('deputy'),
    forecastQuorate: forecast.quorate,
    forecastMissing: forecast.missing,
    quoracyBreach: (decision?.quoracyBreachReason ?? c.quoracyBreachReason) !== undefined,
    outcome: decision?.outcome,
    split: decision?.split ?? false,
    awaitingChair,
    decidedOn: decision ? localDate(new Date(decision.decidedAt)) : undefined,
    category: decision?.category?.primary,
    circulatedOn: circulated ? localDate(new Date(circulated.at)) : undefined,
    minutesSentOn: minutes?.sentOn ?? sentByCommand,
    amendmentsClosedOn: minutes?.amendmentsClosedOn ?? (window?.done && closed ? localDate(new Date(closed.at)) : undefined),
  };
}

/** The case's CP plans as the census sees them. */
export async function refreshPlans(store: Store, caseRef: string, tenantId: string): Promise<void> {
  const plans = (await store.plans.history(caseRef)).filter((p) => p.plan === 'cp');
  if (plans.length === 0) return;
  const conferences = await store.conferences.listForCase(caseRef);
  const dateOf = (c: Conference) => localDate(new Date(c.scheduledAt));
  const facts: PlanFact[] = await Promise.all(
    plans.map(async (p, i) => {
      const start = conferences.find((c) => c.id === p.startedBy);
      const startDecision = start ? await store.decisions.get(start.id) : undefined;
      const initialCategory = startDecision?.category ?? p.category;
      const end = p.ended?.on;
      return {
        tenantId,
        caseRef,
        startDate: p.onPlanSince,
        endDate: end,
        initialCategory: initialCategory ? [initialCategory.primary, ...initialCategory.others] : [],
        latestCategory: p.category ? [p.category.primary, ...p.category.others] : [],
        previousPlans: i,
        initialConferenceDate: start ? dateOf(start) : undefined,
        s47StartDate: start?.s47StartDate,
        reviewDates: conferences
          .filter((c) => isReviewKind(c.kind) && (c.status === 'decided' || c.status === 'closed'))
          .map(dateOf)
          .filter((d) => d >= p.onPlanSince && (end === undefined || d <= end)),
      };
    }),
  );
  await Promise.all(facts.map((f) => store.desk.putPlan(f)));
}

export type { StampedFact };
