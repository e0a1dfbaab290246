// A loopback stand-in for the Bot Connector service that Teams would be: it records what the bot
// sends (replies, new 1:1 conversations, card updates) and answers member look-ups.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Member {
  id: string; // the Teams user id (29:…)
  aadObjectId: string;
  name: string;
  email: string;
  userPrincipalName?: string;
}

export interface Outgoing {
  kind: 'send' | 'reply' | 'update';
  conversationId: string;
  activityId: string;
  activity: Record<string, any>;
  /** When it took effect (Date.now()). */
  at?: number;
}

export class FakeConnector {
  readonly outgoing: Outgoing[] = [];
  readonly created: { conversationId: string; memberId: string }[] = [];
  private server?: Server;
  private nextId = 1;
  /** Members by conversation; personal conversations are created on demand. */
  private readonly conversations = new Map<string, Member[]>();
  /** When set, updates fail as Teams sometimes does (ActivityNotFoundInConversation). */
  failUpdates = false;
  /**
   * Teams as it is (off unless set): per conversation at most 7 operations (send, reply,
   * update) in 1 s, 8 in 2 s and 60 in 30 s, else 429 with Retry-After; a share of updates
   * refused with 412, 502 or 504; updates held for a random time before they apply, so a later
   * one can apply first. `applied` is every update in the order it took effect.
   */
  teams = { limits: false, faultRate: 0, faultStatuses: [412, 502, 504], delayUpdatesMs: 0, loseRate: 0, random: Math.random };
  readonly throttled: { conversationId: string; at: number }[] = [];
  readonly faulted: { conversationId: string; status: number }[] = [];
  readonly applied: Outgoing[] = [];
  private readonly operations = new Map<string, number[]>();
  /** Activities Teams has "lost": updating them answers 404 ActivityNotFoundInConversation. */
  readonly lost = new Set<string>();
  /** People who have not got the app: Teams refuses to open a 1:1 chat with them. */
  readonly withoutApp = new Set<string>();

  constructor(readonly directory: Member[]) {}

  get url(): string {
    const port = (this.server!.address() as AddressInfo).port;
    return `http://127.0.0.1:${port}`;
  }

  addConversation(id: string, members: Member[]): void {
    this.conversations.set(id, members);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req)
        .then(([status, body, headers]) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        })
        .catch((e: Error) => {
          res.writeHead(500);
          res.end(JSON.stringify({ error: { code: 'Fake', message: e.message } }));
        });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  /** Everything sent into one conversation, oldest first. */
  to(conversationId: string): Outgoing[] {
    return this.outgoing.filter((o) => o.conversationId === conversationId);
  }

  /** The personal conversation id the bot opened with a member, if it did. */
  personalConversationOf(memberId: string): string | undefined {
    return this.created.find((c) => c.memberId === memberId)?.conversationId;
  }

  clear(): void {
    this.outgoing.length = 0;
    this.applied.length = 0;
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown, Record<string, string>?]> {
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const body = await readJson(req);
    // v3/conversations
    if (req.method === 'POST' && parts.length === 2) {
      const memberId = body.members?.[0]?.id as string;
      const member = this.find(memberId);
      if (!member) return [404, { error: { code: 'NotFound', message: `no member ${memberId}` } }];
      if (this.withoutApp.has(member.id)) return [403, { error: { code: 'Forbidden', message: 'The bot is not installed for this user.' } }];
      const conversationId = `a:personal-${member.id}`;
      if (!this.conversations.has(conversationId)) {
        this.conversations.set(conversationId, [member]);
        this.created.push({ conversationId, memberId: member.id });
      }
      return [201, { id: conversationId }];
    }
    const conversationId = parts[2]!;
    if (parts[3] === 'activities') {
      const activityId = parts[4];
      const throttled = this.overLimit(conversationId);
      if (throttled) return throttled;
      if (req.method === 'PUT' && activityId) {
        if (this.failUpdates || this.lost.has(activityId)) return [404, { error: { code: 'ActivityNotFoundInConversation', message: 'gone' } }];
        const t = this.teams;
        if (t.loseRate > 0 && t.random() < t.loseRate) {
          this.lost.add(activityId);
          return [404, { error: { code: 'ActivityNotFoundInConversation', message: 'gone' } }];
        }
        if (t.faultRate > 0 && t.random() < t.faultRate) {
          const status = t.faultStatuses[Math.floor(t.random() * t.faultStatuses.length)]!;
          this.faulted.push({ conversationId, status });
          return [status, { error: { code: status === 412 ? 'PreconditionFailed' : 'ServiceError', message: `injected ${status}` } }];
        }
        if (t.delayUpdatesMs > 0) await new Promise((r) => setTimeout(r, t.random() * t.delayUpdatesMs));
        const update: Outgoing = { kind: 'update', conversationId, activityId, activity: body, at: Date.now() };
        this.outgoing.push(update);
        this.applied.push(update);
        return [200, { id: activityId }];
      }
      const id = `act-${this.nextId++}`;
      this.outgoing.push({ kind: activityId ? 'reply' : 'send', conversationId, activityId: id, activity: body });
      return [200, { id }];
    }
    if (parts[3] === 'members' && parts[4]) {
      const m = this.membersOf(conversationId).find((x) => x.id === parts[4] || x.aadObjectId === parts[4] || x.email === parts[4]);
      return m ? [200, m] : [404, { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } }];
    }
    if (parts[3] === 'pagedmembers') return [200, { members: this.membersOf(conversationId) }];
    if (parts[3] === 'members') return [200, this.membersOf(conversationId)];
    return [404, { error: { code: 'NotFound', message: url.pathname } }];
  }

  /** Counts one operation in the conversation; over Teams' limits it is refused with 429 and Retry-After. */
  private overLimit(conversationId: string): [number, unknown, Record<string, string>] | undefined {
    if (!this.teams.limits) return undefined;
    const now = Date.now();
    const times = (this.operations.get(conversationId) ?? []).filter((t) => t > now - 30_000);
    const within = (ms: number) => times.filter((t) => t > now - ms).length;
    if (within(1_000) >= 7 || within(2_000) >= 8 || times.length >= 60) {
      this.throttled.push({ conversationId, at: now });
      this.operations.set(conversationId, times);
      return [429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'retry-after': '1' }];
    }
    this.operations.set(conversationId, [...times, now]);
    return undefined;
  }

  private find(id: string): Member | undefined {
    return this.directory.find((m) => m.id === id || m.aadObjectId === id);
  }

  private membersOf(conversationId: string): Member[] {
    // A conversation the connector never saw has no members: Teams finds people only in their own chats.
    return this.conversations.get(conversationId) ?? [];
  }
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}
