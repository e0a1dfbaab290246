// With an app id configured, the real CloudAdapter authenticates every request: tokens are
// checked against an OpenID configuration (here a loopback one with a key signed locally).
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { createAdapter } from '../../bot/adapter.js';
import { readConfig } from '../../bot/config.js';
import { ConferenceBot, type Router } from '../../bot/conference-bot.js';
import { listen, type RunningServer } from '../../bot/server.js';
import { personal } from './support/teams.js';
import type { Member } from './support/connector.js';

const APP_ID = '00000000-0000-4000-8000-000000000abc';
const SERVICE_URL = 'http://127.0.0.1:9/never-called';
const bob: Member = { id: '29:bob', aadObjectId: 'aad-bob', name: 'Bob Police', email: 'bob@example.org' };

const b64url = (x: Buffer | string) => Buffer.from(x).toString('base64url');
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = publicKey.export({ format: 'jwk' });

function token(claims: Record<string, unknown>, kid = 'test-key'): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify({ iss: 'https://api.botframework.com', aud: APP_ID, nbf: now - 60, exp: now + 600, serviceurl: SERVICE_URL, ...claims }));
  const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(privateKey);
  return `${header}.${body}.${b64url(signature)}`;
}

describe('Bot Framework authentication (app id configured)', () => {
  const reached: string[] = [];
  const router: Router = {
    command: async (_turn, text) => (reached.push(text), {}),
    action: async () => ({ own: {} }),
    errorCard: () => ({}),
    refused: async () => undefined,
    remember: async () => undefined,
  };
  let openId: Server;
  let bot: RunningServer;

  before(async () => {
    openId = createServer((req, res) => {
      const base = `http://127.0.0.1:${(openId.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/openid') res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
      else res.end(JSON.stringify({ keys: [{ ...jwk, kid: 'test-key', use: 'sig', endorsements: ['msteams'] }] }));
    });
    await new Promise<void>((r) => openId.listen(0, '127.0.0.1', r));
    const config = readConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-here',
      ToBotFromChannelOpenIdMetadataUrl: `http://127.0.0.1:${(openId.address() as AddressInfo).port}/openid`,
    });
    const conferenceBot = new ConferenceBot({ router, allowedTenants: [], admins: [], now: () => new Date(), log: () => undefined });
    bot = await listen(createAdapter(config, () => undefined), conferenceBot, 0, '127.0.0.1');
  });
  after(async () => {
    await bot.close();
    await new Promise<void>((r) => openId.close(() => r()));
  });
  beforeEach(() => (reached.length = 0));

  const send = (authorization?: string) =>
    fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({
        type: 'message', id: 'm1', channelId: 'msteams', serviceUrl: SERVICE_URL, text: 'my reviews',
        from: { id: bob.id, aadObjectId: bob.aadObjectId, name: bob.name }, recipient: { id: `28:${APP_ID}` },
        conversation: { id: personal(bob).id, conversationType: 'personal' },
      }),
    });

  it('refuses a request with no token, before any handler runs', async () => {
    expect((await send()).status).to.equal(401);
    expect(reached).to.deep.equal([]);
  });

  it('refuses a token signed by another key', async () => {
    const forged = token({}).split('.');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    forged[2] = b64url(createSign('RSA-SHA256').update(`${forged[0]}.${forged[1]}`).sign(other));
    expect((await send(`Bearer ${forged.join('.')}`)).status).to.equal(401);
    expect(reached).to.deep.equal([]);
  });

  it('refuses a token for another bot (audience) or an expired one', async () => {
    expect((await send(`Bearer ${token({ aud: 'someone-else' })}`)).status).to.equal(401);
    expect((await send(`Bearer ${token({ exp: Math.floor(Date.now() / 1000) - 3600 })}`)).status).to.equal(401);
    expect(reached).to.deep.equal([]);
  });

  it('accepts a valid Bot Framework token and runs the turn', async () => {
    const res = await send(`Bearer ${token({})}`);
    expect(res.status).to.equal(200);
    expect(reached).to.deep.equal(['my reviews']);
  });
});
