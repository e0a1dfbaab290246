// Everyone at the table (PLATFORM.md, Reaching people; Bolton procedures, Attendance), over HTTP
// through the real CloudAdapter, Azurite, a loopback Bot Connector and a loopback Entra ID +
// Microsoft Graph: scheduling by email; people the bot cannot reach kept with a contact line,
// shown to the Child Protection Unit with what to send them, answered for and checked in; a
// reminder reaching someone who never wrote to the bot.
import { expect } from 'chai';
import { conferenceIdOf, notOnTeamsId } from '../../bot/actions/scheduling.js';
import { readConfig } from '../../bot/config.js';
import { createAdapter } from '../../bot/adapter.js';
import { Messenger } from '../../bot/messenger.js';
import { runReminders } from '../../bot/reminders.js';
import type { Services } from '../../bot/services.js';
import { loadPolicies } from '../../src/policy-files/load.js';
import { CAST, GROUP, Harness, scheduleFormWith } from './support/harness.js';
import { DIRECTORY_APP } from './support/graph.js';

const form = scheduleFormWith;

const PARENT = { name: 'Mandy Offline', contact: '07700900123', agency: 'family', role: 'family' };
const OTHER_FORCE = { name: 'DC Olu Outside', contact: 'olu.outside@police.example', agency: 'police', role: 'professional' };


