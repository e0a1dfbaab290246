// Scheduling a conference (RULES.md, Conference kinds and when they must happen): the statutory
// due date from the rules, refusal of a later date without a reason, invitations 1:1 and the
// chair's RSVP summary.
import { conferenceDueDate, preBirthWarning, reviewTimescaleAfter } from '../../src/rules/timescales.js';
import { ConferenceKind, IsoDate } from '../../src/rules/types.js';
import type { Conference } from '../../src/store/conferences.js';
import { agencyLabel, fieldLabel, formatDate, INVITEE_ROWS, parseCardAction, scheduleInvitees, type ActionOf, type FormValues } from '../../cards/index.js';
import { scheduleConfirmationCard } from '../../cards/schedule-confirmation.js';
import { FORM_ROWS, scheduleFormCard } from '../../cards/schedule-form.js';
import { audit, auditAction, followDesk } from '../audit.js';
import { reportWarnings, sendInvitations, sendRsvpSummary } from './invitations.js';
import { applyEvent, factsOf } from '../lifecycle.js';
import { createHash } from 'node:crypto';
import { findPerson } from '../people.js';
import { showNotOnTeams } from './not-on-teams.js';
import type { Services } from '../services.js';
import { fromLocal, localDate } from '../time.js';
import { policyVersionLabel } from '../policy.js';
import { UserError, type ActionOutcome, type Reply, type Turn } from '../turn.js';
import { AGENCIES, namedChild } from '../views.js';

export function requireScheduler(s: Services, turn: Turn): void {
  const admins = s.config.ADMIN_USER_IDS;
  if (admins.length > 0 && !turn.isAdmin) throw new UserError('Only the Child Protection Unit (configured admins) can schedule conferences.', 'Not allowed');
}

/** The form names the child and the family: it is filled only in a 1:1 chat. */
function requirePersonal(turn: Turn): void {
  if (turn.conversation.type !== 'personal') throw new UserError('The scheduling form is private: type "schedule" in your 1:1 chat with me.', 'Private form');
}

/** The ids of the form's inputs: what a refusal sends back as typed. */
const FORM_FIELDS = [
  'caseRef', 'childInitials', 'childFullName', 'lookedAfter', 'kind', 'triggerDate', 'date', 'time', 'location', 'policy',
  'chairName', 'chairContact', 'lateReason', 'expectedDeliveryDate', 'inviteeLines',
  ...Array.from({ length: INVITEE_ROWS }, (_, i) => ['Name', 'Contact', 'Agency', 'Role', 'Direct'].map((k) => `invitee${i + 1}${k}`)).flat(),
];

/** The form's values as typed (strings only; anything else a client sent is dropped). */
export function typedValues(raw: unknown): FormValues {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return Object.fromEntries(
    FORM_FIELDS.flatMap((k) => {
      const v = o[k];
      if (typeof v === 'string') return [[k, v.slice(0, 8000)]];
      return typeof v === 'boolean' ? [[k, String(v)]] : [];
    }),
  );
}

const shownRowsOf = (raw: unknown) => {
  const n = Number((raw as { shownRows?: unknown } | undefined)?.shownRows);
  return Number.isInteger(n) && n >= 1 && n <= INVITEE_ROWS ? n : undefined;
};

/** The statutory due date of what was typed, when kind and trigger date are both readable. */
function dueOf(values: FormValues): { due?: string; rule?: string } {
  const kind = ConferenceKind.safeParse(values.kind);
  const trigger = IsoDate.safeParse(values.triggerDate);
  if (!kind.success || !trigger.success) return {};
  const due = conferenceDueDate(kind.data, trigger.data);
  return due.due ? { due: due.due, rule: due.rule } : { rule: due.rule };
}

/** Checks on the date that need the clock or the rules: not in the past, not after the due date without a reason. */
function dateProblems(values: FormValues, now: Date, due: string | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  const date = IsoDate.safeParse(values.date);
  if (!date.success) return errors;
  const time = /^([01]\d|2[0-3]):[0-5]\d$/.test(values.time ?? '') ? values.time! : '23:59';
  if (fromLocal(`${date.data}T${time}`) <= now) errors.date = `${formatDate(date.data)} is in the past: choose a later date.`;
  else if (due && date.data > due && !(values.lateReason ?? '').trim()) {
    errors.date = `The conference must be held by ${formatDate(due)}. Choose an earlier date, or record why it is later.`;
    errors.lateReason = 'Needed: the date is after the statutory due date.';
  }
  return errors;
}

