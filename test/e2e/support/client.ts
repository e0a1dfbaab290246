// Drives the playground without a browser, through the internal routes its own UI uses
// (pinned to @microsoft/m365agentsplayground 0.2.28; see docs/e2e.md), and lets a test act as
// any of the configured users: the UI itself is always the config's current user.
import { createRequire } from 'node:module';
import { buttonTitles, findAction, type CardAction } from './cards.js';
import type { ConnectorTap } from './connector-tap.js';
import { Transcript, cardOf, type Attachment, type BotMessage } from './transcript.js';

export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
  userPrincipleName: string;
  givenName: string;
  surname: string;
  email: string;
}

/** `GET /_internal/v1/testConfig`: the config file as the playground understood it. */
export interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string; name: string };
  groupChats: Array<{ id: string; name: string; members: string[] }>;
  teams: Array<{
    id: string;
    name: string;
    aadGroupId: string;
    channels: Array<{ id: string; name: string; channelType: string }>;
    members: string[];
  }>;
}

/** A stream event: `createMessage` / `updateMessage` (or `typing`) in a conversation the UI shows. */
interface StreamEvent {
  action: 'createMessage' | 'updateMessage' | 'typing';
  actionConversationId: string;
  message?: { messageId: string; text?: string; attachments?: Attachment[]; postConversationId?: string };
}

interface WsLike {
  on(event: 'message', listener: (data: Buffer | string) => void): void;
  once(event: 'open' | 'close', listener: () => void): void;
  once(event: 'error', listener: (error: Error) => void): void;
  close(): void;
  readyState: number;
}

export class PlaygroundError extends Error {
  constructor(
    readonly route: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${route} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  }
}

export interface SayOptions {
  /** Prefix the text with an @mention of the bot (needed in group chats and channels). */
  mentionBot?: boolean;
}

export class PlaygroundClient {
  /** What the UI is shown: the current user's chats, the group chat and the team. */
  readonly stream = new Transcript('playground WebSocket');
  private ws?: WsLike;

  private constructor(
    readonly url: string,
    readonly config: PlaygroundConfig,
    /** Every bot message including other users' 1:1 chats, when started with a tap. */
    readonly tap?: ConnectorTap,
  ) {}

  static async connect(url: string, tap?: ConnectorTap): Promise<PlaygroundClient> {
    const res = await fetch(`${url}/_internal/v1/testConfig`);
    if (!res.ok) throw new PlaygroundError('GET /_internal/v1/testConfig', res.status, await res.text());
    const { config } = (await res.json()) as { config: PlaygroundConfig };
    const client = new PlaygroundClient(url, config, tap);
    await client.openStream();
    return client;
  }

  /** The most complete view of what the bot sent: the tap when there is one, else the stream. */
  get transcript(): Transcript {
    return this.tap?.transcript ?? this.stream;
  }

  get personalChatId(): string {
    return this.config.personalChat.id;
  }

  get groupChatId(): string {
    const chat = this.config.groupChats[0];
    if (!chat) throw new Error('the playground config has no group chat');
    return chat.id;
  }

  /** The team's General channel (its conversation id is the team id). */
  get teamChannelId(): string {
    const team = this.config.teams[0];
    if (!team) throw new Error('the playground config has no team');
    return team.id;
  }

  get currentUser(): PlaygroundUser {
    return this.config.currentUser;
  }

  user(id: string): PlaygroundUser {
    const user = [this.config.currentUser, ...this.config.users].find((u) => u.id === id);
    if (!user) throw new Error(`no user ${id} in the playground config`);
    return user;
  }

