// Applies the lifecycle model's answer (src/rules/lifecycle.ts) to the store and the people it
// concerns: handlers say what happened; the model says what falls due, completes, is cancelled and
// is sent; this module writes it. No handler decides due items itself.
import { DUE_KIND_RULES, type Audience } from '../src/rules/due-kinds.js';
import { questionFor, transition, type CaseState, type ConferenceFacts, type LifecycleEvent, type Transition } from '../src/rules/lifecycle.js';
import type { Conference } from '../src/store/conferences.js';
import type { DueItem } from '../src/store/due-items.js';
import { inForce, planKey, type Plan } from '../src/store/plans.js';
import type { Store } from '../src/store/store.js';
import { planEndedCard } from '../cards/plan-ended.js';
import { audit, auditEntry, followDesk, retryInBackground } from './audit.js';
import type { AuditInput } from '../src/store/audit.js';
import type { CaseRows } from '../src/store/case-changes.js';
import { circulate } from './actions/circulation.js';
import { sendOnce } from './effects.js';
import type { Services } from './services.js';
import { localDate, localDateTime } from './time.js';
import { policyFor } from './policy.js';
import type { Turn } from './turn.js';

/** The day a conference was held: dates after it count from this day, whoever clicks later. */
export const heldOn = (c: Conference): string => c.heldOn ?? localDate(new Date(c.scheduledAt));

export function factsOf(c: Conference): ConferenceFacts {
  return { id: c.id, kind: c.kind, policy: policyFor(c), start: localDateTime(new Date(c.scheduledAt)), lookedAfter: c.lookedAfter };
}

/** What the model needs to know of a case: its plan and its open items. */
export async function caseState(s: Pick<Services, 'store'>, caseRef: string): Promise<{ state: CaseState; plan: Plan | undefined }> {
  return stateOf(await s.store.caseChanges.read(caseRef));
}

function stateOf(rows: CaseRows): { state: CaseState; plan: Plan | undefined } {
  // Rows come in key order, oldest first.
  const plan = inForce(rows.plans.map((p) => p.value));
  const open = rows.due.map((d) => d.value).filter((i) => !i.done);
  return {
    plan,
    state: {
      plan: plan && {
        kind: plan.plan,
        since: plan.onPlanSince,
        ...(plan.startedBy ? { startedBy: plan.startedBy } : {}),
        ...(plan.moveNotifiedOn ? { moveNotifiedOn: plan.moveNotifiedOn } : {}),
        ...(plan.lastCoreGroupOn ? { lastCoreGroupOn: plan.lastCoreGroupOn } : {}),
      },
      open: open.map((i) => ({ kind: i.kind, due: i.due, ...(i.conferenceId ? { conferenceId: i.conferenceId } : {}), for: DUE_KIND_RULES[i.kind].for })),
    },
  };
}

/** Is the child on a child protection plan now? (The question a conference asks follows it.) */
export async function onPlan(s: Services, caseRef: string): Promise<boolean> {
  return (await s.store.plans.current(caseRef))?.plan === 'cp';
}

/** The question this conference asks: a plan it started itself does not make it a review. */
export async function questionAt(s: Services, c: Conference): Promise<'initial' | 'review'> {
  const plan = await s.store.plans.current(c.caseRef);
  return questionFor(c.kind, plan?.plan === 'cp' && plan.startedBy !== c.id);
}

/**
 * Asks the model what follows `event` and applies it. A RuleError (the rules refuse the event) is
 * thrown before anything is written. `conference` is the conference the event is about, if any.
 */
export async function applyEvent(s: Services, turn: Turn, caseRef: string, event: LifecycleEvent, conference?: Conference): Promise<Transition> {
  const { t, people } = await applyToStore(s.store, caseRef, event, conference, {
    at: turn.now.toISOString(),
    // The step's audit entry is stored with the step (the case's outbox), never after it.
    audit: (t) =>
      auditEntry(turn, `lifecycle-${event.type}`, {
        conferenceId: conference?.id,
        caseRef,
        due: t.due.map((d) => `${d.kind} ${d.due}`),
        completed: t.completed.map((d) => `${d.kind} ${d.due}`),
        cancelled: t.cancelled.map((d) => `${d.kind} ${d.due}`),
        plan: t.plan,
      }),
    log: s.log,
  });
  if (changesStore(t)) await followDesk(s, turn, { conferenceId: conference?.id, caseRef });
  for (const notice of t.send) await send(s, turn, caseRef, notice, event, people);
  return t;
}

