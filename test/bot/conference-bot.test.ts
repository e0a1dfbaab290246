// The Teams plumbing on its own (real CloudAdapter over HTTP, a recording router):
// commands, Action.Execute, the Action.Submit fallback and the tenant guard reach the right place.
import { expect } from 'chai';
import { createAdapter } from '../../bot/adapter.js';
import { readConfig } from '../../bot/config.js';
import { ConferenceBot, type Router } from '../../bot/conference-bot.js';
import { listen, type RunningServer } from '../../bot/server.js';
import { UserError } from '../../bot/turn.js';
import { FakeConnector, type Member } from './support/connector.js';
import { TeamsClient, personal, TENANT } from './support/teams.js';

const alice: Member = { id: '29:alice', aadObjectId: 'aad-alice', name: 'Alice Chair', email: 'alice@example.org' };
const card = (text: string) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] });

describe('ConferenceBot plumbing (real CloudAdapter over HTTP)', () => {
  const seen: string[] = [];
  const router: Router = {
    command: async (turn, text) => {
      seen.push(`command:${turn.actor.aadObjectId}:${text}`);
      if (text === 'boom') throw new UserError('Case reference missing.');
      return { text: `you said ${text}` };
    },
    action: async (turn, payload) => {
      seen.push(`action:${turn.actor.aadObjectId}:${JSON.stringify(payload)}`);
      if ((payload as { verb?: string }).verb === 'bad') throw new UserError('That round is closed.');
      return { own: card('mine'), shared: card('everyone'), notice: 'Recorded.' };
    },
    errorCard: (title, message) => card(`${title}: ${message}`),
    refused: async (_turn, why) => void seen.push(`refused:${why}`),
    remember: async () => undefined,
  };
  const connector = new FakeConnector([alice]);
  let server: RunningServer;
  let teams: TeamsClient;

  before(async () => {
    await connector.start();
    const config = readConfig({ ALLOWED_TENANTS: TENANT });
    const bot = new ConferenceBot({ router, allowedTenants: config.ALLOWED_TENANTS, admins: [], now: () => new Date(), log: () => undefined });
    server = await listen(createAdapter(config, () => undefined), bot, 0, '127.0.0.1');
    teams = new TeamsClient(server.url, () => connector.url);
  });
  after(async () => {
    await server.close();
    await connector.stop();
  });
  beforeEach(() => {
    seen.length = 0;
    connector.clear();
  });

  it('routes typed text to the command handler and replies in the same conversation', async () => {
    const res = await teams.say(alice, personal(alice), 'my reviews');
    expect(res.status).to.equal(200);
    expect(seen).to.deep.equal(['command:aad-alice:my reviews']);
    expect(connector.to(personal(alice).id).map((o) => o.activity.text)).to.deep.equal(['you said my reviews']);
  });

  it('strips the @mention in a group chat', async () => {
    await teams.say(alice, { id: '19:chat@thread.v2', conversationType: 'groupChat' }, 'help');
    expect(seen).to.deep.equal(['command:aad-alice:help']);
  });

  it('answers Action.Execute with the actor’s own card and updates the shared card', async () => {
    const res = await teams.execute(alice, personal(alice), 'vote', { conferenceId: 'c1' }, 'card-1');
    expect(res.status).to.equal(200);
    expect(res.body.type).to.equal('application/vnd.microsoft.card.adaptive');
    expect(res.body.value.body[0].text).to.equal('mine');
    expect(seen[0]).to.contain('"verb":"vote"');
    const update = connector.outgoing.find((o) => o.kind === 'update');
    expect(update?.activityId).to.equal('card-1');
    expect(update?.activity.attachments[0].content.body[0].text).to.equal('everyone');
  });

  it('answers a refused Action.Execute with an invoke error that says why', async () => {
    const res = await teams.execute(alice, personal(alice), 'bad', {});
    expect(res.status).to.equal(200);
    expect(res.body.statusCode).to.equal(400);
    expect(res.body.value.message).to.equal('That round is closed.');
  });

  it('handles the Action.Submit fallback with the same handler, updating the card in a group chat and noting it', async () => {
    const chat = { id: '19:chat@thread.v2', conversationType: 'groupChat' as const };
    await teams.submit(alice, chat, { verb: 'vote', conferenceId: 'c1' }, 'card-2');
    expect(seen[0]).to.contain('"verb":"vote"');
    const sent = connector.to(chat.id);
    expect(sent.find((o) => o.kind === 'update')?.activity.attachments[0].content.body[0].text).to.equal('everyone');
    expect(sent.find((o) => o.kind !== 'update')?.activity.text).to.equal('Recorded.');
  });

  it('answers a bad command with an error card, not silence', async () => {
    await teams.say(alice, personal(alice), 'boom');
    const [reply] = connector.to(personal(alice).id);
    expect(reply?.activity.attachments[0].content.body[0].text).to.equal('That did not work: Case reference missing.');
  });

  it('refuses activities from a tenant outside the allowed list, and says nothing to it', async () => {
    const res = await teams.post({ type: 'message', text: 'my reviews' }, alice, personal(alice), 'another-tenant');
    expect(res.status).to.equal(200);
    expect(seen).to.deep.equal(['refused:tenant another-tenant is not allowed']);
    expect(connector.outgoing).to.have.length(0);
    const invoke = await teams.post({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'vote', data: {} } } }, alice, personal(alice), 'another-tenant');
    expect(invoke.status).to.equal(403);
  });
});