/** A card as JSON, as people read it: addresses on cards carry a zero-width space before @ (text is data). */
const shown = (x: unknown) => JSON.stringify(x).replaceAll('\u200B', '');
describe('Everyone at the table: people found by email, people not on Teams, reminders', function () {
  this.timeout(60_000);
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());

  it('schedules by email addresses: each resolved through Graph with the app\'s own client-credentials token', async () => {
    h.now = new Date('2026-11-23T09:00:00Z');
    const caseRef = 'PPL-2026-0001';
    const answer = shown(await h.click('cpu', h.personal('cpu'), 'schedule', form(caseRef, [{ key: 'social', agency: 'childrens-social-care' }, { key: 'police', agency: 'police' }])));
    expect(answer).to.not.contain('Nothing was scheduled');
    const conferenceId = conferenceIdOf(caseRef, '2026-12-07', 'initial');
    expect((await h.store.conferences.get(conferenceId))?.chair.userId).to.equal(CAST.chair.aadObjectId);
    expect((await h.store.invitees.list(conferenceId)).map((i) => i.userId).sort()).to.deep.equal([CAST.police.aadObjectId, CAST.social.aadObjectId]);
    expect(h.graph.lookups()).to.include.members([CAST.chair.email, CAST.social.email, CAST.police.email]);
    const tokens = h.graph.requests.filter((r) => r.form);
    expect(tokens.length).to.be.greaterThan(0);
    expect(tokens.every((t) => t.form!.grant_type === 'client_credentials' && t.form!.client_id === DIRECTORY_APP.clientId)).to.equal(true);
    // The invitation went 1:1 to the chat opened by Entra object id.
    expect(h.connector.personalConversationOf(CAST.police.id)).to.be.a('string');
  });

  it('an email nobody has, and a person who cannot be reached, are each said exactly; nothing is scheduled until the scheduler chooses', async () => {
    const caseRef = 'PPL-2026-0002';
    const conferenceId = conferenceIdOf(caseRef, '2026-12-07', 'initial');
    const nobody = await h.teams.execute(CAST.cpu, h.personal('cpu'), 'schedule', form(caseRef, [{ key: 'social', agency: 'childrens-social-care' }, { name: 'Nina Nobody', contact: 'nina.nobody@example.gov.uk', agency: 'education' }]));
    // A typed address is shown as text: a zero-width space before its @ keeps it from becoming a mailto link.
    expect(JSON.stringify(nobody.body.value)).to.contain('nina.nobody\u200B@example.gov.uk');
    const nobodyCard = shown(nobody.body.value);
    expect(nobodyCard).to.contain('Nothing was scheduled').and.to.contain("Nobody with the email nina.nobody@example.gov.uk is in your organisation's directory");
    expect(await h.store.conferences.get(conferenceId)).to.equal(undefined);

    h.connector.withoutApp.add(CAST.school.id);
    try {
      const rows = [{ key: 'social' as const, agency: 'childrens-social-care' }, { key: 'school' as const, agency: 'education' }];
      const refused = shown((await h.teams.execute(CAST.cpu, h.personal('cpu'), 'schedule', form(caseRef, rows))).body.value);
      expect(refused).to.contain("Sid School (school@example.gov.uk) is in your organisation's directory, but Teams will not let the bot message them");
      expect(refused).to.contain('app setup policy').and.to.contain('"id":"inviteOthersByUnit"');
      expect(refused).to.not.contain('Nobody with the email'); // found, but not reachable: said as such
      expect(await h.store.conferences.get(conferenceId)).to.equal(undefined);
      // The scheduler goes ahead: the school is kept, to be invited by the Unit.
      await h.click('cpu', h.personal('cpu'), 'schedule', form(caseRef, rows, { inviteOthersByUnit: 'true' }));
      const school = (await h.store.invitees.list(conferenceId)).find((i) => i.name === CAST.school.name)!;
      expect(school).to.deep.include({ reach: 'not-on-teams', contactLine: CAST.school.email });
      expect(school.teamsId).to.equal(undefined);
    } finally {
      h.connector.withoutApp.delete(CAST.school.id);
    }
  });

  it('a parent and a police officer not on Teams: kept with a contact line, shown to the Unit with the invitation and calendar file, answered for by the Unit, checked in by the chair', async () => {
    h.now = new Date('2026-11-23T09:00:00Z');
    const caseRef = 'PPL-2026-0003';
    const conferenceId = conferenceIdOf(caseRef, '2026-12-07', 'initial');
    const unitChat = h.personal('cpu').id;
    const before = h.cards(unitChat).length;
    const rows = [{ key: 'social' as const, agency: 'childrens-social-care' }, PARENT, OTHER_FORCE, { key: 'health' as const, agency: 'health-visiting' }];
    // Neither is in the council's directory: the form names each beside their row and offers to go ahead.
    const first = shown(await h.click('cpu', h.personal('cpu'), 'schedule', form(caseRef, rows, { location: 'Room 2, Town Hall' })));
    expect(first).to.contain('07700900123\\" is not an email address or Teams id').and.to.contain('Nobody with the email olu.outside@police.example');
    expect(first).to.contain('"id":"inviteOthersByUnit"');
    expect(await h.store.conferences.get(conferenceId)).to.equal(undefined);
    await h.click('cpu', h.personal('cpu'), 'schedule', form(caseRef, rows, { location: 'Room 2, Town Hall', inviteOthersByUnit: 'true' }));
    const invitees = await h.store.invitees.list(conferenceId);
    const parent = invitees.find((i) => i.name === PARENT.name)!;
    const officer = invitees.find((i) => i.name === OTHER_FORCE.name)!;
    expect(parent).to.deep.include({ userId: notOnTeamsId(PARENT.name, PARENT.contact), reach: 'not-on-teams', contactLine: PARENT.contact });
    expect(officer).to.deep.include({ reach: 'not-on-teams', contactLine: OTHER_FORCE.contact });

    // The Unit sees one card per person to reach by other means: family wording for the parent.
    const unitCards = h.cards(unitChat).slice(before).map((c) => c.card).filter((c) => shown(c).includes('"verb":"answerFor"'));
    expect(unitCards).to.have.length(2);
    const parentCard = shown(unitCards.find((c) => shown(c).includes(PARENT.name)));
    const officerCard = shown(unitCards.find((c) => shown(c).includes(OTHER_FORCE.name)));
    expect(parentCard).to.contain('A child protection conference is a meeting').and.to.contain('bring someone to support you').and.to.contain('advocate').and.to.contain('reports written for the conference will be shared with you');
    expect(parentCard).to.contain('07700900123');
    expect(officerCard).to.not.contain('bring someone to support you');
    expect(officerCard).to.contain('mailto:').and.to.contain('written report');

    // The calendar file, from its signed link; a forged link opens nothing.
    const link = /"url":"(http[^"]+\.ics)"/.exec(parentCard)![1]!;
    const ics = await fetch(link);
    expect(ics.status).to.equal(200);
    expect(ics.headers.get('content-type')).to.match(/text\/calendar/);
    const text = await ics.text();
    expect(text).to.contain('BEGIN:VEVENT').and.to.contain('DTSTART:20261207T100000Z').and.to.contain('Room 2').and.to.contain(caseRef);
    expect(text).to.not.contain('Jordan');
    expect((await fetch(link.replace(/\/[A-Za-z0-9_-]{32}\.ics$/, `/${'A'.repeat(32)}.ics`))).status).to.equal(404);

    // The Unit records their answers; an on-Teams invitee answers for themselves; only the Unit or chair may do it.
    await h.click('cpu', h.personal('cpu'), 'answerFor', { conferenceId, person: parent.userId, answer: 'attending' });
    const answered = shown(await h.click('cpu', h.personal('cpu'), 'answerFor', { conferenceId, person: officer.userId, answer: 'attending' }));
    expect(answered).to.contain('Answer recorded by Carol Unit: Attending');
    expect(await h.refused('cpu', h.personal('cpu'), 'answerFor', { conferenceId, person: CAST.social.aadObjectId, answer: 'apologies' })).to.match(/on Teams and answers their own invitation/);
    expect(await h.refused('health', h.personal('health'), 'answerFor', { conferenceId, person: parent.userId, answer: 'apologies' })).to.match(/Only the Child Protection Unit or the chair/);
    expect((await h.store.invitees.get(conferenceId, parent.userId))?.rsvp).to.deep.include({ response: 'attending', recordedBy: { userId: CAST.cpu.aadObjectId, name: CAST.cpu.name, as: 'unit' } });
    const chairSummary = shown(h.cards(h.personal('chair').id).at(-1)!.card);
    expect(chairSummary).to.contain(OTHER_FORCE.name);

    // The conference: the chair checks both in; the officer counts for the police, the parent never counts.
    h.now = new Date('2026-12-07T10:00:00Z');
    await h.teams.say(CAST.chair, GROUP, `start ${caseRef}`);
    await h.click('social', GROUP, 'checkIn', { conferenceId });
    await h.click('chair', GROUP, 'chairCheckIn', { conferenceId, person: parent.userId, present: 'true', personHow: 'room' });
    const card = shown(await h.click('chair', GROUP, 'chairCheckIn', { conferenceId, person: officer.userId, present: 'true', personHow: 'phone' }));
    expect(card).to.contain("Counting: Children's Social Care, Police").and.to.contain('recorded by the chair for DC Olu Outside').and.to.contain('on the phone');
    expect(card).to.contain('1 more agency');
    const trail = await h.store.audit.forConference(conferenceId);
    expect(trail.filter((e) => e.action === 'rsvp-recorded-for').map((e) => e.details.recordedBy)).to.deep.equal([`recorded by the Child Protection Unit for ${PARENT.name}`, `recorded by the Child Protection Unit for ${OTHER_FORCE.name}`]);
    // No group chat saw the parent's contact line.
    expect(h.groupTraffic()).to.not.contain('07700900123');
  });

  it('a reminder reaches someone who never wrote to the bot, by opening the 1:1 chat by Entra object id; people not on Teams are skipped', async () => {
    h.now = new Date('2026-11-23T09:00:00Z');
    await h.click('cpu', h.personal('cpu'), 'schedule', form('PPL-2026-0004', [{ key: 'social', agency: 'childrens-social-care' }, { key: 'health', agency: 'health-visiting' }, PARENT], { inviteOthersByUnit: 'true' }));
    const conferenceId = conferenceIdOf('PPL-2026-0004', '2026-12-07', 'initial');
    expect(await h.store.conversations.get(CAST.health.aadObjectId)).to.equal(undefined);
    const days = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
    const items = (await Promise.all(days.map((d) => h.store.dueItems.forDay(d)))).flat().filter((i) => i.conferenceId === conferenceId && i.userIds.includes(CAST.health.aadObjectId));
    expect(items, 'a report reminder for the health visitor').to.have.length.at.least(1);
    const day = items[0]!.due;
    const config = readConfig({ PORT: '0', TEAMS_SERVICE_URL: h.connector.url });
    const services: Services = { store: h.store, messenger: new Messenger(createAdapter(config, () => undefined), ''), config, policies: await loadPolicies(undefined), log: () => undefined };
    const chat = `a:personal-${CAST.health.id}`;
    const already = h.connector.to(chat).length;
    const run = await runReminders(services, new Date(`${day}T07:00:00Z`), 'reminder-test');
    expect(run.ran).to.equal(true);
    expect(run.failed).to.equal(0);
    const reminder = h.connector.to(chat).slice(already).map((o) => shown(o.activity));
    expect(reminder.some((a) => a.includes('PPL-2026-0004'))).to.equal(true);
    expect(await h.store.conversations.get(CAST.health.aadObjectId)).to.not.equal(undefined);
    // On the conference day the items name the parent too (no Entra id): skipped, not failed.
    const items7 = (await h.store.dueItems.forDay('2026-12-07')).filter((i) => i.conferenceId === conferenceId);
    expect(items7.some((i) => i.userIds.some((u) => u.startsWith('not-on-teams:')))).to.equal(true);
    const dayOf = await runReminders(services, new Date('2026-12-07T07:00:00Z'), 'reminder-test');
    expect(dayOf).to.deep.include({ ran: true, failed: 0 });
    expect(dayOf.sent).to.be.greaterThan(0);
  });
});
