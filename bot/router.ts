// One table from command and card verb to handler. Every payload is parsed by zod first;
// a malformed one is refused with the reason and changes nothing.
import { errorCard, helpCard, parseCardAction, type CardAction, type RefreshableCard } from '../cards/index.js';
import { TurnContext } from 'botbuilder';
import { RuleError } from '../src/rules/errors.js';
import { createHash } from 'node:crypto';
import { audit, auditEntry } from './audit.js';
import { parseCommand } from './commands/parse.js';
import { sendPrivately } from './private.js';
import type { Router } from './conference-bot.js';
import type { Services } from './services.js';
import { UserError, type ActionOutcome, type Reply, type Turn } from './turn.js';
import { checkIn, proceed, refreshAttendance, standDown, startConference } from './actions/attendance.js';
import { decideCategory, defer, dissentReason, planRecord, proposeCategory, recordExceptional, recordExceptionalOnCard, recordScales, refreshCategory, splitDecision } from './actions/decision.js';
import { confirmEndPlan, endPlan, openReceivingConference, receivingConferenceHeld, receivingConferenceOnCard } from './actions/end-plan.js';
import { coreGroupHeld, markDone, openCoreGroup, openMarkDone, recordDuty } from './actions/duties.js';
import { openChairDecision, recordChairDecision } from './actions/chair-decision.js';
import { rsvp } from './actions/invitations.js';
import { myReviews, nextReview, recordOfCase, showRecord } from './actions/queries.js';
import { bookReview, openSchedule, schedule, scheduleDraft, scheduleRefused } from './actions/scheduling.js';
import { addInvitee, cancelConference, changeRefused, openChange, openChangeOfCase, remindNonResponders, removeInvitee, reschedule, whoHasNotAnswered } from './actions/changes.js';
import { closeRound, openRound, refreshVote, vote } from './actions/voting.js';
import { answerFor } from './actions/not-on-teams.js';
import { chairCheckIn, checkInDeputy, checkInWalkIn, recordView } from './actions/room.js';

type Handlers = { [V in CardAction['verb']]: (s: Services, turn: Turn, a: Extract<CardAction, { verb: V }>) => Promise<ActionOutcome> };

/** Commands typed as text that also have a button: the button's answer is the same cards. */
const asOutcome = async (reply: Promise<Reply>): Promise<ActionOutcome> => {
  const { cards = [] } = await reply;
  if (!cards[0]) throw new Error('a card command answered without a card');
  return { own: cards[0] };
};

/** Each person's own view of a card with per-user views (Teams asks through `refresh.userIds`). */
const REFRESH: Record<RefreshableCard, (s: Services, turn: Turn, conferenceId: string, roundId?: string) => Promise<ActionOutcome>> = {
  vote: refreshVote,
  attendance: (s, turn, conferenceId) => refreshAttendance(s, turn, conferenceId),
  category: (s, turn, conferenceId) => refreshCategory(s, turn, conferenceId),
};

const ACTIONS: Handlers = {
  // A refresh is a read: Teams sends one each time a member's client shows the card (and again
  // after every update of it), so it answers the viewer and never touches the shared card.
  refresh: async (s, turn, a) => ({ own: (await REFRESH[a.card](s, turn, a.conferenceId, a.roundId)).own }),
  openSchedule: (s, turn) => asOutcome(openSchedule(s, turn).then(privately)),
  scheduleDraft,
  schedule,
  rsvp,
  answerFor,
  checkIn,
  standDown,
  proceed,
  openRound,
  chairCheckIn,
  checkInDeputy,
  checkInWalkIn,
  vote,
  recordView,
  closeRound,
  defer,
  dissentReason,
  splitDecision,
  openChairDecision,
  chairDecision: recordChairDecision,
  proposeCategory,
  decideCategory,
  planRecord,
  endPlan: (s, turn, a) => asOutcome(endPlan(s, turn, a.caseRef, a.reason, a.endedOn)),
  showRecord: (s, turn, a) => asOutcome(showRecord(s, turn, a.conferenceId)),
  openChange,
  reschedule,
  cancelConference,
  addInvitee,
  removeInvitee,
  remindNonResponders,
  bookReview: (s, turn, a) => asOutcome(bookReview(s, turn, a.caseRef).then(privately)),
  myReviews: (s, turn) => asOutcome(myReviews(s, turn)),
  overdue: (s, turn) => asOutcome(myReviews(s, turn, 'overdue')),
  recordScales,
  markDone,
  openMarkDone: (s, turn, a) => asOutcome(openMarkDone(s, turn, a.caseRef, a.kind)),
  openCoreGroup: (s, turn, a) => asOutcome(openCoreGroup(s, turn, a.caseRef)),
  coreGroupHeld,
  recordExceptional: recordExceptionalOnCard,
  openReceivingConference: (s, turn, a) => asOutcome(openReceivingConference(s, turn, a.caseRef)),
  receivingConference: receivingConferenceOnCard,
};