/** The form again, every value as typed, each message beside its field. */
export function scheduleForm(s: Services, values: FormValues, o: { errors?: Record<string, string>; problems?: string[]; shownRows?: number; intro?: string; offerInviteByUnit?: boolean } = {}) {
  const due = dueOf(values);
  return scheduleFormCard({ agencies: AGENCIES, policies: policyChoices(s), values, errors: o.errors, problems: o.problems, dueDate: due.due, dueRule: due.rule, shownRows: o.shownRows && Math.min(o.shownRows, FORM_ROWS), intro: o.intro, offerInviteByUnit: o.offerInviteByUnit });
}

/**
 * "schedule": the form, the chair prefilled with the person scheduling. Typed in a group chat or
 * channel, the form opens in the person's 1:1 chat and the group is told only that.
 */
export async function openSchedule(s: Services, turn: Turn, prefill: { values?: FormValues; intro?: string } = {}): Promise<Reply> {
  requireScheduler(s, turn);
  const values = { chairName: turn.actor.name, chairContact: turn.actor.teamsId, ...prefill.values };
  const form = scheduleForm(s, values, { intro: prefill.intro });
  if (turn.conversation.type === 'personal') return { cards: [form] };
  await s.messenger.toUser({ teamsId: turn.actor.teamsId, tenantId: turn.tenantId, serviceUrl: turn.context.activity.serviceUrl }, form);
  await audit(s, turn, 'schedule-form-opened-privately', { from: turn.conversation.type });
  return { text: `${turn.actor.name}, the scheduling form is private: I have opened it in your 1:1 chat with me.` };
}

/** "Check dates" and "More rows": the form again with the due date and any problems so far. */
export async function scheduleDraft(s: Services, turn: Turn, a: ActionOf<'scheduleDraft'>): Promise<ActionOutcome> {
  requireScheduler(s, turn);
  requirePersonal(turn);
  const values = typedValues(a);
  // Only what was typed is checked: an empty field is not yet a mistake.
  const typed = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
  const parsed = parseCardAction({ ...typed, verb: 'schedule' });
  const errors = parsed.ok ? {} : Object.fromEntries(Object.entries(parsed.fields).filter(([k]) => k in typed));
  Object.assign(errors, dateProblems(values, turn.now, dueOf(values).due));
  const form = scheduleForm(s, values, { errors, shownRows: a.shownRows });
  const due = dueOf(values).due;
  return { own: form, notice: due ? `Statutory due date: ${formatDate(due)}.` : 'Choose the kind and trigger date to see the due date.' };
}

/** A refused submission: the form comes back as typed, each message beside its field. */
export async function scheduleRefused(s: Services, turn: Turn, raw: unknown, fields: Record<string, string>, problems: string[]): Promise<ActionOutcome> {
  requireScheduler(s, turn);
  requirePersonal(turn);
  const values = typedValues(raw);
  const errors = { ...fields, ...dateProblems(values, turn.now, dueOf(values).due) };
  const general = problems.filter((p) => !Object.keys(fields).some((k) => p.startsWith(`${fieldLabel(k)}:`)));
  return { own: scheduleForm(s, values, { errors, problems: general, shownRows: shownRowsOf(raw) }), notice: `Nothing was scheduled. ${problems.join(' ')}`.slice(0, 1000) };
}

