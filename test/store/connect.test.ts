import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { CONNECTION_STRING_VARIABLE, StoreUnreachableError, endpointOf, openStore } from '../../src/store/connect.js';
import { aConference } from '../support/records.js';
import { uniquePrefix } from '../support/store.js';

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('store: opening the store', () => {
  it('with no configuration, starts an embedded Azurite keeping its data in a folder', async function () {
    this.timeout(30_000);
    const dataDir = mkdtempSync(join(tmpdir(), 'cp-store-'));
    try {
      const conference = aConference();
      const first = await openStore({ env: {}, dataDir });
      expect(first.embedded).to.equal(true);
      expect(first.endpoint).to.match(/^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1$/);
      await first.conferences.create(conference);
      await first.close();
      // Data survives a restart: what npm start relies on.
      const second = await openStore({ env: {}, dataDir });
      try {
        expect(await second.conferences.get(conference.id)).to.deep.equal(conference);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('queries stay filtered with restify loaded in the same process (it patches IncomingMessage.prototype.query)', async () => {
    await import('restify');
    const store = await openStore({ env: {}, inMemory: true });
    try {
      const [a, b] = [aConference(), aConference()];
      await store.conferences.create(a);
      await store.conferences.create(b);
      await store.invitees.invite({ conferenceId: a.id, userId: 'aad-1', name: 'Pat Police', agency: 'police', role: 'professional', directContact: true, invitedAt: a.createdAt });
      expect((await store.invitees.list(a.id)).map((i) => i.userId)).to.deep.equal(['aad-1']);
      expect(await store.invitees.list(b.id)).to.deep.equal([]);
    } finally {
      await store.close();
    }
  });

  it('uses AZURE_TABLES_CONNECTION_STRING when it is set (here: the test Azurite)', async () => {
    const connectionString = process.env[CONNECTION_STRING_VARIABLE]!;
    const store = await openStore({ env: { [CONNECTION_STRING_VARIABLE]: connectionString }, tablePrefix: uniquePrefix() });
    expect(store.embedded).to.equal(false);
    expect(store.connectionString).to.equal(connectionString);
    const conference = aConference();
    expect((await store.conferences.create(conference)).outcome).to.equal('created');
    await store.close();
  });

  it('an unreachable endpoint fails fast, naming it and what to set', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}/devstoreaccount1`;
    const connectionString = process.env[CONNECTION_STRING_VARIABLE]!.replace(/TableEndpoint=[^;]+/, `TableEndpoint=${endpoint}`);
    const started = Date.now();
    try {
      await openStore({ connectionString });
      expect.fail('should not open');
    } catch (err) {
      expect(err).to.be.instanceOf(StoreUnreachableError);
      expect((err as Error).message).to.include(endpoint).and.include('AZURE_TABLES_CONNECTION_STRING');
      expect((err as StoreUnreachableError).endpoint).to.equal(endpoint);
    }
    expect(Date.now() - started).to.be.below(5000);
  });

  it('a connection string that is not one says so', async () => {
    try {
      await openStore({ connectionString: 'not a connection string' });
      expect.fail('should not open');
    } catch (err) {
      expect((err as Error).message).to.include('AZURE_TABLES_CONNECTION_STRING');
    }
  });

  it('names the endpoint of each connection string form, never the key', () => {
    expect(endpointOf('UseDevelopmentStorage=true')).to.equal('http://127.0.0.1:10002/devstoreaccount1');
    expect(endpointOf('DefaultEndpointsProtocol=https;AccountName=cpbot;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net')).to.equal('https://cpbot.table.core.windows.net');
    expect(endpointOf('TableEndpoint=https://cpbot.table.core.windows.net/;SharedAccessSignature=sv=2024&sig=x')).to.equal('https://cpbot.table.core.windows.net/');
  });
});
