// A tiny TCP proxy between the bot's table clients and Azurite, for storage faults: it can hold
// every answer back (a slow store), and lets a test act on a request before it is forwarded or
// on its answer before it is returned (e.g. stop Azurite just as a transaction is sent).
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RequestLine {
  method: string;
  path: string;
}

export class StoreProxy {
  /** Added before every chunk of every answer, in order. */
  latencyMs = 0;
  /** Runs before a request is forwarded; the request waits for it. */
  beforeRequest?: (request: RequestLine) => Promise<void> | void;
  /** Runs when the answer to a request arrives; return false to drop the connection instead of answering. */
  onAnswer?: (request: RequestLine) => Promise<boolean> | boolean;
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  /** Where the store is; a test may move it (a store restarted on another port). */
  constructor(readonly upstream: { host: string; port: number }) {}

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  async start(port = 0): Promise<void> {
    this.server = createServer((client) => this.pipe(client));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Drops every open connection (as a store restart does). */
  dropAll(): void {
    for (const s of this.sockets) s.destroy();
  }

  private pipe(client: Socket): void {
    const server = connect(this.upstream.port, this.upstream.host);
    this.sockets.add(client).add(server);
    const close = () => {
      client.destroy();
      server.destroy();
      this.sockets.delete(client);
      this.sockets.delete(server);
    };
    client.on('error', close).on('close', close);
    server.on('error', close).on('close', close);
    // While the store is down, Linux may connect a socket to itself (its ephemeral local port
    // chosen equal to the store's port): it would hold the port and the store could not restart.
    server.on('connect', () => {
      if (server.localPort === server.remotePort) close();
    });
    // Requests in order; the last request line seen names the answer that comes back.
    const pending: RequestLine[] = [];
    let toServer = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      client.pause();
      toServer = toServer.then(async () => {
        const line = /^(GET|POST|PUT|PATCH|MERGE|DELETE|HEAD|OPTIONS) (\S+) HTTP\/1\.[01]/.exec(chunk.toString('latin1', 0, 300));
        if (line) {
          const request = { method: line[1]!, path: decodeURIComponent(line[2]!) };
          pending.push(request);
          await this.beforeRequest?.(request);
        }
        if (!server.destroyed) server.write(chunk);
        client.resume();
      }).catch(close);
    });
    let toClient = Promise.resolve();
    server.on('data', (chunk: Buffer) => {
      toClient = toClient.then(async () => {
        if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
        const answering = /^HTTP\/1\.[01] \d{3}/.test(chunk.toString('latin1', 0, 20)) ? pending.shift() : undefined;
        if (answering && this.onAnswer && !(await this.onAnswer(answering))) return close();
        if (!client.destroyed) client.write(chunk);
      }).catch(close);
    });
  }
}

/** A port that was free a moment ago (to start, stop and restart Azurite on the same one). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
