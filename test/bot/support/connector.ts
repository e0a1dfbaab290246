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
        .then(([status, body]) => {
          res.writeHead(status, { 'content-type': 'application/json' });
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
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown]> {
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const body = await readJson(req);
    // v3/conversations
    if (req.method === 'POST' && parts.length === 2) {
      const memberId = body.members?.[0]?.id as string;
      const member = this.find(memberId);
      if (!member) return [404, { error: { code: 'NotFound', message: `no member ${memberId}` } }];
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
      if (req.method === 'PUT' && activityId) {
        if (this.failUpdates) return [404, { error: { code: 'ActivityNotFoundInConversation', message: 'gone' } }];
        this.outgoing.push({ kind: 'update', conversationId, activityId, activity: body });
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

  private find(id: string): Member | undefined {
    return this.directory.find((m) => m.id === id || m.aadObjectId === id);
  }

  private membersOf(conversationId: string): Member[] {
    return this.conversations.get(conversationId) ?? this.directory;
  }
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}
