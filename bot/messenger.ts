// Proactive messages: 1:1 cards to invitees and posts/updates in a conference chat, outside the
// turn that caused them. Conversation references come from storage, never from process memory.
import {
  CardFactory,
  MessageFactory,
  TurnContext,
  type CloudAdapter,
  type ConversationReference,
} from 'botbuilder';
import type { AdaptiveCard } from './turn.js';

const AUDIENCE = 'https://api.botframework.com';

export interface PersonalTarget {
  teamsId: string;
  tenantId?: string;
  serviceUrl: string;
}

export class Messenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  /** Opens (or reopens: Teams returns the same chat) the 1:1 chat with a user and posts a card there. */
  async toUser(target: PersonalTarget, card: AdaptiveCard): Promise<{ reference: Partial<ConversationReference>; activityId: string }> {
    let result: { reference: Partial<ConversationReference>; activityId: string } | undefined;
    await this.adapter.createConversationAsync(
      this.appId,
      'msteams',
      target.serviceUrl,
      AUDIENCE,
      {
        isGroup: false,
        bot: { id: this.appId || 'bot', name: 'Conference bot' },
        members: [{ id: target.teamsId, name: '' }],
        tenantId: target.tenantId,
        channelData: target.tenantId ? { tenant: { id: target.tenantId } } : undefined,
      } as never,
      async (context) => {
        const sent = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
        result = { reference: TurnContext.getConversationReference(context.activity), activityId: sent?.id ?? '' };
      },
    );
    if (!result) throw new Error(`could not open a 1:1 chat with ${target.teamsId}`);
    return result;
  }

  /** Posts a card into the conversation of the current turn; returns the new activity id. */
  async reply(context: TurnContext, card: AdaptiveCard): Promise<string> {
    return (await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))?.id ?? '';
  }

  /** Posts a card into a known conversation; returns the new activity id. */
  async post(reference: Partial<ConversationReference>, card: AdaptiveCard): Promise<string> {
    let id = '';
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      id = (await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))?.id ?? '';
    });
    return id;
  }

  /** Replaces a posted card; when Teams has lost it (it happens), posts it anew and returns the new id. */
  async replace(reference: Partial<ConversationReference>, activityId: string | undefined, card: AdaptiveCard): Promise<string> {
    if (activityId) {
      try {
        await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
          await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: activityId });
        });
        return activityId;
      } catch {
        // fall through: a fresh card is better than a stale one
      }
    }
    return this.post(reference, card);
  }
}
