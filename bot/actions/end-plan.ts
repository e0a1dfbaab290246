// A plan ended without a review (Bolton procedures, Discontinuing the Child Protection Plan): died,
// 18, married, left the UK end it on the date given; a permanent move keeps it open until the
// receiving area's conference. The command asks for confirmation; the card ends it. What follows
// (items cancelled, everyone invited to the initial conference told) is the lifecycle model's answer.
import { RuleError } from '../../src/rules/errors.js';
import type { PlanEndReason } from '../../src/rules/types.js';
import { endPlanCard } from '../../cards/end-plan.js';
import { receivingConferenceCard, type ActionOf, type ReceivingConferenceView } from '../../cards/index.js';
import { planEndedCard } from '../../cards/plan-ended.js';
import { audit } from '../audit.js';
import { applyEvent } from '../lifecycle.js';
import type { Services } from '../services.js';
import { localDate } from '../time.js';
import { UserError, type ActionOutcome, type Reply, type Turn } from '../turn.js';
import { recordFromForm } from './forms.js';
import { conferencesOfCase, myReviews } from './queries.js';

/** Refused: the case has no plan in force (perhaps ended already). */
class NoPlan extends UserError {
  constructor(message: string) {
    super(message, 'No plan');
  }
}

/** Only the case's chairs (or the Child Protection Unit) end a plan; others get "not found". */
async function requireCaseChair(s: Services, turn: Turn, caseRef: string, what: string) {
  const conferences = await conferencesOfCase(s, caseRef);
  if (!turn.isAdmin && !conferences.some((c) => c.chair.userId === turn.actor.aadObjectId)) {
    await audit(s, turn, `${what}-refused`, { caseRef });
    throw new UserError(`No case ${caseRef} was found among the cases you chair.`, 'Not found');
  }
  const plan = await s.store.plans.current(caseRef);
  if (!plan || plan.plan !== 'cp') throw new NoPlan(`Case ${caseRef} has no current child protection plan.`);
  return { conferences, plan };
}

/** `end plan CASE REASON`: the confirmation card, the reason preselected. Nothing ends yet. */
export async function confirmEndPlan(s: Services, turn: Turn, caseRef: string, reason: PlanEndReason): Promise<Reply> {
  const { conferences, plan } = await requireCaseChair(s, turn, caseRef, 'end-plan');
  const initial = conferences.find((c) => c.id === plan.startedBy) ?? conferences.at(-1)!;
  const invitees = await s.store.invitees.list(initial.id);
  if (plan.moveNotifiedOn && reason === 'moved-permanently') {
    throw new UserError(`A permanent move was already notified on ${plan.moveNotifiedOn}. When the receiving area has held its conference, record it from "my reviews" (or type "receiving conference ${caseRef}").`, 'Already notified');
  }
  return { cards: [endPlanCard({ child: { caseRef, initials: initial.childInitials }, today: localDate(turn.now), notifyCount: invitees.length + 1, selected: reason })] };
}

export async function endPlan(s: Services, turn: Turn, caseRef: string, reason: PlanEndReason, on: string): Promise<Reply> {
  const { conferences, plan } = await requireCaseChair(s, turn, caseRef, 'end-plan');
  const t = await applyEvent(s, turn, caseRef, { type: 'plan-ended', reason, on, today: localDate(turn.now) });
  const initial = conferences.find((c) => c.id === plan.startedBy) ?? conferences.at(-1)!;
  const moved = reason === 'moved-permanently';
  const card = planEndedCard({
    child: { caseRef, initials: initial.childInitials },
    reason,
    endedOn: on,
    recordedBy: turn.actor.name,
    note: moved ? `The plan stays open until the receiving area's conference, due by ${t.due[0]?.due}. Then the chair records it from "my reviews".` : undefined,
  });
  return { cards: [card], text: moved ? `The move is recorded for case ${caseRef}; the plan stays open until the receiving area's conference.` : `The plan for case ${caseRef} has ended.` };
}

/** `receiving conference CASE DATE` typed: the receiving area has held its conference; the plan ends here. */
export async function receivingConferenceHeld(s: Services, turn: Turn, caseRef: string, on: string): Promise<Reply> {
  await requireCaseChair(s, turn, caseRef, 'receiving-conference');
  try {
    await receivingHeld(s, turn, caseRef, on);
  } catch (e) {
    if (e instanceof RuleError) throw new UserError(e.message, 'Not recorded');
    throw e;
  }
  return { text: receivingRecorded(caseRef, on) };
}

/** The receiving area's conference as a lifecycle event; a date the procedures refuse throws `RuleError` and records nothing. */
const receivingHeld = (s: Services, turn: Turn, caseRef: string, on: string) => applyEvent(s, turn, caseRef, { type: 'receiving-conference-held', on, today: localDate(turn.now) });

const receivingRecorded = (caseRef: string, on: string) =>
  `The receiving area's conference (${on}) is recorded: the plan for case ${caseRef} has ended, and everyone invited to the initial conference has been told.`;

/**
 * The form for the receiving area's conference: `receiving conference CASE` typed without a date,
 * or the button on "my reviews". `typed` fills it in again when it comes back with a problem.
 */
export async function openReceivingConference(s: Services, turn: Turn, caseRef: string, typed: Pick<ReceivingConferenceView, 'heldOn' | 'problems'> = {}): Promise<Reply> {
  const { conferences } = await requireCaseChair(s, turn, caseRef, 'receiving-conference');
  const [due] = await s.store.dueItems.forCase(caseRef, { kinds: ['receiving-conference'] });
  if (!due) throw new UserError(`No receiving area's conference is awaited for case ${caseRef}: a permanent move is recorded with "end plan ${caseRef} moved to …".`, 'Nothing due');
  const initials = conferences[0]!.childInitials;
  return { cards: [receivingConferenceCard({ child: { caseRef, initials }, today: localDate(turn.now), due: due.due, ...typed })] };
}

/** The form submitted (see forms.ts): the plan ends here. */
export async function receivingConferenceOnCard(s: Services, turn: Turn, a: ActionOf<'receivingConference'>): Promise<ActionOutcome> {
  try {
    await requireCaseChair(s, turn, a.caseRef, 'receiving-conference');
  } catch (e) {
    // Recorded already: the same form again (Teams redelivers, or a retry after "Not saved") is answered as recorded.
    const last = e instanceof NoPlan ? (await s.store.plans.history(a.caseRef)).at(-1)?.ended : undefined;
    if (last?.reason !== 'moved-permanently' || last.on !== a.heldOn) throw e;
    const { cards = [] } = await myReviews(s, turn);
    return { own: cards[0]!, notice: receivingRecorded(a.caseRef, a.heldOn) };
  }
  return recordFromForm(
    s,
    turn,
    a,
    () => receivingHeld(s, turn, a.caseRef, a.heldOn),
    (problem) => openReceivingConference(s, turn, a.caseRef, { heldOn: a.heldOn, problems: [problem] }),
    receivingRecorded(a.caseRef, a.heldOn),
  );
}