/**
 * The store's part of an event, as one step of the case (src/store/case-changes.ts): items
 * cancelled, completed and scheduled and the plan changed, with the step's audit entry, all or
 * nothing. Also used where there is no Teams turn (the desk recording minutes); nothing is sent
 * from here.
 */
export async function applyToStore(
  store: Store,
  caseRef: string,
  event: LifecycleEvent,
  conference: Conference | undefined,
  options: { at: string; audit?: (t: Transition) => AuditInput; log?: (message: string) => void },
): Promise<{ t: Transition; people: People }> {
  const { result, unrelayed } = await store.caseChanges.step(caseRef, options.at, async (rows) => {
    const { state, plan } = stateOf(rows);
    const t = transition(state, event);
    const people = new People(store, caseRef, conference, plan);
    const ref = (r: { kind: DueItem['kind']; due: string; conferenceId?: string }) => ({ kind: r.kind, due: r.due, caseRef, conferenceId: r.conferenceId });
    const initials = t.due.length ? ((await people.conference())?.childInitials ?? '?') : '?';
    const schedule: DueItem[] = [];
    for (const d of t.due) schedule.push({ ...ref(d), conferenceKind: d.conferenceKind, title: initials, userIds: await people.of(d.for), done: false });
    return {
      change: { cancel: t.cancelled.map(ref), complete: t.completed.map(ref), schedule, plans: planRows(caseRef, plan, t.plan) },
      audit: changesStore(t) ? options.audit?.(t) : undefined,
      result: { t, people },
    };
  });
  if (unrelayed) {
    // The step is stored; what follows it in other tables is retried here and by the case's next step.
    options.log?.(`case ${caseRef}: relaying the step's outbox failed, retrying in the background: ${unrelayed.error.message}`);
    void retryInBackground(
      () => store.caseChanges.finish(caseRef),
      () => options.log?.(`case ${caseRef}: outbox left for the case's next step or the reminder run's sweep`),
    );
  }
  return result;
}

/** Whether the model's answer touches the store (what is sent aside): only then is the step audited and the desk told. */
const changesStore = (t: Transition): boolean => Boolean(t.due.length || t.completed.length || t.cancelled.length || t.plan);

/** Each plan row as it is to be after the model's plan change (ended, started, dates noted). */
function planRows(caseRef: string, current: Plan | undefined, change: Transition['plan']): Plan[] {
  if (!change) return [];
  const rows = new Map<string, Plan>();
  const put = (p: Plan) => rows.set(planKey(p).rowKey, p);
  let inForce = current;
  if (change.end && inForce) {
    put({ ...inForce, ended: { on: change.end.on, reason: change.end.reason, conferenceId: change.start?.startedBy } });
    inForce = undefined;
  }
  if (change.start) {
    // A new plan replaces any other in force (a CIN plan when a CP plan starts).
    if (inForce) put({ ...inForce, ended: { on: change.start.on, reason: 'review-discontinued', conferenceId: change.start.startedBy } });
    inForce = { caseRef, plan: change.start.kind, onPlanSince: change.start.on, startedBy: change.start.startedBy, lastReviewedBy: change.start.startedBy };
    put(inForce);
  }
  const { moveNotifiedOn, lastCoreGroupOn, nextReviewDate } = change;
  if (inForce && (moveNotifiedOn || lastCoreGroupOn || nextReviewDate)) {
    put({ ...inForce, ...(moveNotifiedOn ? { moveNotifiedOn } : {}), ...(lastCoreGroupOn ? { lastCoreGroupOn } : {}), ...(nextReviewDate ? { nextReviewDate } : {}) });
  }
  return [...rows.values()];
}

