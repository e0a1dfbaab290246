// Proves the end-to-end harness against a throwaway echo bot: the playground's real UI in
// Chromium (type, see a card, click, see the update, photograph it), and the internal routes
// acting as other users (group chat clicks, Action.Submit, messages, proactive 1:1 chats).
import { expect } from 'chai';
import { statSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { startEchoBot, type EchoBot } from './support/echo-bot.js';
import {
  DEMO_TENANT_ID,
  DEMO_USERS,
  PlaygroundError,
  PlaygroundUi,
  assertDemoUsers,
  cardOf,
  launchChromium,
  startPlayground,
  textOf,
  type ChromiumSession,
  type TestPlayground,
} from './support/index.js';

const { chair, police, health, school } = DEMO_USERS;

describe('Agents Playground harness (echo bot)', function () {
  this.timeout(60_000);
  let bot: EchoBot;
  let pg: TestPlayground;
  let chromium: ChromiumSession | undefined;
  let ui: PlaygroundUi;

  /** The last activity of `type` the bot received that matches. */
  const received = (type: string, match: (a: Partial<Activity>) => boolean = () => true) => {
    const found = [...bot.received].reverse().find((a) => a.type === type && match(a));
    if (!found) throw new Error(`the bot received no ${type} like that`);
    return found;
  };

  before(async function () {
    this.timeout(120_000);
    bot = await startEchoBot();
    pg = await startPlayground({ botEndpoint: bot.endpoint });
    chromium = await launchChromium();
    ui = await PlaygroundUi.open(chromium, pg.url, pg.client.config);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && ui) {
      await ui.screenshotPage(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
      console.log(pg.logTail());
    }
  });

  after(async () => {
    await chromium?.close();
    await pg?.stop();
    await bot?.close();
  });

  it('loads the demo tenant from .m365agentsplayground.yml', () => {
    const { config } = pg.client;
    expect(config.tenantId).to.equal(DEMO_TENANT_ID);
    expect(config.currentUser.id).to.equal(chair.id);
    assertDemoUsers([config.currentUser, ...config.users]);
    expect(config.groupChats[0]?.name).to.equal('Child Protection Conference');
    expect(config.teams[0]?.channels.map((c) => c.name)).to.deep.equal(['General', 'Conferences']);
  });

  it('in Chromium: a typed command gets a card; clicking it updates the card', async () => {
    await ui.openChat('personal');
    await ui.send('card');
    await ui.waitForCard(`Hello ${chair.name}`);
    const first = await ui.screenshotCard('harness-echo-card', { cardText: 'Hello' });
    await ui.clickButton('Press', { cardText: 'Hello' });
    await ui.waitForCard(/Presses\s*1/);
    const pressed = await ui.screenshotCard('harness-echo-card-pressed', { cardText: 'Card pressed' });
    for (const file of [first, pressed]) expect(statSync(file).size).to.be.greaterThan(2000);

    // What the playground sent is a real Teams personal-chat invoke from the chair.
    const invoke = received('invoke');
    expect(invoke.name).to.equal('adaptiveCard/action');
    expect(invoke.from).to.include({ id: chair.id, aadObjectId: chair.aadObjectId, name: chair.name });
    expect(invoke.conversation).to.include({ id: pg.client.personalChatId, conversationType: 'personal', tenantId: DEMO_TENANT_ID });
    expect(invoke.channelData).to.deep.include({ tenant: { id: DEMO_TENANT_ID } });
    expect(invoke.serviceUrl).to.equal(pg.tap?.serviceUrl);
  });

  it('in Chromium: the group chat reaches the bot only with an @mention', async () => {
    await ui.openChat('group');
    await ui.send('card', { mentionBot: true });
    await ui.waitForCard(`Hello ${chair.name}`);
    const message = received('message', (a) => a.conversation?.id === pg.client.groupChatId);
    expect(message.conversation).to.include({ conversationType: 'groupChat', isGroup: true });
    expect(message.entities?.find((e) => e.type === 'mention')).to.deep.include({ mentioned: { id: pg.client.config.bot.id, name: 'Conference Bot' } });

    const before = bot.received.length;
    await pg.client.say(pg.client.groupChatId, 'no mention here');
    await new Promise((r) => setTimeout(r, 500));
    expect(bot.received.slice(before).filter((a) => a.type === 'message')).to.have.length(0);
  });

  it('over the routes: another user clicks the group chat card and the UI shows the update', async () => {
    const card = await pg.client.stream.waitFor((m) => m.conversationId === pg.client.groupChatId && textOf(m).includes('Hello'), {
      what: 'the group chat card',
    });
    const response = await pg.client.click(police.id, card, 'Press');
    expect(JSON.stringify(response?.value)).to.include(police.name);
    await pg.client.stream.waitForUpdate(card, police.name);
    await ui.waitForCard(police.name);
    await ui.screenshotCard('harness-echo-card-by-police', { cardText: police.name });
    expect(received('invoke').from).to.include({ id: police.id, aadObjectId: police.aadObjectId });

    // Action.Submit as a third user: a message activity with value and replyToId.
    const updated = await pg.client.click(health.id, card, 'Submit');
    expect(updated).to.equal(undefined);
    await pg.client.stream.waitForUpdate(card, health.name);
    const submit = received('message', (a) => a.value !== undefined);
    expect(submit.from).to.include({ id: health.id });
    expect(submit.replyToId).to.equal(card.id);
    await pg.client.stream.waitFor((m) => m.text === `submitted by ${health.name}`);

    // The Action.Submit fallback of an Execute button (the mobile path).
    await pg.client.click(school.id, card, 'Press', { prefer: 'submit' });
    await pg.client.stream.waitForUpdate(card, school.name);
    expect(received('message', (a) => a.value !== undefined).from).to.include({ id: school.id });
  });

  it('over the routes: messages as another user reach the bot as that user', async () => {
    const reply = pg.client.stream.waitForNew('echo: hello from police', { conversationId: pg.client.groupChatId });
    await pg.client.sayAs(police.id, pg.client.groupChatId, 'hello from police', { mentionBot: true });
    await reply;
    const message = received('message', (a) => a.text?.includes('hello from police') ?? false);
    expect(message.from).to.include({ id: police.id, aadObjectId: police.aadObjectId });
    expect(message.conversation).to.include({ conversationType: 'groupChat', tenantId: DEMO_TENANT_ID });
  });

  it('proactive 1:1: the tap sees a card sent to another user, who answers it', async () => {
    const tap = pg.tap!;
    await pg.client.say(pg.client.personalChatId, `invite ${school.id}`);
    const invitation = await tap.transcript.waitFor((m) => textOf(m).includes(`Invitation from ${chair.name}`), { what: 'the invitation' });
    expect(tap.personalChatOf(school.id)).to.equal(invitation.conversationId);
    expect(pg.client.stream.get(invitation.id), 'another user’s chat is not streamed to the UI').to.equal(undefined);
    await pg.client.stream.waitFor((m) => m.text === `invited ${school.id}`);

    await pg.client.click(school.id, invitation, 'Press');
    const pressed = await tap.transcript.waitForUpdate(invitation, school.name);
    expect(cardOf(pressed)).to.have.property('version', '1.5');

    // Someone else cannot act in that chat: the playground refuses before the bot sees it.
    const refused = await pg.client.click(police.id, invitation, 'Press').catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(PlaygroundError);
    expect((refused as PlaygroundError).status).to.equal(400);

    const echo = tap.transcript.waitForNew('echo: thanks', { conversationId: invitation.conversationId });
    await pg.client.sayAs(school.id, invitation.conversationId, 'thanks');
    await echo;
    expect(received('message', (a) => a.text === 'thanks').conversation).to.include({ conversationType: 'personal' });
  });

  it('a user can open their 1:1 chat with the bot before the bot writes to them', async () => {
    const chat = await pg.client.openPersonalChat(health.id);
    const echo = pg.tap!.transcript.waitForNew('echo: my reviews', { conversationId: chat });
    await pg.client.sayAs(health.id, chat, 'my reviews');
    await echo;
    expect(received('message', (a) => a.text === 'my reviews').from).to.include({ id: health.id, aadObjectId: health.aadObjectId });
  });

  it('the mock connector has no deleteActivity', async () => {
    const card = await pg.client.stream.waitFor((m) => m.conversationId === pg.client.personalChatId && !!cardOf(m));
    const res = await fetch(
      `${pg.url}/_connector/v3/conversations/${encodeURIComponent(card.conversationId)}/activities/${encodeURIComponent(card.id)}`,
      { method: 'DELETE' },
    );
    expect(res.status).to.be.greaterThanOrEqual(400);
  });
});
