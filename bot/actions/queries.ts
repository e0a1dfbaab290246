// "my reviews", "overdue", "next review CASE" and the conference record: read-only answers,
// each a partition query; a case is shown only to people involved in it (or admins).
import type { UserDueItem } from '../../src/store/due-items.js';
import { ConferenceId } from '../../src/store/schema.js';
import { conferenceRecordCard } from '../../cards/conference-record.js';
import { myReviewsCard } from '../../cards/my-reviews.js';
import { nextReviewCard } from '../../cards/next-review.js';
import { audit } from '../audit.js';
import { isChair } from '../access.js';
import type { Services } from '../services.js';
import { localDate } from '../time.js';
import { UserError, type Reply, type Turn } from '../turn.js';
import { conferenceRecordView, groupRecordView, startsAt } from '../views.js';
import { sendPrivately } from '../private.js';
import { heldOn } from '../lifecycle.js';

export async function myReviews(s: Services, turn: Turn, only: 'all' | 'overdue' = 'all'): Promise<Reply> {
  const today = localDate(turn.now);
  const [overdue, upcoming] = await Promise.all([
    // Bounded like the upcoming list: each listed item costs a read of its case row.
    s.store.dueItems.overdueForUser(turn.actor.aadObjectId, today, { limit: 200 }),
    only === 'overdue' ? Promise.resolve([] as UserDueItem[]) : s.store.dueItems.upcomingForUser(turn.actor.aadObjectId, today, { limit: 50 }),
  ]);
  const items = [...overdue, ...upcoming];
  const [chaired, chairedCases] = await Promise.all([chairedAmong(s, turn, items), casesChairedAmong(s, turn, items.filter((i) => i.kind === 'receiving-conference'))]);
  return {
    cards: [
      myReviewsCard({
        list: only === 'overdue' ? 'overdue' : 'my-reviews',
        today,
        canBook: mayBook(s, turn),
        items: items.map((i) => ({
          child: { caseRef: i.caseRef, initials: i.title },
          what: i.kind,
          conferenceKind: i.conferenceKind,
          due: i.due,
          involvement: (i.conferenceId && chaired.has(i.conferenceId)) || chairedCases.has(i.caseRef) ? 'chair' : i.kind === 'core-group' || i.kind === 'first-core-group' ? 'core-group' : 'invitee',
        })),
      }),
    ],
  };
}

/** The conferences among these items that the user chairs (a handful of point reads). */
async function chairedAmong(s: Services, turn: Turn, items: UserDueItem[]): Promise<Set<string>> {
  const ids = [...new Set(items.map((i) => i.conferenceId).filter((x): x is string => Boolean(x)))];
  const conferences = await Promise.all(ids.map((id) => s.store.conferences.get(id)));
  return new Set(conferences.filter((c) => c && isChair(c, turn)).map((c) => c!.id));
}

/** The cases among these case-level items (no conference of their own) that the user chairs a conference of. */
async function casesChairedAmong(s: Services, turn: Turn, items: UserDueItem[]): Promise<Set<string>> {
  const refs = [...new Set(items.map((i) => i.caseRef))];
  const chairs = await Promise.all(refs.map(async (ref) => (await s.store.conferences.listForCase(ref)).some((c) => isChair(c, turn))));
  return new Set(refs.filter((_, n) => chairs[n]));
}

export async function nextReview(s: Services, turn: Turn, caseRef: string): Promise<Reply> {
  const items = await s.store.dueItems.forCase(caseRef, { includeDone: true });
  const involved = turn.isAdmin || items.some((i) => i.userIds.includes(turn.actor.aadObjectId));
  if (!involved) {
    await audit(s, turn, 'next-review-refused', { caseRef });
    // The same answer as for an unknown case: nothing is revealed to someone not involved.
    throw new UserError(`No case ${caseRef} was found among your cases.`, 'Not found');
  }
  const today = localDate(turn.now);
  const [next, plan, conferences] = await Promise.all([s.store.dueItems.nextForCase(caseRef, ['first-review', 'later-review'], today), s.store.plans.current(caseRef), conferencesOfCase(s, caseRef)]);
  const last = conferences.find((c) => c.status === 'decided');
  // A review already scheduled for that item's date shows its time.
  const scheduled = next && conferences.find((c) => (c.status === 'scheduled' || c.status === 'in-progress') && c.kind === next.kind);
  const initials = conferences[0]?.childInitials ?? next?.title ?? '?';
  return {
    cards: [
      nextReviewCard({
        child: { caseRef, initials },
        today,
        planSince: plan?.plan === 'cp' ? plan.onPlanSince : undefined,
        next: next && plan?.plan === 'cp' ? { kind: next.kind === 'first-review' ? 'first-review' : 'later-review', due: next.due, scheduledFor: scheduled && startsAt(scheduled) } : undefined,
        last: last && { conferenceId: last.id, kind: last.kind, heldOn: heldOn(last) },
        canBook: mayBook(s, turn),
      }),
    ],
  };
}

export async function showRecord(s: Services, turn: Turn, conferenceId: string): Promise<Reply> {
  const conference = ConferenceId.safeParse(conferenceId).success ? await s.store.conferences.get(conferenceId) : undefined;
  const invitee = conference && (await s.store.invitees.get(conference.id, turn.actor.aadObjectId));
  if (!conference || (!invitee && !isChair(conference, turn) && !turn.isAdmin)) {
    throw new UserError('No such conference was found among yours.', 'Not found');
  }
  const [decision, invitees] = await Promise.all([s.store.decisions.get(conference.id), s.store.invitees.list(conference.id)]);
  const votes = decision?.round ? await s.store.votes.list(conference.id, decision.round) : [];
  const full = conferenceRecordView(conference, decision, invitees, votes);
  if (turn.conversation.type === 'personal') return { cards: [conferenceRecordCard(full)] };
  // In a shared chat: the outcome and dates there, the full record (names, plans) 1:1.
  await sendPrivately(s, turn, conferenceRecordCard(full));
  return { cards: [conferenceRecordCard(groupRecordView(full))] };
}

/** The conferences of a case, newest first. */
export async function conferencesOfCase(s: Services, caseRef: string) {
  return (await s.store.conferences.listForCase(caseRef)).sort((a, b) => b.scheduledAt.localeCompare(a.scheduledAt));
}

export async function recordOfCase(s: Services, turn: Turn, caseRef: string): Promise<Reply> {
  const [latest] = await conferencesOfCase(s, caseRef);
  try {
    if (!latest) throw new UserError('no such case');
    return await showRecord(s, turn, latest.id);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    await audit(s, turn, 'record-refused', { caseRef });
    // The same answer for an unknown case and for someone else's: nothing is revealed.
    throw new UserError(`No case ${caseRef} was found among your cases.`, 'Not found');
  }
}

/** Who is offered "Book the review": those who may schedule (the Child Protection Unit). */
const mayBook = (s: Services, turn: Turn) => s.config.ADMIN_USER_IDS.length === 0 || turn.isAdmin;
