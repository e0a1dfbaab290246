// Builds Teams-shaped activities and posts them to the bot's /api/messages, as Teams would.
import { randomUUID } from 'node:crypto';
import type { Member } from './connector.js';

export const TENANT = '11111111-2222-3333-4444-555555555555';
export const BOT = { id: '28:cp-conference-bot', name: 'Conference bot' };

export interface Conversation {
  id: string;
  conversationType: 'personal' | 'groupChat' | 'channel';
}

export const personal = (m: Member): Conversation => ({ id: `a:personal-${m.id}`, conversationType: 'personal' });

export class TeamsClient {
  constructor(
    private readonly botUrl: string,
    private readonly serviceUrl: () => string,
    private readonly tenant = TENANT,
  ) {}

  /** Types a message; in a group chat or channel Teams only delivers it when the bot is @mentioned. */
  say(from: Member, conversation: Conversation, text: string) {
    const mention = conversation.conversationType === 'personal' ? '' : `<at>${BOT.name}</at> `;
    return this.post({
      type: 'message',
      text: mention + text,
      entities: mention
        ? [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }]
        : [],
    }, from, conversation);
  }

  /** Clicks an Action.Execute button: an `adaptiveCard/action` invoke whose HTTP answer is the new card. */
  execute(from: Member, conversation: Conversation, verb: string, data: Record<string, unknown>, replyToId?: string) {
    return this.post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' },
      replyToId,
    }, from, conversation);
  }

  /** Clicks an Action.Submit button (Teams mobile / clients without Universal Actions). */
  submit(from: Member, conversation: Conversation, data: Record<string, unknown>, replyToId?: string) {
    return this.post({ type: 'message', value: data, replyToId }, from, conversation);
  }

  /** Sends any activity; extra fields override the defaults. */
  async post(partial: Record<string, unknown>, from: Member, conversation: Conversation, tenant = this.tenant) {
    const activity = {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl(),
      from: { id: from.id, aadObjectId: from.aadObjectId, name: from.name },
      recipient: BOT,
      conversation: { ...conversation, tenantId: tenant, isGroup: conversation.conversationType !== 'personal' },
      channelData: { tenant: { id: tenant } },
      locale: 'en-GB',
      ...partial,
    };
    const res = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined };
  }
}