export async function schedule(s: Services, turn: Turn, a: ActionOf<'schedule'>): Promise<ActionOutcome> {
  requireScheduler(s, turn);
  requirePersonal(turn);
  const policy = s.policies.get(a.policy);
  const invitees = scheduleInvitees(a);
  const due = conferenceDueDate(a.kind, a.triggerDate);
  const values = typedValues(a);
  const errors = dateProblems(values, turn.now, due.due ?? undefined);
  const warnings = a.kind === 'pre-birth' && a.expectedDeliveryDate ? [preBirthWarning(a.date, a.expectedDeliveryDate)?.message].filter((w): w is string => Boolean(w)) : [];
  const [chairFound, ...lookups] = await Promise.all([a.chairContact, ...invitees.map((i) => i.contact)].map((c) => findPerson(turn, c, s.directory)));
  if (chairFound?.kind !== 'found') errors.chairContact = chairFound?.why ?? 'Not found in Teams.';
  // One person the bot cannot reach never blocks the conference: the scheduler chooses.
  let unreachable = 0;
  lookups.forEach((l, i) => {
    if (l.kind === 'found' || a.inviteOthersByUnit) return;
    unreachable += 1;
    const inv = invitees[i]!;
    const row = inv.row ? `invitee${inv.row}Contact` : 'inviteeLines';
    const said = inv.row ? l.why : `${inv.name}: ${l.why}`;
    errors[row] = errors[row] ? `${errors[row]} ${said}` : said;
  });
  if (!policy) errors.policy = `There are no procedures "${a.policy}" here; choose one of: ${s.policies.list().map((p) => p.area).join(', ')}.`;
  if (Object.keys(errors).length > 0 || !policy || chairFound?.kind !== 'found') {
    const form = scheduleForm(s, values, { errors, shownRows: a.shownRows, offerInviteByUnit: unreachable > 0 });
    return { own: form, notice: `Nothing was scheduled. ${Object.values(errors).join(' ')}`.slice(0, 1000) };
  }
  const chair = chairFound.person;
  const people = lookups.map((l) => (l.kind === 'found' ? l.person : undefined));
  const conference: Conference = {
    id: conferenceIdOf(a.caseRef, a.date, a.kind),
    caseRef: a.caseRef,
    childInitials: a.childInitials.replace(/[^A-Za-z]/g, '').toUpperCase(),
    childFullName: a.childFullName,
    kind: a.kind,
    // The conference keeps the policy as it is now, and runs under it to the end.
    policy: policy.id,
    policyVersion: policy.version,
    policySnapshot: policy,
    scheduledAt: fromLocal(`${a.date}T${a.time}`).toISOString(),
    location: a.location,
    triggerDate: a.triggerDate,
    dueBy: due.due ?? a.date,
    lateReason: a.lateReason,
    chair: { userId: chair.aadObjectId, name: a.chairName, teamsId: chair.teamsId },
    status: 'scheduled',
    expectedDeliveryDate: a.expectedDeliveryDate,
    lookedAfter: a.lookedAfter,
    createdAt: turn.now.toISOString(),
  };
  const created = await s.store.conferences.create(conference, {
    audit: auditAction(s, turn, 'conference-scheduled', { conferenceId: conference.id, kind: conference.kind, policy: conference.policy, policyVersion: policy.version, date: a.date, lateReason: a.lateReason, invitees: invitees.length }),
  });
  if (created.outcome === 'id-taken') {
    throw new UserError(`A different ${a.kind} conference for case ${a.caseRef} on ${a.date} is already scheduled. Change that one, or choose another date.`, 'Already scheduled');
  }
  const invited = await Promise.all(
    invitees.map((inv, i) => {
      const person = people[i];
      return s.store.invitees.invite({
        conferenceId: conference.id,
        userId: person?.aadObjectId ?? notOnTeamsId(inv.name, inv.contact),
        teamsId: person?.teamsId,
        name: inv.name,
        agency: inv.agency,
        role: inv.role,
        directContact: inv.directContact,
        invitedAt: turn.now.toISOString(),
        // Not reachable in Teams, and the scheduler chose to go ahead: the Unit invites them.
        ...(person ? {} : { reach: 'not-on-teams' as const, contactLine: inv.contact }),
      });
    }),
  );
  if (created.outcome === 'created') await followDesk(s, turn, { conferenceId: conference.id });
  // The same form again finds the very same conference, still scheduled: what it sets due is
  // written again (idempotent), completing a first delivery cut short after its transaction.
  await applyEvent(s, turn, conference.caseRef, { type: 'scheduled', conference: factsOf(conference) }, conference);
  if (created.outcome === 'created') await showNotOnTeams(s, turn, conference);
  // Every delivery of the form (a retry, another instance) makes sure the invitations went: each
  // is claimed in the store, so each invitee gets one, and one cut short is finished by the next.
  await sendInvitations(s, turn, conference);
  await sendRsvpSummary(s, turn, conference);
  const own = scheduleConfirmationCard({
    conferenceId: conference.id,
    child: namedChild(conference),
    kind: conference.kind,
    startsAt: `${a.date}T${a.time}`,
    location: a.location,
    triggerDate: a.triggerDate,
    dueDate: due.due ?? undefined,
    lateReason: a.lateReason,
    expectedDeliveryDate: a.expectedDeliveryDate,
    lookedAfter: a.lookedAfter,
    policy: a.policy,
    policyLabel: policyVersionLabel(policy),
    chair: a.chairName,
    invitees: invitees.map((i) => ({ name: i.name, agency: i.agency, role: i.role, directContact: i.directContact })),
    warnings: [...warnings, ...reportWarnings(conference, turn.now)],
  });
  const offline = invited.filter((r) => r.invitee.reach === 'not-on-teams').length;
  const byUnit = offline ? ` ${offline === 1 ? '1 person is' : `${offline} people are`} not on Teams: their invitations are below, for the Unit to send.` : '';
  return { own, notice: `Conference scheduled for case ${a.caseRef}; invitations sent.${byUnit}` };
}