export function createRouter(s: Services): Router {
  return {
    async command(turn, text) {
      const command = parseCommand(text);
      switch (command.name) {
        case 'help':
          return { cards: [helpCard({ canSchedule: mayScheduleHint(s, turn) })] };
        case 'schedule':
          return openSchedule(s, turn);
        case 'my-reviews':
          return myReviews(s, turn);
        case 'overdue':
          return myReviews(s, turn, 'overdue');
        case 'next-review':
          return nextReview(s, turn, command.caseRef);
        case 'start':
          return startConference(s, turn, command.caseRef);
        case 'change':
          return openChangeOfCase(s, turn, command.caseRef);
        case 'cancel':
          return openChangeOfCase(s, turn, command.caseRef, 'cancel');
        case 'who-has-not-answered':
          return whoHasNotAnswered(s, turn, command.caseRef);
        case 'book-review':
          return bookReview(s, turn, command.caseRef);
        case 'record':
          return recordOfCase(s, turn, command.caseRef);
        case 'end-plan':
          return confirmEndPlan(s, turn, command.caseRef, command.reason);
        case 'receiving-conference':
          return command.on ? receivingConferenceHeld(s, turn, command.caseRef, command.on) : openReceivingConference(s, turn, command.caseRef);
        case 'exceptional':
          return recordExceptional(s, turn, command.caseRef, command.reason);
        case 'duty':
          // "core group held CASE [DATE]" without the next meeting's date: the form asks for both.
          if (command.duty === 'core-group-held' && !command.next) return openCoreGroup(s, turn, command.caseRef, { heldOn: command.on });
          return recordDuty(s, turn, command.caseRef, command.duty, command.on, command.next);
        case 'unknown':
          return { cards: [helpCard({ canSchedule: mayScheduleHint(s, turn), note: command.problem ?? `I didn't understand "${command.text.slice(0, 60)}".` })] };
      }
    },

    async action(turn, payload) {
      const parsed = parseCardAction(payload);
      if (!parsed.ok) {
        await audit(s, turn, 'action-refused', { why: parsed.message.slice(0, 500) });
        const verb = (payload as { verb?: unknown } | null)?.verb;
        const form = typeof verb === 'string' && Object.keys(parsed.fields).length > 0 ? FORM_REFUSALS[verb] : undefined;
        if (form) return form(s, turn, payload, parsed.fields, parsed.problems);
        throw new UserError(parsed.message, 'Please check the card');
      }
      const handler = ACTIONS[parsed.action.verb] as (s: Services, turn: Turn, a: CardAction) => Promise<ActionOutcome>;
      try {
        return await handler(s, turn, parsed.action);
      } catch (caught) {
        // A rule refusing the input (e.g. two categories where the policy allows one) is the user's to fix.
        const e = caught instanceof RuleError ? new UserError(caught.message, 'Not allowed by the procedures') : caught;
        if (e instanceof UserError) {
          const conferenceId = 'conferenceId' in parsed.action ? parsed.action.conferenceId : undefined;
          await audit(s, turn, 'action-refused', { conferenceId: undefined, verb: parsed.action.verb, target: conferenceId, why: e.message });
        }
        throw e;
      }
    },

    errorCard: (title, message) => errorCard({ title, message }),

    refused: (turn, why) => sampledRefusal(s, turn, why),

    privately: (turn, card) => sendPrivately(s, turn, card),

    async remember(turn) {
      await s.store.conversations.save(turn.actor.aadObjectId, TurnContext.getConversationReference(turn.context.activity) as Record<string, unknown>, turn.now.toISOString());
    },
  };
}

/** A form opened in the 1:1 chat answers a button in a group with a card saying so. */
const privately = (reply: Reply): Reply => (reply.cards?.length ? reply : { cards: [errorCard({ title: 'Opened in your 1:1 chat', message: reply.text ?? 'The form is private.' })] });

/** Forms whose refusal sends them back filled in as typed, each message beside its field. */
const FORM_REFUSALS: Partial<Record<string, (s: Services, turn: Turn, raw: unknown, fields: Record<string, string>, problems: string[]) => Promise<ActionOutcome>>> = {
  schedule: scheduleRefused,
  reschedule: changeRefused,
  cancelConference: changeRefused,
  addInvitee: changeRefused,
  removeInvitee: changeRefused,
};

/**
 * A turn refused at the door (a tenant not allowed) writes at most one audit row per tenant per
 * hour, and at most 256 an hour whatever the tenant ids sent: the key is the hour and a bucket of
 * the tenant id, so two instances write the same row once and anyone who can reach the endpoint
 * cannot fill the table. The first refusal of each bucket and hour is the sample kept.
 */
async function sampledRefusal(s: Services, turn: Turn, why: string): Promise<void> {
  const tenant = (turn.tenantId ?? '(none)').slice(0, 100);
  const bucket = createHash('sha256').update(tenant).digest()[0]!;
  const hour = `${turn.now.toISOString().slice(0, 13)}:00:00.000Z`;
  const entry = auditEntry(turn, 'turn-refused', { tenant, why: why.slice(0, 300) });
  try {
    await s.store.audit.appendOnce({ ...entry, id: `turn-refused|${bucket}`, at: hour });
  } catch (e) {
    s.log(`refusal not recorded: ${(e as Error).message}`);
  }
}

const mayScheduleHint = (s: Services, turn: Turn) => s.config.ADMIN_USER_IDS.length === 0 || turn.isAdmin;