  /**
   * Sends text as the current user, exactly as the UI's compose box does (the message is
   * stored in the conversation; the bot gets it in a personal chat or when @mentioned).
   * In a team channel this starts a new post; the bot's replies go to `postConversationId`.
   */
  async say(conversationId: string, text: string, options: SayOptions = {}): Promise<{ messageId: string; postConversationId?: string }> {
    const mention = this.mention(options);
    return (await this.post(`/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
      from: { id: this.currentUser.id },
      text: mention ? `${mention.text} ${text}` : text,
      textFormat: 'plain',
      ...(mention ? { mentions: [{ mentioned: { id: this.config.bot.id, name: this.config.bot.name }, text: mention.text }] } : {}),
    })) as { messageId: string; postConversationId?: string };
  }

  /**
   * Sends text to the bot as any user. The messages route always presents the current user
   * to the bot whatever `from` says, so other users' messages go through the custom-activity
   * route as a complete Teams message activity (they are not shown in the UI).
   * `conversationId` must exist: the group chat, a channel post, or a 1:1 chat from `openPersonalChat`.
   */
  async sayAs(userId: string, conversationId: string, text: string, options: SayOptions = {}): Promise<void> {
    if (userId === this.currentUser.id) {
      await this.say(conversationId, text, options);
      return;
    }
    const user = this.user(userId);
    const template = (await this.get(
      `/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`,
    )) as Record<string, unknown> & { conversation: { conversationType?: string } };
    const mention = this.mention(options);
    const isChannel = template.conversation.conversationType === 'channel';
    const teamId = this.config.teams[0]?.id;
    await this.post('/_internal/v1/customActivities', {
      ...template,
      type: 'message',
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      text: mention ? `${mention.text} ${text}` : text,
      textFormat: 'plain',
      locale: 'en-US',
      channelData: {
        tenant: { id: this.config.tenantId },
        ...(isChannel && teamId ? { team: { id: teamId }, channel: { id: conversationId.split(';')[0] } } : {}),
      },
      entities: [
        ...(mention ? [{ type: 'mention', mentioned: { id: this.config.bot.id, name: this.config.bot.name }, text: mention.text }] : []),
        { type: 'clientInfo', locale: 'en-US', country: 'GB', platform: 'Web', timezone: 'Europe/London' },
      ],
    });
  }

  /**
   * Opens (or finds) a user's 1:1 chat with the bot, so that user can message it before the
   * bot has written to them. Calls the mock connector as the bot would; when the bot later
   * creates the conversation itself, it gets this same chat.
   */
  async openPersonalChat(userId: string): Promise<string> {
    if (userId === this.currentUser.id) return this.personalChatId;
    const res = (await this.post('/_connector/v3/conversations', {
      isGroup: false,
      bot: { id: this.config.bot.id, name: this.config.bot.name },
      members: [{ id: userId }],
      tenantId: this.config.tenantId,
      channelData: { tenant: { id: this.config.tenantId } },
    })) as { id: string };
    return res.id;
  }

  /**
   * `Action.Execute` as `userId` on a card the bot posted: the bot gets an
   * `adaptiveCard/action` invoke; returns its invoke response (`{ type, value }`).
   */
  async invoke(userId: string, message: Pick<BotMessage, 'conversationId' | 'id'>, action: { verb?: string; data?: unknown; title?: string; id?: string }): Promise<{ type: string; value: unknown }> {
    return (await this.post('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', ...action } },
      from: { id: userId },
      conversation: { id: message.conversationId },
      replyToId: message.id,
    })) as { type: string; value: unknown };
  }

  /** `Action.Submit` as `userId`: the bot gets a message activity with `value` and `replyToId`. */
  async submit(userId: string, message: Pick<BotMessage, 'conversationId' | 'id'>, value: Record<string, unknown>): Promise<void> {
    await this.post('/_conversation/v1/submit', {
      conversation: { id: message.conversationId },
      replyToId: message.id,
      value,
      from: { id: userId },
    });
  }

  /**
   * Clicks the card button titled `title` as `userId`, the way a Teams client does: input
   * values are merged into the action's data; Execute → invoke, Submit → submit.
   * `prefer: 'submit'` takes the button's Action.Submit fallback (the mobile path) instead.
   */
  async click(
    userId: string,
    message: BotMessage,
    title: string,
    options: { inputs?: Record<string, unknown>; prefer?: 'execute' | 'submit' } = {},
  ): Promise<{ type: string; value: unknown } | undefined> {
    const card = cardOf(message);
    if (!card) throw new Error(`message #${message.id} has no Adaptive Card`);
    let action: CardAction | undefined = findAction(card, title);
    if (!action) throw new Error(`no button "${title}" on card #${message.id}; it has: ${buttonTitles(card).join(', ') || 'none'}`);
    if (options.prefer === 'submit' && action.type === 'Action.Execute' && action.fallback && typeof action.fallback === 'object') {
      action = action.fallback;
    }
    const data = { ...(typeof action.data === 'object' && action.data ? (action.data as object) : {}), ...options.inputs };
    if (action.type === 'Action.Execute') {
      return this.invoke(userId, message, { title: action.title, verb: action.verb, data, ...(action.id ? { id: action.id } : {}) });
    }
    if (action.type === 'Action.Submit') {
      await this.submit(userId, message, data);
      return undefined;
    }
    throw new Error(`button "${title}" is an ${action.type}, not Execute or Submit`);
  }

  async close(): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState === 3) return;
    await new Promise<void>((resolve) => {
      ws.once('close', resolve);
      ws.close();
      setTimeout(resolve, 1000).unref();
    });
  }

  private mention(options: SayOptions): { text: string } | undefined {
    return options.mentionBot ? { text: `<at>${this.config.bot.name}</at>` } : undefined;
  }

  /** The stream the UI listens to. The server buffers events only while nobody is connected
   * and hands them to the first client, so connect before anything is sent. */
  private async openStream(): Promise<void> {
    // `ws` comes with botbuilder (botframework-streaming); Node 20 has no WebSocket client.
    const WebSocket = createRequire(import.meta.url)('ws') as new (url: string) => WsLike;
    const ws = new WebSocket(`${this.url.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.on('message', (data) => {
      const event = JSON.parse(data.toString()) as StreamEvent;
      if ((event.action !== 'createMessage' && event.action !== 'updateMessage') || !event.message) return;
      const m = event.message;
      this.stream.record(m.postConversationId ?? event.actionConversationId, m.messageId, { text: m.text, attachments: m.attachments });
    });
    this.ws = ws;
  }

  private async get(route: string): Promise<unknown> {
    const res = await fetch(`${this.url}${route}`, { signal: AbortSignal.timeout(15_000) });
    return this.read(`GET ${route.split('?')[0]}`, res);
  }

  private async post(route: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    return this.read(`POST ${route}`, res);
  }

  private async read(route: string, res: Response): Promise<unknown> {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    if (!res.ok) throw new PlaygroundError(route, res.status, body);
    return body;
  }
}
