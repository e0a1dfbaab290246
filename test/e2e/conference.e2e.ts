// A whole initial child protection conference in the Microsoft 365 Agents Playground, a
// Teams-like client, against the real bot (CloudAdapter + restify + router over a fresh
// in-memory Azurite store). The chair, Helen Carter, is the playground's user: she types and
// clicks in Chromium. The social worker, police, health visitor, school and minute taker act
// through the playground's own routes, and their 1:1 cards are read through the connector tap.
// Every kind of card is photographed into test/artifacts/ (see docs/e2e.md).
//
// The bot's clock is set by the test: scheduling on Monday 23 November 2026, the conference on
// Monday 7 December 2026 — so dates, deadlines and pictures are the same on every run.
import { expect } from 'chai';
import { statSync } from 'node:fs';
import path from 'node:path';
import { formatDate } from '../../cards/labels.js';
import { invitationCard } from '../../cards/invitation.js';
import { invitationView } from '../../bot/views.js';
import {
  ARTIFACTS,
  CardRenderer,
  DEMO_TENANT_ID,
  DEMO_USERS,
  PlaygroundUi,
  assertDemoUsers,
  buttonTitles,
  cardOf,
  launchChromium,
  startConferenceBot,
  startPlayground,
  textOf,
  type BotMessage,
  type ChromiumSession,
  type DemoUser,
  type RunningConferenceBot,
  type TestPlayground,
} from './support/index.js';

const { chair, 'social-worker': social, police, health, school, minutes } = DEMO_USERS;
const CASE = 'BOL-2026-0101';
const CHILD_FULL_NAME = 'Jordan Example-Smith';
const CONFERENCE_DAY = '2026-12-07';
const ATTENDANCE = 'Attendance';
const DISSENT = 'Attendance has improved and the school sees no continuing risk.';
/** The health visitor's briefed deputy, in the room; the chair records Health Visiting's view for him. */
const DEPUTY = 'Dev Patel';
const HEALTH_VIEW = 'Missed health appointments and weight loss since the summer.';
const RATIONALE = 'The risk of neglect at home outweighs the progress seen at school and in health visits.';
/** Every picture the walk saves in test/artifacts/ (see docs/e2e.md). */
const PICTURES = [
  'help',
  'schedule-form',
  'schedule-form-dates',
  'schedule-confirmation',
  'invitation',
  'invitation-family',
  'invitation-answered',
  'rsvp-summary',
  'error',
  'agenda',
  'attendance-not-quorate',
  'attendance-member',
  'attendance-quorate',
  'vote',
  'vote-voter',
  'vote-chair',
  'vote-recorded-by-chair',
  'result-dissent',
  'category',
  'category-recorded',
  'plan-record',
  'conference-record',
  'decision-summary',
  'my-reviews',
  'split-decision',
  'result-chair-decided',
];
const CONFERENCE_ID = `${CASE}.${CONFERENCE_DAY}.initial`;

/** Who is invited, as the chair types them on the form: Teams ids, agencies as the form lists them. */
const INVITED: Array<{ user: DemoUser; name: string; agency: string; role?: string; direct: boolean }> = [
  { user: social, name: 'Sam Okafor', agency: "Children's Social Care", direct: true },
  { user: police, name: 'DC Priya Shah', agency: 'Police', direct: true },
  { user: health, name: 'Joanne Reid', agency: 'Health Visiting', direct: true },
  { user: school, name: 'Mark Evans', agency: 'Education', direct: true },
  { user: minutes, name: 'Amy Lloyd', agency: "Children's Social Care", role: 'Support staff', direct: false },
];

