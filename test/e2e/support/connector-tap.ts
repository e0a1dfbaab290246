// A recording pass-through between the bot and the playground's mock Bot Connector.
// The playground's WebSocket only streams the conversations of its current user, so 1:1
// cards the bot sends to anyone else (invitations...) would be invisible; the playground is
// started with `--service-url` pointing here, and every call the bot makes is forwarded
// unchanged and recorded: new conversations, posted activities, updates, deletes.
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transcript, type Attachment } from './transcript.js';

export interface ConnectorCall {
  method: string;
  path: string;
  status: number;
  request?: unknown;
  response?: unknown;
}

export interface CreatedConversation {
  id: string;
  isGroup: boolean;
  /** Member ids the bot asked for (a 1:1 chat has one: the user's Teams id). */
  members: string[];
}

interface ActivityBody {
  type?: string;
  text?: string;
  attachments?: Attachment[];
}

export class ConnectorTap {
  readonly transcript = new Transcript('connector tap');
  readonly calls: ConnectorCall[] = [];
  readonly conversations: CreatedConversation[] = [];
  private target = '';

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Listens on a free port; point it at the playground with `forwardTo` once that is up. */
  static async start(): Promise<ConnectorTap> {
    let tap: ConnectorTap | undefined;
    const server = createServer((req, res) => {
      void tap?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    tap = new ConnectorTap(server, (server.address() as AddressInfo).port);
    return tap;
  }

  /** The service URL to give the playground (`--service-url`). */
  get serviceUrl(): string {
    return `http://127.0.0.1:${this.port}/_connector`;
  }

  forwardTo(playgroundUrl: string): void {
    this.target = playgroundUrl.replace(/\/$/, '');
  }

  /** The 1:1 conversation the bot opened with a user, if it has. */
  personalChatOf(userId: string): string | undefined {
    return this.conversations.find((c) => !c.isGroup && c.members.includes(userId))?.id;
  }

  /** Calls whose path matches, e.g. failed ones: `tap.find((c) => c.status >= 400)`. */
  find(match: (call: ConnectorCall) => boolean): ConnectorCall[] {
    return this.calls.filter(match);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    const url = new URL(req.url ?? '/', this.target || 'http://127.0.0.1');
    const headers = { ...withoutHopByHop(req.headers), host: url.host, 'content-length': String(body.length) };
    const upstream = await new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        const out = request(url, { method: req.method, headers }, async (up) => {
          resolve({ status: up.statusCode ?? 502, headers: up.headers, body: await readAll(up) });
        });
        out.once('error', reject);
        out.end(body);
      },
    ).catch((error: Error) => ({ status: 502, headers: {} as IncomingHttpHeaders, body: Buffer.from(JSON.stringify({ error: error.message })) }));

    const call: ConnectorCall = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      status: upstream.status,
      request: parse(body),
      response: parse(upstream.body),
    };
    this.calls.push(call);
    this.observe(call);
    res.writeHead(upstream.status, { ...withoutHopByHop(upstream.headers), 'content-length': upstream.body.length });
    res.end(upstream.body);
  }

  /** Turns Bot Connector calls into conversations and transcript entries. */
  private observe(call: ConnectorCall): void {
    if (call.status >= 300) return;
    const path = call.path.replace(/^\/_connector/, '');
    const response = (call.response ?? {}) as { id?: string; activityId?: string };
    if (call.method === 'POST' && path === '/v3/conversations') {
      const req = (call.request ?? {}) as { isGroup?: boolean; members?: Array<{ id: string }>; activity?: ActivityBody };
      if (response.id) {
        this.conversations.push({ id: response.id, isGroup: !!req.isGroup, members: (req.members ?? []).map((m) => m.id) });
        if (req.activity && response.activityId) this.recordActivity(response.id, response.activityId, req.activity);
      }
      return;
    }
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (!m?.[1]) return;
    const activity = (call.request ?? {}) as ActivityBody;
    if (call.method === 'POST' && response.id) this.recordActivity(m[1], response.id, activity);
    else if (call.method === 'PUT' && m[2]) this.recordActivity(m[1], m[2], activity);
  }

  private recordActivity(conversationId: string, id: string, activity: ActivityBody): void {
    if (activity.type && activity.type !== 'message') return; // typing indicators
    this.transcript.record(conversationId, id, { text: activity.text, attachments: activity.attachments });
  }
}

/** Connection-level headers are per hop; the lengths are recomputed. */
function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy = { ...headers };
  for (const name of ['connection', 'keep-alive', 'transfer-encoding', 'content-length']) delete copy[name];
  return copy;
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

function parse(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return body.toString('utf8');
  }
}
