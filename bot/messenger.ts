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
    let failure: unknown;
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
        // Caught here: the adapter would hand it to the turn error handler, which posts "Not saved" in the chat.
        try {
          const sent = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
          result = { reference: TurnContext.getConversationReference(context.activity), activityId: sent?.id ?? '' };
        } catch (e) {
          failure = e;
        }
      },
    );
    if (failure) throw failure;
    if (!result) throw new Error(`could not open a 1:1 chat with ${target.teamsId}`);
    return result;
  }

  /** Posts a card into the conversation of the current turn; returns the new activity id. */
  async reply(context: TurnContext, card: AdaptiveCard): Promise<string> {
    return (await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))?.id ?? '';
  }

  /** Posts a card into a known conversation; returns the new activity id. */
  async post(reference: Partial<ConversationReference>, card: AdaptiveCard): Promise<string> {
    return this.proactive(reference, async (context) => (await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))?.id ?? '');
  }

  /** Replaces a posted card; throws what Teams answered (the caller decides about retries). */
  async update(reference: Partial<ConversationReference>, activityId: string, card: AdaptiveCard): Promise<void> {
    await this.proactive(reference, async (context) => {
      await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: activityId });
    });
  }

  /**
   * Work in a proactive turn, its failure thrown to the caller: the adapter would otherwise hand
   * it to the turn error handler, which tells the *conversation* "Not saved" and swallows it.
   */
  private async proactive<T>(reference: Partial<ConversationReference>, work: (context: TurnContext) => Promise<T>): Promise<T> {
    let result: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      try {
        result = { ok: true, value: await work(context) };
      } catch (error) {
        result = { ok: false, error };
      }
    });
    if (!result) throw new Error('the proactive turn did not run');
    if (!result.ok) throw result.error;
    return result.value;
  }

  /** Replaces a posted card; when Teams has lost it (it happens), posts it anew and returns the new id. */
  async replace(reference: Partial<ConversationReference>, activityId: string | undefined, card: AdaptiveCard): Promise<string> {
    if (activityId) {
      try {
        await this.update(reference, activityId, card);
        return activityId;
      } catch {
        // fall through: a fresh card is better than a stale one
      }
    }
    return this.post(reference, card);
  }
}