describe('A child protection conference in the Agents Playground (real bot, Chromium)', function () {
  this.timeout(60_000);
  this.bail(true); // each step builds on the one before

  let bot: RunningConferenceBot;
  let pg: TestPlayground;
  let chromium: ChromiumSession | undefined;
  let ui: PlaygroundUi;
  let renderer: CardRenderer;
  const pictures = new Set<string>();

  const tap = () => pg.tap!;
  const groupChat = () => pg.client.groupChatId;
  /** Does the message's text contain `text` (every one of them, for a list)? */
  const has = (m: BotMessage, text: string | RegExp | string[]) =>
    [text].flat().every((t) => (typeof t === 'string' ? textOf(m).includes(t) : t.test(textOf(m))));
  /** The newest bot message in a conversation whose text matches (waiting for one). */
  const latest = (conversationId: string, text: string | RegExp | string[], what: string) =>
    tap().transcript.waitFor(
      (m) => {
        if (m.conversationId !== conversationId || !has(m, text)) return false;
        const all = tap().transcript.in(conversationId);
        return !all.slice(all.findIndex((x) => x.id === m.id) + 1).some((x) => has(x, text));
      },
      { what, timeoutMs: 15_000 },
    );
  const shoot = async (name: string, cardText?: string | RegExp) => {
    const file = await ui.screenshotCard(name, { cardText });
    expect(statSync(file).size, name).to.be.greaterThan(5_000);
    pictures.add(name);
  };
  const render = async (name: string, card: unknown, caption: string) => {
    const { file, text } = await renderer.render(name, card, caption);
    expect(statSync(file).size, name).to.be.greaterThan(5_000);
    pictures.add(name);
    return text;
  };
  /** Clicks a card button as another user; expects the bot to accept, and returns the card it answers with. */
  const clickAs = async (user: DemoUser, message: BotMessage, title: string, inputs?: Record<string, unknown>) => {
    const response = await pg.client.click(user.id, message, title, { inputs });
    expect(response?.type, `${user.role} "${title}": ${JSON.stringify(response?.value).slice(0, 300)}`).to.equal('application/vnd.microsoft.card.adaptive');
    return response!.value as Record<string, unknown>;
  };
  /** Clicks as another user and expects the bot to refuse; returns the refusal's message. */
  const refusedAs = async (user: DemoUser, message: BotMessage, title: string, inputs?: Record<string, unknown>) =>
    refusal(await pg.client.click(user.id, message, title, { inputs }).catch((e: unknown) => e), `${user.role} "${title}"`);
  /** The bot's error answer to a card action: HTTP 200 with the error in the body, as Teams shows it. */
  const refusal = (outcome: unknown, what: string): string => {
    type ErrorAnswer = { type?: string; value?: { message?: string } };
    const answer = outcome as ErrorAnswer | undefined;
    expect(answer?.type, `${what} should be refused: ${String(outcome instanceof Error ? outcome.message : JSON.stringify(outcome)).slice(0, 300)}`).to.equal('application/vnd.microsoft.error');
    return answer?.value?.message ?? '';
  };

  before(async function () {
    this.timeout(120_000);
    bot = await startConferenceBot({ admins: [chair.aadObjectId], tenants: [DEMO_TENANT_ID], now: new Date('2026-11-23T09:00:00Z') });
    pg = await startPlayground({ botEndpoint: bot.endpoint, logFile: path.join(ARTIFACTS, 'conference-playground.log') });
    chromium = await launchChromium();
    ui = await PlaygroundUi.open(chromium, pg.url, pg.client.config);
    renderer = new CardRenderer(chromium, ui.page);
    assertDemoUsers([pg.client.config.currentUser, ...pg.client.config.users]);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await ui?.screenshotPage(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
      console.log(`--- bot log ---\n${bot?.log.slice(-30).join('\n')}\n--- playground log ---\n${pg?.logTail()}`);
    }
  });

  after(async () => {
    await chromium?.close();
    await pg?.stop();
    await bot?.close();
  });

  it('the chair asks for help and opens the scheduling form in her personal chat', async () => {
    await ui.openChat('personal');
    await ui.send('help');
    await ui.waitForCard('Child protection conferences');
    await shoot('help', 'Child protection conferences');
    await ui.send('schedule');
    await ui.waitForCard('Case reference');
  });

  it('she fills in the form in the card and sends it; the confirmation replaces the form', async () => {
    const form = await ui.form('Case reference');
    await form.text('Case reference', CASE);
    await form.text("Child's initials (shown in group chats)", 'J.E.S.');
    await form.text("Child's full name (optional; only in 1:1 invitations, never in group chats)", CHILD_FULL_NAME);
    await form.choose('Kind of conference', 'Initial child protection conference');
    await form.date('Trigger date (what it is for each kind is listed below)', '2026-11-20');
    await form.date('Date', CONFERENCE_DAY);
    await form.time('Time', '10:00');
    await form.text('Where: a room, or the Teams meeting link', 'Teams meeting');
    await form.choose('Local procedures', 'Bolton');
    // The chair is prefilled with the person scheduling: Helen, who chairs it.
    expect(await (await form.control('Chair')).inputValue()).to.contain('Helen Carter');
    expect(await (await form.control("Chair's email or Teams id")).inputValue()).to.equal(chair.id);
    await shoot('schedule-form', 'Case reference');

    // Step 2: the statutory due date, as soon as kind and trigger date are known; values kept.
    await form.click('Check dates');
    // The playground draws the answer, then redraws it with its "sent" note: fill in after that.
    const answered = await ui.waitForCard(/Statutory due date/);
    await answered.locator('div[aria-label="Display Invoked Message"]').waitFor({ state: 'visible', timeout: 15_000 });
    await ui.dismissNotes(answered);
    const checked = await ui.form(/Statutory due date/);
    expect(await (await checked.control('Case reference')).inputValue()).to.equal(CASE);
    await checked.text('Chair', 'Helen Carter');
    // Step 3: who is invited — three rows, the rest pasted as lines "name, email, agency, role".
    const [inRows, pasted] = [INVITED.slice(0, 3), INVITED.slice(3)];
    for (const [i, inv] of inRows.entries()) {
      await checked.text(`${i + 1}. Name`, inv.name);
      await checked.text('Email or Teams id', inv.user.id, i);
      await checked.choose('Agency', inv.agency, i);
      if (inv.role) await checked.choose('Role', inv.role, i);
      if (inv.direct) await checked.check('Direct contact with the child', i);
    }
    await checked.text(
      'Or paste invitees, one per line: name, email, agency, role (optional)',
      pasted.map((inv) => [inv.name, inv.user.id, inv.agency, inv.role ?? 'professional', inv.direct ? 'direct' : 'not direct'].join(', ')).join('\n'),
    );
    await shoot('schedule-form-dates', /Statutory due date/);
    await checked.click('Schedule and send invitations');

    await ui.waitForCard('Conference scheduled');
    await shoot('schedule-confirmation', 'Conference scheduled');
    const confirmation = await latest(pg.client.personalChatId, 'Answers to the invitation', 'the RSVP summary');
    expect(textOf(confirmation)).to.contain(CASE).and.to.contain('0 of 5 answered');
  });

  it('each invitee gets a 1:1 invitation naming the child, with the report deadline', async () => {
    for (const inv of INVITED) {
      const chat = tap().personalChatOf(inv.user.id);
      expect(chat, `${inv.user.role} has a 1:1 chat with the bot`).to.be.a('string');
      const invitation = await latest(chat!, 'Attending', `${inv.user.role}'s invitation`);
      expect(textOf(invitation)).to.contain(CHILD_FULL_NAME).and.to.contain(CASE).and.to.contain('Teams meeting');
      // Agencies are asked for a report; the minute taker, supporting a colleague, is not.
      if (inv.role) expect(textOf(invitation)).to.not.match(/report/i);
      else expect(textOf(invitation)).to.match(/report/i);
      expect(pg.client.stream.get(invitation.id), 'another user’s 1:1 chat is not shown to the chair').to.equal(undefined);
    }
    const police1to1 = await latest(tap().personalChatOf(police.id)!, 'Attending', 'the police invitation');
    await render('invitation', cardOf(police1to1), `Invitation, 1:1 to ${police.name}`);
    // The demo tenant has no parent: the invitation a parent of this conference would get, as the bot words it.
    const conference = (await bot.store.conferences.get(CONFERENCE_ID))!;
    const parent = { conferenceId: CONFERENCE_ID, userId: 'demo-parent', name: 'Mary Example', agency: 'family', role: 'family' as const, directContact: false, invitedAt: bot.now.toISOString() };
    const family = invitationCard(invitationView(conference, parent, bot.now));
    const familyText = await render('invitation-family', family, "Invitation, 1:1 to a parent: what a conference is, a supporter welcome, no deputy or report");
    expect(familyText).to.contain('brings together the family').and.to.contain('I will attend').and.not.to.match(/deputy/i);
  });

  it('invitees answer: the chair’s summary updates in place', async () => {
    const answer = async (user: DemoUser, title: string, prefer?: 'submit') => {
      const invitation = await latest(tap().personalChatOf(user.id)!, 'Attending', `${user.role}'s invitation`);
      if (prefer) {
        // The mobile path: Action.Submit; the bot updates the invitation in place.
        await pg.client.click(user.id, invitation, title, { prefer });
        return (await tap().transcript.waitForUpdate(invitation, new RegExp(`Your answer: \\**${title}`))).attachments[0]?.content;
      }
      return clickAs(user, invitation, title);
    };
    const answered = await answer(police, 'Attending');
    expect(JSON.stringify(answered)).to.contain('Your answer: **Attending**');
    await render('invitation-answered', answered, `${police.name}'s invitation after answering`);
    await answer(social, 'Attending');
    await answer(health, 'Attending', 'submit');
    await answer(school, 'Attending');
    await answer(minutes, 'Attending');

    await ui.waitForCard(/5 of 5 answered/);
    await shoot('rsvp-summary', /5 of 5 answered/);
    const summary = await latest(pg.client.personalChatId, 'Answers to the invitation', 'the RSVP summary');
    expect(summary.version, 'the summary was updated, not posted again').to.be.greaterThan(1);
    expect(textOf(summary)).to.contain('Forecast: quorate');
    expect(textOf(summary)).to.not.contain(CHILD_FULL_NAME);
  });

  it('on the day, the chair starts the conference in the group chat: agenda and attendance', async () => {
    bot.now = new Date(`${CONFERENCE_DAY}T10:02:00Z`);
    await ui.openChat('group');
    // A case she does not chair: a readable error card, nothing started.
    await ui.send('start NOPE-0000', { mentionBot: true });
    await ui.waitForCard('NOPE-0000');
    await shoot('error', 'NOPE-0000');

    await ui.send(`start ${CASE}`, { mentionBot: true });
    await ui.waitForCard('Agenda');
    await shoot('agenda', 'Agenda');
    await ui.waitForCard(ATTENDANCE);
    await shoot('attendance-not-quorate', ATTENDANCE);
    const attendance = await latest(groupChat(), 'Check in', 'the attendance card');
    expect(textOf(attendance)).to.match(/not quorate/i);
  });

  it('people check in; the vote cannot open before the conference is quorate', async () => {
    let attendance = await latest(groupChat(), 'Check in', 'the attendance card');
    await clickAs(social, attendance, 'Check in');
    attendance = await latest(groupChat(), 'Check in', 'the attendance card');
    // The posted card offers the chair no "Open the vote" until quorate; a stale card's click is refused.
    expect(buttonTitles(cardOf(attendance))).to.not.include('Open the vote (chair)');
    const early = await pg.client.invoke(chair.id, attendance, { title: 'Open the vote', verb: 'openRound', data: { verb: 'openRound', conferenceId: CONFERENCE_ID } }).catch((e: unknown) => e);
    expect(refusal(early, 'opening the vote before quoracy')).to.match(/not quorate/i);
    for (const user of [police, school, minutes]) {
      const own = await clickAs(user, await latest(groupChat(), 'Check in', 'the attendance card'), 'Check in');
      if (user === police) await render('attendance-member', own, `Attendance as ${police.name} sees it after checking in`);
    }
    // The health visitor cannot come: her briefed deputy is in the room, and the chair checks him in.
    const withDeputy = await clickAs(chair, await latest(groupChat(), 'Check in', 'the attendance card'), 'Check the deputy in', { deputyAgency: 'health-visiting', deputyName: DEPUTY, deputyHow: 'room' });
    expect(JSON.stringify(withDeputy)).to.contain(`briefed deputy for Joanne Reid`).and.to.contain(`recorded by the chair for ${DEPUTY}`);
    expect(await refusedAs(chair, await latest(groupChat(), 'Check in', 'the attendance card'), 'Check the deputy in', { deputyAgency: 'housing', deputyName: 'Hal Other' })).to.match(/Nobody from Housing was invited/);
    // The shared card is updated after each answer: wait for the fifth.
    attendance = await latest(groupChat(), 'Checked in (5)', 'the attendance card with all five checked in');
    expect(textOf(attendance)).to.contain('Checked in (5)').and.to.match(/quorate/i).and.not.to.match(/not quorate/i);
    expect(buttonTitles(cardOf(attendance))).to.include('Open the vote (chair)');
    expect(textOf(attendance)).to.contain(DEPUTY).and.to.contain('briefed deputy for Joanne Reid').and.to.contain(`recorded by the chair for ${DEPUTY}`);
    await ui.waitForCard(/Amy Lloyd/);
    await shoot('attendance-quorate', /Amy Lloyd/);
  });

  it('the chair opens the vote in Chromium; the vote card appears for everyone', async () => {
    await ui.clickButton('Open the vote (chair)', { cardText: ATTENDANCE });
    const vote = await latest(groupChat(), 'Child protection plan', 'the vote card');
    expect(buttonTitles(cardOf(vote))).to.include.members(['Child protection plan', 'No plan: Child in Need plan', 'Close the round (chair)']);
    await ui.waitForCard(/round 1/);
    await shoot('vote', /round 1/);
  });

  it('the agencies give their views; one dissents with a reason; others cannot vote', async () => {
    const vote = () => latest(groupChat(), 'Child protection plan', 'the vote card');
    const own = await clickAs(police, await vote(), 'Child protection plan');
    await render('vote-voter', own, `The vote as ${police.name} sees it after voting`);
    await clickAs(social, await vote(), 'Child protection plan');
    // Health Visiting's view, given in the room by the deputy, recorded by the chair with its reason.
    const recorded = await clickAs(chair, await vote(), 'Record the view', { viewAgency: 'health-visiting', viewChoice: 'cp-plan', viewReason: HEALTH_VIEW });
    expect(JSON.stringify(recorded)).to.contain(`view recorded by the chair for ${DEPUTY}`);
    expect(await refusedAs(chair, await vote(), 'Record the view', { viewAgency: 'health-visiting', viewChoice: 'no-cp-plan:child-in-need', viewReason: 'A second view.' })).to.match(/already given its view/);
    await clickAs(school, await vote(), 'No plan: Child in Need plan', { reason: DISSENT });
    expect(await refusedAs(minutes, await vote(), 'Child protection plan')).to.match(/support/i);
    expect(await refusedAs(chair, await vote(), 'Child protection plan')).to.match(/chair does not vote/i);
    await ui.waitForCard(/4 of 4/);
    await shoot('vote-recorded-by-chair', /recorded by the chair/);

    // The chair's own view, as Teams fetches it for the people listed in refresh.userIds.
    const chairView = await pg.client.invoke(chair.id, await vote(), { title: 'Refresh', verb: 'refresh', data: { verb: 'refresh', card: 'vote', conferenceId: CONFERENCE_ID, roundId: '1' } });
    const text = await render('vote-chair', chairView.value, `The vote as the chair, ${chair.name}, sees it`);
    expect(text).to.match(/Live count/).and.to.match(/Close the round/);
  });

  it('the chair closes the round; the result shows the dissent and its reason', async () => {
    await ui.clickButton('Close the round (chair)', { cardText: 'Child protection plan' });
    const result = await latest(groupChat(), 'Conference decision', 'the result card');
    expect(textOf(result)).to.contain('The majority view').and.to.contain('Mark Evans').and.to.contain(DISSENT);
    const decision = await bot.store.decisions.get(CONFERENCE_ID);
    expect(decision?.outcome).to.equal('cp-plan');
    expect(decision?.dissents.map((d) => [d.name, d.reason])).to.deep.equal([['Mark Evans', DISSENT]]);
    expect(textOf(result)).to.not.contain(CHILD_FULL_NAME);
    await ui.waitForCard('Conference decision');
    await shoot('result-dissent', 'Conference decision');
  });

  it('the chair records the category of harm and the plan', async () => {
    await ui.waitForCard('Primary category');
    await shoot('category', 'Primary category');
    const category = await ui.form('Primary category');
    await category.choose('Primary category', 'Neglect');
    await category.click('Record the category (chair)');
    await ui.waitForCard('Recorded: Neglect');
    await shoot('category-recorded', 'Recorded: Neglect');
    await ui.waitForCard('Outline plan');
    const plan = await ui.form('Outline plan');
    await plan.choose('Lead professional', "Sam Okafor (Children's Social Care)");
    await plan.choose('Core group (professionals working with the family, parents and carers, the child where age appropriate)', [
      "Sam Okafor (Children's Social Care)",
      'Joanne Reid (Health Visiting)',
      'Mark Evans (Education)',
    ]);
    await plan.text('Outline plan', 'Daily routines supported by the health visitor; school attendance monitored weekly.');
    await plan.text('Contingency plan', 'If attendance falls below 90% or home conditions worsen, a strategy discussion is held.');
    await shoot('plan-record', 'Outline plan');
    await plan.click('Record the plan');
    await ui.waitForCard('Conference record');
    await shoot('conference-record', 'Conference record');
    for (const inv of INVITED) {
      const summary = await latest(tap().personalChatOf(inv.user.id)!, 'Neglect', `${inv.user.role}'s copy of the decision`);
      expect(textOf(summary)).to.contain(CHILD_FULL_NAME);
    }
    const decided = await latest(tap().personalChatOf(social.id)!, 'Neglect', 'the decision sent to the social worker');
    await render('decision-summary', cardOf(decided), `The decision, 1:1 to ${social.name}`);
    const recorded = await bot.store.decisions.get(CONFERENCE_ID);
    expect(recorded?.category?.primary).to.equal('neglect');
    expect(recorded?.leadProfessional?.name).to.equal('Sam Okafor');
    expect(recorded?.coreGroup.map((m) => m.name)).to.have.members(['Sam Okafor', 'Joanne Reid', 'Mark Evans']);
    const traffic = JSON.stringify(tap().transcript.in(groupChat()));
    expect(traffic, 'the group chat never saw the child’s full name').to.not.contain(CHILD_FULL_NAME);
  });

  it('"my reviews" shows the next review date', async () => {
    const firstReview = (await bot.store.decisions.get(CONFERENCE_ID))?.firstReviewDate;
    expect(firstReview).to.be.a('string');
    await ui.openChat('personal');
    await ui.send('my reviews');
    await ui.waitForCard(formatDate(firstReview!));
    await shoot('my-reviews', formatDate(firstReview!));

    const chat = tap().personalChatOf(social.id)!;
    const reply = tap().transcript.waitForNew(formatDate(firstReview!), { conversationId: chat, what: "the social worker's reviews" });
    await pg.client.sayAs(social.id, chat, 'my reviews');
    expect(textOf(await reply)).to.contain(CASE);
  });

  it('a split vote under the Barnsley procedures: the chair decides, with her rationale', async () => {
    const caseRef = 'BAR-2026-0102';
    const conferenceId = `${caseRef}.${CONFERENCE_DAY}.initial`;
    bot.now = new Date(`${CONFERENCE_DAY}T11:00:00Z`);
    // Scheduled through the routes this time, with the same form the bot sent (filled in by hand above).
    const formSent = tap().transcript.waitForNew('Case reference', { conversationId: pg.client.personalChatId, what: 'the scheduling form' });
    await pg.client.say(pg.client.personalChatId, 'schedule');
    const confirmation = await clickAs(chair, await formSent, 'Schedule and send invitations', scheduleForm(caseRef, 'barnsley', '2026-11-25', '14:00'));
    expect(JSON.stringify(confirmation)).to.contain('Conference scheduled').and.to.contain(caseRef);

    await ui.openChat('group');
    await ui.send(`start ${caseRef}`, { mentionBot: true });
    const attendance = () => latest(groupChat(), [caseRef, 'Check in'], 'the attendance card');
    for (const user of [social, police, health, school]) await clickAs(user, await attendance(), 'Check in');
    // The shared card is brought up to date by its writer: wait for the fourth check-in on it.
    await clickAs(chair, await latest(groupChat(), [caseRef, 'Checked in (4)'], 'the attendance card with four checked in'), 'Open the vote (chair)');
    const vote = () => latest(groupChat(), [caseRef, 'Close the round (chair)'], 'the vote card');
    await clickAs(social, await vote(), 'Child protection plan');
    await clickAs(police, await vote(), 'Child protection plan');
    await clickAs(health, await vote(), 'No plan: Child in Need plan', { reason: 'Health visits show steady progress since the referral.' });
    await clickAs(school, await vote(), 'No plan: Child in Need plan', { reason: 'Attendance is now above 95%.' });
    await clickAs(chair, await vote(), 'Close the round (chair)');
    expect(await bot.store.decisions.get(conferenceId), 'no outcome until the chair decides').to.equal(undefined);

    await ui.waitForCard('Split vote: your decision');
    await shoot('split-decision', 'Split vote: your decision');
    const form = await ui.form('Split vote: your decision');
    await form.choose('Decision', 'Child protection plan');
    await form.text('Rationale', RATIONALE);
    await form.click('Record my decision');
    await ui.waitForCard(/Chair's rationale/);
    await shoot('result-chair-decided', /Chair's rationale/);
    const decision = await bot.store.decisions.get(conferenceId);
    expect(decision?.outcome).to.equal('cp-plan');
    expect(decision?.chairRationale).to.equal(RATIONALE);
  });

  it('every kind of card was photographed', () => {
    expect([...pictures]).to.include.members(PICTURES);
  });
});

/** The scheduling form's fields as the card sends them (Input ids = field names), for the route. */
function scheduleForm(caseRef: string, policy: string, triggerDate: string, time: string): Record<string, string> {
  const form: Record<string, string> = {
    caseRef,
    childInitials: 'A.B.',
    childFullName: 'Alex Example-Brown',
    kind: 'initial',
    triggerDate,
    date: CONFERENCE_DAY,
    time,
    policy,
    chairName: 'Helen Carter',
    chairContact: chair.id,
    lookedAfter: 'false',
  };
  const agencies = { 'social-worker': 'childrens-social-care', police: 'police', health: 'health-visiting', school: 'education' } as Record<string, string>;
  INVITED.filter((inv) => agencies[inv.user.role]).forEach((inv, i) => {
    Object.assign(form, {
      [`invitee${i + 1}Name`]: inv.name,
      [`invitee${i + 1}Contact`]: inv.user.id,
      [`invitee${i + 1}Agency`]: agencies[inv.user.role],
      [`invitee${i + 1}Role`]: 'professional',
      [`invitee${i + 1}Direct`]: 'true',
    });
  });
  return form;
}
