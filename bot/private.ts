// What carries the child's full name, family members' names or invitees' contacts goes 1:1,
// whatever chat it was asked for in and whatever the client (Action.Execute or Action.Submit).
import type { Services } from './services.js';
import type { AdaptiveCard, Turn } from './turn.js';

/** Sends a card to the acting person's 1:1 chat with the bot. */
export async function sendPrivately(s: Services, turn: Turn, card: AdaptiveCard): Promise<void> {
  await s.messenger.toUser({ teamsId: turn.actor.teamsId, tenantId: turn.tenantId, serviceUrl: turn.context.activity.serviceUrl }, card);
}

/** What a shared chat is told instead. */
export const SENT_PRIVATELY = 'I have sent that to you in our 1:1 chat: conference details stay out of shared chats.';
