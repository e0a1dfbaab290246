// The HTTP front door: restify on POST /api/messages, handing each request to the CloudAdapter.
import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import type { ConferenceBot } from './conference-bot.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** More routes on the same server (the desk's page and API). */
export type Mount = (server: restify.Server) => void;

export async function listen(adapter: CloudAdapter, bot: ConferenceBot, port: number, host = '0.0.0.0', mounts: Mount[] = []): Promise<RunningServer> {
  const server = restify.createServer({ name: 'cp-conference-bot' });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024 }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  for (const mount of mounts) mount(server);
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { ok: true });
    next();
  });
  // Keep idle connections longer than the clients in front (Azure's front ends, Bot Connector) do:
  // a connection the server drops just as a client reuses it reads as ECONNRESET to the client.
  server.server.keepAliveTimeout = 75_000;
  server.server.headersTimeout = 76_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
