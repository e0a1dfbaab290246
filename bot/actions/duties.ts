// Duties the chair (or the core group's lead professional) marks done: minutes sent, the
// amendments window closed, a core group held, the split referral made and the panel held
// (Bolton procedures, Record keeping; The Core Group; Disagreement and dissent). Each is an event
// of the lifecycle model, which completes the item and sets what follows.
import { DueKind } from '../../src/rules/due-kinds.js';
import { COMPLETED_BY, type LifecycleEvent } from '../../src/rules/lifecycle.js';
import { RuleError } from '../../src/rules/errors.js';
import { coreGroupCard, dutyDoneCard, type CardAction, type CoreGroupView, type DatedDuty, type DutyDoneView } from '../../cards/index.js';
import { audit } from '../audit.js';
import { applyEvent, factsOf } from '../lifecycle.js';
import type { Services } from '../services.js';
import { localDate } from '../time.js';
import { UserError, type ActionOutcome, type Reply, type Turn } from '../turn.js';
import { recordFromForm } from './forms.js';
import { conferencesOfCase, myReviews } from './queries.js';

export type Duty = 'minutes-sent' | 'amendment-window-closed' | 'split-referred' | 'panel-held' | 'core-group-held';

/** The items a duty completes, as the lifecycle model says (COMPLETED_BY). */
const itemsOf = (duty: Duty): DueKind[] => DueKind.options.filter((kind) => COMPLETED_BY[kind].includes(duty));

/** The duty that marks each item of "my reviews" done. */
export const DUTY_OF = {
  minutes: 'minutes-sent',
  'minute-amendments': 'amendment-window-closed',
  'split-referral': 'split-referred',
  'split-panel': 'panel-held',
} as const satisfies Partial<Record<DueKind, Duty>>;

const DONE: Record<Duty, string> = {
  'minutes-sent': 'The minutes are recorded as sent; amendments are due back within 21 days.',
  'amendment-window-closed': 'The amendments window is closed.',
  'split-referred': 'The referral to the Head of Service is recorded; the panel is due within 28 days of it.',
  'panel-held': 'The Appeals and Split Decisions Panel is recorded as held.',
  'core-group-held': 'The core group is recorded and the next one scheduled.',
};

export async function recordDuty(s: Services, turn: Turn, caseRef: string, duty: Duty, on: string | undefined, next?: string): Promise<Reply> {
  try {
    await applyDuty(s, turn, caseRef, duty, on, next);
  } catch (e) {
    if (e instanceof RuleError) throw new UserError(e.message, 'Not recorded');
    throw e;
  }
  return { text: `Case ${caseRef}: ${DONE[duty]}` };
}

/**
 * The core group form: `core group held CASE [DATE]` typed without the next date, or "Record the
 * meeting" on "my reviews"; `typed` fills it in again when it comes back with a problem.
 */
export async function openCoreGroup(s: Services, turn: Turn, caseRef: string, typed: Pick<CoreGroupView, 'heldOn' | 'next' | 'problems'> = {}): Promise<Reply> {
  const { item } = await dutyItem(s, turn, caseRef, 'core-group-held');
  return { cards: [coreGroupCard({ child: { caseRef, initials: item.title }, today: localDate(turn.now), due: item.due, ...typed })] };
}

/** The form submitted (see forms.ts). */
export async function coreGroupHeld(s: Services, turn: Turn, a: Extract<CardAction, { verb: 'coreGroupHeld' }>): Promise<ActionOutcome> {
  return recordFromForm(
    s,
    turn,
    a,
    () => applyDuty(s, turn, a.caseRef, 'core-group-held', a.heldOn, a.next),
    (problem) => openCoreGroup(s, turn, a.caseRef, { heldOn: a.heldOn, next: a.next, problems: [problem] }),
    `Case ${a.caseRef}: ${DONE['core-group-held']}`,
  );
}

