// What the bot has posted, message by message with every later update, and a bounded wait
// for what a test expects next. Fed by the playground's WebSocket (what the UI sees) or by the
// connector tap (everything, including other users' 1:1 chats).
import { EventEmitter } from 'node:events';

export interface Attachment {
  contentType: string;
  content?: unknown;
}

export interface BotMessage {
  /** Conversation the bot posted to (a channel post's own id, `<channel>;messageid=<id>`). */
  conversationId: string;
  /** Activity id: what a card action's `replyToId` must be. */
  id: string;
  text?: string;
  attachments: Attachment[];
  /** 1 when posted, +1 for every update. */
  version: number;
  /** Every version, oldest first (the current one last). */
  history: Array<{ text?: string; attachments: Attachment[] }>;
}

export interface Card {
  type: 'AdaptiveCard';
  [key: string]: unknown;
}

/** The first Adaptive Card of a message, if any. */
export function cardOf(message: BotMessage): Card | undefined {
  const a = message.attachments.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive');
  return a?.content as Card | undefined;
}

/** All the text of a card (TextBlocks, facts, action titles...), for matching and messages. */
export function textOf(message: BotMessage): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && ['text', 'title', 'value', 'label', 'placeholder'].includes(key)) parts.push(value);
        else walk(value);
      }
    }
  };
  if (message.text) parts.push(message.text);
  walk(message.attachments.map((a) => a.content));
  return parts.join(' | ');
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Said in the error when the wait times out. */
  what?: string;
}

export class Transcript {
  private readonly byId = new Map<string, BotMessage>();
  private readonly events = new EventEmitter();

  constructor(readonly source: string) {
    this.events.setMaxListeners(100);
  }

  /** Every message as it is now, in the order first posted. Messages handed out are
   * snapshots: a later update never changes one, so `waitForUpdate(m)` cannot miss it. */
  all(): BotMessage[] {
    return [...this.byId.values()].map(snapshot);
  }

  get(id: string): BotMessage | undefined {
    const m = this.byId.get(id);
    return m && snapshot(m);
  }

  in(conversationId: string): BotMessage[] {
    return this.all().filter((m) => m.conversationId === conversationId);
  }

  /** Records a new message, or an update when the id is known. */
  record(conversationId: string, id: string, content: { text?: string; attachments?: Attachment[] }): BotMessage {
    const version = { text: content.text, attachments: content.attachments ?? [] };
    let message = this.byId.get(id);
    if (message) {
      message.text = version.text;
      message.attachments = version.attachments;
      message.version += 1;
      message.history.push(version);
    } else {
      message = { conversationId, id, ...version, version: 1, history: [version] };
      this.byId.set(id, message);
    }
    const copy = snapshot(message);
    this.events.emit('change', copy);
    return copy;
  }

  /** The first message (oldest first) matching `match`, waiting for it if need be. */
  waitFor(match: (m: BotMessage) => boolean, { timeoutMs = 10_000, what = 'a bot message' }: WaitOptions = {}): Promise<BotMessage> {
    const found = this.all().find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onChange = (m: BotMessage) => {
        if (!match(m)) return;
        cleanup();
        resolve(m);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.all()
          .slice(-8)
          .map((m) => `  [${m.conversationId} #${m.id} v${m.version}] ${textOf(m).slice(0, 160)}`)
          .join('\n');
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (${this.source}). Last seen:\n${seen || '  (nothing)'}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off('change', onChange);
      };
      this.events.on('change', onChange);
    });
  }

  /** A message posted after this call whose text contains `text` (optionally in one conversation). */
  waitForNew(text: string | RegExp, options: WaitOptions & { conversationId?: string } = {}): Promise<BotMessage> {
    const before = new Set(this.byId.keys());
    return this.waitFor(
      (m) => !before.has(m.id) && (!options.conversationId || m.conversationId === options.conversationId) && matches(textOf(m), text),
      { what: `a new message with ${String(text)}`, ...options },
    );
  }

  /** A later version of `message` (an update, even one that has already arrived), optionally
   * one whose text contains `text`. */
  waitForUpdate(message: BotMessage, text?: string | RegExp, options: WaitOptions = {}): Promise<BotMessage> {
    const after = message.version;
    return this.waitFor((m) => m.id === message.id && m.version > after && (text === undefined || matches(textOf(m), text)), {
      what: `an update of #${message.id}${text ? ` with ${String(text)}` : ''}`,
      ...options,
    });
  }
}

function snapshot(m: BotMessage): BotMessage {
  return { ...m, attachments: [...m.attachments], history: [...m.history] };
}

function matches(haystack: string, needle: string | RegExp): boolean {
  return typeof needle === 'string' ? haystack.includes(needle) : needle.test(haystack);
}