/** Someone not on Teams has no Entra id: a stable id of their name and contact, so a repeat is the same row. */
export function notOnTeamsId(name: string, contact: string): string {
  return `not-on-teams:${createHash('sha256').update(`${name.trim().toLowerCase()}\n${contact.trim().toLowerCase()}`).digest('hex').slice(0, 24)}`;
}

/** The procedures offered on the form: the deployment's policies. */
function policyChoices(s: Services) {
  return s.policies.list().map((p) => ({ id: p.id, label: p.area }));
}

/** A stable id: the same form delivered twice schedules one conference. */
export function conferenceIdOf(caseRef: string, date: string, kind: string): string {
  return `${caseRef.replace(/[^A-Za-z0-9-]/g, '.')}.${date}.${kind}`.slice(0, 64);
}

/**
 * "Book the review" (from "next review CASE" or "my reviews"): the form prefilled from the case's
 * latest conference held — the review kind it calls for, its date as the trigger date, the due
 * review date, chair, procedures, place and the people invited last time as pasted lines.
 */
export async function bookReview(s: Services, turn: Turn, caseRef: string): Promise<Reply> {
  requireScheduler(s, turn);
  const conferences = (await s.store.conferences.listForCase(caseRef)).filter((c) => c.status !== 'scheduled' && c.status !== 'cancelled');
  const last = conferences.at(-1);
  if (!last) throw new UserError(`No conference of case ${caseRef} has been held yet, so there is no review to book.`, 'Nothing to book');
  const held = last.heldOn ?? localDate(new Date(last.scheduledAt));
  const kind = reviewTimescaleAfter(last.kind);
  const [due, invitees] = await Promise.all([s.store.dueItems.nextForCase(caseRef, ['first-review', 'later-review'], localDate(turn.now)), s.store.invitees.list(last.id)]);
  const lines = invitees
    .filter((i) => i.teamsId && i.userId !== last.chair.userId && !i.walkIn)
    .map((i) => [i.name, i.teamsId, agencyLabel(i.agency), i.role, i.role === 'professional' ? (i.directContact ? 'direct' : 'not direct') : ''].filter(Boolean).join(', '));
  const values: FormValues = {
    caseRef,
    childInitials: last.childInitials,
    ...(last.childFullName ? { childFullName: last.childFullName } : {}),
    lookedAfter: String(last.lookedAfter),
    kind,
    triggerDate: held,
    ...(due ? { date: due.due } : {}),
    ...(last.location ? { location: last.location } : {}),
    policy: last.policy,
    chairName: last.chair.name,
    chairContact: last.chair.teamsId ?? last.chair.userId,
    inviteeLines: lines.join('\n'),
  };
  await audit(s, turn, 'review-booking-opened', { caseRef, from: last.id });
  return openSchedule(s, turn, { values, intro: `Booking the ${kind === 'first-review' ? 'first review' : 'review'} of case ${caseRef}, prefilled from the conference held on ${formatDate(held)}. Check the date and who is invited, then send.` });
}
