// What a handler needs to know about the turn, without Bot Framework types leaking into handlers.
import type { TurnContext } from 'botbuilder';
import type { SharedCard } from './shared-cards.js';
import { AUDIT_LIMITS } from '../src/store/audit.js';

export type AdaptiveCard = Record<string, unknown>;

export interface Actor {
  /** Teams user id (29:…), used to message and to mention. */
  teamsId: string;
  /** Entra object id: the stable identity checked against invitees, chairs and admins. */
  aadObjectId: string;
  name: string;
}

export interface Turn {
  actor: Actor;
  conversation: { id: string; type: 'personal' | 'groupChat' | 'channel' };
  tenantId?: string;
  isAdmin: boolean;
  now: Date;
  /** The activity id of the card that was clicked, when the turn is a card action. */
  replyToId?: string;
  /** The live context for proactive follow-ups (member look-ups, conversation references). */
  context: TurnContext;
}

/** A handler's answer: cards (or a text) for the person who spoke. */
export interface Reply {
  cards?: AdaptiveCard[];
  text?: string;
}

/** A card action's answer: the actor's own view, and the view everyone else sees in place of the card. */
export interface ActionOutcome {
  own: AdaptiveCard;
  shared?: AdaptiveCard;
  /** A card in the chat whose state changed: the shared-card writer updates it from the store. */
  sharedCard?: SharedCard;
  /** One line for clients that cannot show `own` in place (Action.Submit in a shared chat). */
  notice?: string;
}

/** A refusal or bad input the user should read; never a crash, and nothing was written. */
export class UserError extends Error {
  constructor(message: string, readonly title = 'That did not work') {
    super(message);
  }
}

export function turnOf(context: TurnContext, now: Date, admins: readonly string[]): Turn {
  const a = context.activity;
  const type = a.conversation.conversationType === 'channel' ? 'channel' : a.conversation.conversationType === 'groupChat' || a.conversation.isGroup ? 'groupChat' : 'personal';
  // Outside text is cut to the stored limits here, once: nothing written later fails on its length.
  const aad = (a.from.aadObjectId ?? a.from.id).slice(0, AUDIT_LIMITS.userId);
  const name = (a.from.name ?? '').replace(/[\u0000-\u001F\u007F]/g, ' ').trim().slice(0, AUDIT_LIMITS.name).trim() || 'Unknown user';
  return {
    actor: { teamsId: a.from.id, aadObjectId: aad, name },
    conversation: { id: a.conversation.id, type },
    tenantId: (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? a.conversation.tenantId,
    isAdmin: admins.includes(aad),
    now,
    replyToId: a.replyToId,
    context,
  };
}