async function send(s: Services, turn: Turn, caseRef: string, notice: Transition['send'][number], event: LifecycleEvent, people: People): Promise<void> {
  if (notice.what === 'decision') {
    const conference = await people.conference();
    if (!conference) return;
    await circulate(s, turn, conference);
    // Sent: the circulation is done (Bolton procedures, Record keeping: within 1 working day).
    await applyEvent(s, turn, caseRef, { type: 'decision-circulated', conference: factsOf(conference) }, conference);
    return;
  }
  if (notice.what === 'plan-ended' || notice.what === 'move-notified') {
    const initial = await people.initialConference();
    if (!initial || !('on' in event)) return;
    const reason = event.type === 'plan-ended' ? event.reason : 'moved-permanently';
    const card = planEndedCard({
      child: { caseRef, initials: initial.childInitials, fullName: initial.childFullName },
      reason,
      endedOn: event.on,
      recordedBy: turn.actor.name,
      note:
        notice.what === 'move-notified'
          ? `The move was notified on ${event.on}. The plan stays open until the receiving area's conference, due within 15 working days.`
          : event.type === 'receiving-conference-held'
            ? "The receiving area's conference has been held: the plan here has ended."
            : undefined,
    });
    let told = 0;
    for (const teamsId of await people.teamsIds(notice.to)) {
      // Once per person and event, whatever the deliveries and instances (claimed in the store first).
      await sendOnce(s, turn.now, initial.id, `${notice.what}|${event.on}|${teamsId}`, { card, to: { kind: 'user', teamsId, tenantId: turn.tenantId, serviceUrl: turn.context.activity.serviceUrl } }).then(
        (outcome) => (told += outcome === 'done-now' ? 1 : 0),
        (e: Error) => s.log(`${notice.what} notice failed: ${e.message}`),
      );
    }
    await audit(s, turn, `${notice.what}-sent`, { caseRef, told });
  }
  // Minutes are a document the chair sends; the model's notice is recorded with the event's audit.
}

/** Turns the model's audiences into people, reading each record once. */
class People {
  private cache = new Map<string, Promise<unknown>>();
  constructor(
    private readonly store: Store,
    private readonly caseRef: string,
    private readonly given: Conference | undefined,
    private readonly plan: Plan | undefined,
  ) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, load());
    return this.cache.get(key) as Promise<T>;
  }

  /** The event's conference, or the one that last reviewed the plan, or the latest of the case. */
  conference(): Promise<Conference | undefined> {
    return this.once('conference', async () => {
      if (this.given) return this.given;
      const id = this.plan?.lastReviewedBy ?? this.plan?.startedBy;
      const byPlan = id ? await this.store.conferences.get(id) : undefined;
      return byPlan ?? (await this.store.conferences.listForCase(this.caseRef)).at(-1);
    });
  }

  initialConference(): Promise<Conference | undefined> {
    return this.once('initial', async () => {
      const id = this.plan?.startedBy;
      return (id ? await this.store.conferences.get(id) : undefined) ?? (await this.conference());
    });
  }

  private invitees(c: Conference | undefined) {
    return c ? this.once(`invitees|${c.id}`, () => this.store.invitees.list(c.id)) : Promise.resolve([]);
  }

  /** Lead professional (and deputy) and core group named on the plan's latest record. */
  private planRecord() {
    return this.once('record', async () => {
      const id = this.plan?.lastReviewedBy ?? this.plan?.startedBy ?? this.given?.id;
      return id ? this.store.decisions.get(id) : undefined;
    });
  }

  async of(audiences: readonly Audience[]): Promise<string[]> {
    return [...new Set((await Promise.all(audiences.map((a) => this.one(a)))).flat())].slice(0, 200);
  }

  private async one(a: Audience): Promise<string[]> {
    const c = await this.conference();
    switch (a) {
      case 'chair':
        return c ? [c.chair.userId] : [];
      case 'invitees':
        return c ? [c.chair.userId, ...(await this.invitees(c)).map((i) => i.userId)] : [];
      case 'professionals':
        return (await this.invitees(c)).filter((i) => i.role === 'professional').map((i) => i.userId);
      case 'lead-professional': {
        const d = await this.planRecord();
        return [d?.leadProfessional?.userId, d?.leadDeputy?.userId].filter((x): x is string => Boolean(x));
      }
      case 'core-group': {
        const d = await this.planRecord();
        return [d?.leadProfessional?.userId, d?.leadDeputy?.userId, ...(d?.coreGroup ?? []).map((m) => m.userId)].filter((x): x is string => Boolean(x));
      }
      case 'initial-invitees': {
        const initial = await this.initialConference();
        return initial ? [initial.chair.userId, ...(await this.invitees(initial)).map((i) => i.userId)] : [];
      }
    }
  }

  /** Teams ids of the people, for 1:1 notices. */
  async teamsIds(audiences: readonly Audience[]): Promise<string[]> {
    const ids = new Set(await this.of(audiences));
    const conferences = [await this.conference(), await this.initialConference()].filter((c): c is Conference => Boolean(c));
    const out = new Set<string>();
    for (const c of conferences) {
      if (ids.has(c.chair.userId) && c.chair.teamsId) out.add(c.chair.teamsId);
      for (const i of await this.invitees(c)) if (ids.has(i.userId) && i.teamsId) out.add(i.teamsId);
    }
    return [...out];
  }
}