/** "My reviews" → the form for a chair's duty whose date sets what follows; `typed` fills it in again. */
export async function openMarkDone(s: Services, turn: Turn, caseRef: string, what: DatedDuty, typed: Pick<DutyDoneView, 'on' | 'problems'> = {}): Promise<Reply> {
  const { item } = await dutyItem(s, turn, caseRef, DUTY_OF[what]);
  return { cards: [dutyDoneCard({ child: { caseRef, initials: item.title }, what, today: localDate(turn.now), due: item.due, ...typed })] };
}

/** A duty marked done from "my reviews": on the form's date (see forms.ts), or today from a one-click button. */
export async function markDone(s: Services, turn: Turn, a: Extract<CardAction, { verb: 'markDone' }>): Promise<ActionOutcome> {
  const duty = DUTY_OF[a.kind];
  const kind = a.kind;
  try {
    if (a.on === undefined || kind === 'minute-amendments') {
      await recordDuty(s, turn, a.caseRef, duty, undefined);
      const { cards = [] } = await myReviews(s, turn);
      return { own: cards[0]!, notice: 'Marked done.' };
    }
    return await recordFromForm(
      s,
      turn,
      a,
      () => applyDuty(s, turn, a.caseRef, duty, a.on),
      (problem) => openMarkDone(s, turn, a.caseRef, kind, { on: a.on, problems: [problem] }),
      `Case ${a.caseRef}: ${DONE[duty]}`,
    );
  } catch (e) {
    // Done already: the same click again (Teams redelivers, or a retry after "Not saved") is answered as done.
    if (!(e instanceof NothingDue) || !(await s.store.dueItems.forCase(a.caseRef, { kinds: itemsOf(duty), includeDone: true })).some((i) => i.done)) throw e;
    const { cards = [] } = await myReviews(s, turn);
    return { own: cards[0]!, notice: 'Already marked done.' };
  }
}

/** Refused: no open item of the kind (perhaps done already). */
class NothingDue extends UserError {
  constructor(message: string) {
    super(message, 'Nothing due');
  }
}

/** The open item a duty completes: anyone who may not record it is told the case was not found. */
async function dutyItem(s: Services, turn: Turn, caseRef: string, duty: Duty) {
  const [items, conferences] = await Promise.all([s.store.dueItems.forCase(caseRef, { kinds: itemsOf(duty) }), conferencesOfCase(s, caseRef)]);
  const item = items[0];
  const chairs = conferences.some((c) => c.chair.userId === turn.actor.aadObjectId);
  // The chair records the conference's duties; the core group's own members record its meetings.
  const allowed = turn.isAdmin || chairs || (duty === 'core-group-held' && item?.userIds.includes(turn.actor.aadObjectId));
  if (!allowed) {
    await audit(s, turn, `${duty}-refused`, { caseRef });
    throw new UserError(`No case ${caseRef} was found among your cases.`, 'Not found');
  }
  if (!item) throw new NothingDue(`Nothing of that kind is due for case ${caseRef}.`);
  const conference = item.conferenceId ? conferences.find((c) => c.id === item.conferenceId) : undefined;
  return { item, conference };
}

/** The duty as a lifecycle event; a date the procedures refuse throws `RuleError` and records nothing. */
async function applyDuty(s: Services, turn: Turn, caseRef: string, duty: Duty, on: string | undefined, next?: string): Promise<void> {
  const { conference } = await dutyItem(s, turn, caseRef, duty);
  const today = localDate(turn.now);
  const date = on ?? today;
  let event: LifecycleEvent;
  if (duty === 'core-group-held') {
    if (!next) throw new UserError(`Give the next core group date too: "core group held ${caseRef} ${date} next YYYY-MM-DD" (4 to 6 weeks later).`, 'Next date needed');
    event = { type: duty, on: date, today, next };
  } else if (!conference) {
    throw new UserError(`The conference for that item of case ${caseRef} could not be found.`, 'Not found');
  } else if (duty === 'amendment-window-closed') {
    event = { type: duty, conference: factsOf(conference) };
  } else {
    event = { type: duty, conference: factsOf(conference), on: date, today };
  }
  await applyEvent(s, turn, caseRef, event, conference);
}
