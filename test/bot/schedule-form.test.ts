// The scheduling form as a new user meets it, over HTTP through the real CloudAdapter: the chair
// prefilled, the due date shown by "Check dates", rows added a few at a time, invitees pasted as
// lines, every refusal returning the form with every value kept and each message beside its
// field, and the form kept out of group chats (Bolton procedures, Timing: 15 working days).
import { expect } from 'chai';
import { conferenceIdOf } from '../../bot/actions/scheduling.js';
import { CAST, CHILD_FULL_NAME, GROUP, Harness, besideField, scheduleForm } from './support/harness.js';

/** Every input of a card with its value, by id. */
function inputs(card: unknown, out: Record<string, unknown> = {}): Record<string, unknown> {
  if (Array.isArray(card)) card.forEach((c) => inputs(c, out));
  else if (card && typeof card === 'object') {
    const o = card as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') out[o.id] = o.value;
    Object.values(o).forEach((v) => inputs(v, out));
  }
  return out;
}

describe('The scheduling form people can fill (bot over HTTP)', function () {
  this.timeout(60_000);
  const h = new Harness();
  before(async () => {
    await h.start();
    h.now = new Date('2026-11-23T09:00:00Z');
  });
  after(() => h.stop());

  it('opens short, with the chair prefilled as the person scheduling, and three invitee rows', async () => {
    await h.teams.say(CAST.cpu, h.personal('cpu'), 'schedule');
    const { card } = h.lastCard(h.personal('cpu').id, 'Schedule a conference');
    const values = inputs(card);
    expect(values.chairName).to.equal(CAST.cpu.name);
    expect(values.chairContact).to.equal(CAST.cpu.id);
    expect(Object.keys(values).filter((k) => /^invitee\d+Name$/.test(k))).to.have.length(3);
    expect(JSON.stringify(card)).to.contain('Check dates').and.to.contain('More rows').and.to.contain('paste invitees');
  });

  it('"Check dates" shows the statutory due date as soon as kind and trigger date are known, values kept', async () => {
    const typed = { caseRef: 'CHK/2026/1', childInitials: 'A.B.', kind: 'initial', triggerDate: '2026-11-20', chairName: CAST.chair.name, chairContact: CAST.chair.email, invitee1Name: 'Sam Social' };
    const card = await h.click('cpu', h.personal('cpu'), 'scheduleDraft', { ...typed, step: 'check', shownRows: 3 });
    // 15 working days after Fri 20 Nov 2026 (no bank holiday between): Fri 11 Dec 2026.
    expect(JSON.stringify(card)).to.contain('Statutory due date: Fri 11 Dec 2026');
    expect(inputs(card)).to.include(typed);
    // Nothing is refused yet for what was left empty.
    expect(JSON.stringify(card)).to.not.contain('Nothing was scheduled');
  });

  it('"More rows" adds three rows and keeps what was typed', async () => {
    const card = await h.click('cpu', h.personal('cpu'), 'scheduleDraft', { caseRef: 'CHK/2026/1', invitee2Name: 'Pat Police', step: 'rows', shownRows: 6 });
    const values = inputs(card);
    expect(Object.keys(values).filter((k) => /^invitee\d+Name$/.test(k))).to.have.length(6);
    expect(values).to.include({ caseRef: 'CHK/2026/1', invitee2Name: 'Pat Police' });
  });

  it('a refusal returns the form with every value kept and each message beside its field, and schedules nothing', async () => {
    const form = { ...scheduleForm('bolton', 'bad ref!'), childInitials: '123', date: '2026-12-21', location: 'Room 4', inviteeLines: 'Gita Doctor, gp@example.gov.uk, GP\nno commas here' };
    const card = await h.click('cpu', h.personal('cpu'), 'schedule', form);
    const text = JSON.stringify(card);
    expect(text).to.contain('Nothing was scheduled');
    expect(text).to.not.match(/case reference: case reference/i);
    expect(besideField(card, 'caseRef')).to.contain('letters, digits');
    expect(besideField(card, 'childInitials')).to.contain('up to 4 letters');
    expect(besideField(card, 'inviteeLines')).to.contain('line 2');
    const values = inputs(card);
    expect(String(values.inviteeLines).startsWith(form.inviteeLines)).to.equal(true);
    for (const key of ['caseRef', 'childInitials', 'childFullName', 'kind', 'triggerDate', 'date', 'time', 'location', 'policy', 'chairName', 'chairContact', 'invitee1Name', 'invitee1Contact', 'invitee1Agency']) {
      expect(values[key], key).to.equal(form[key as keyof typeof form]);
    }
    // Rows past the form's eight come back as pasted lines: nothing typed is lost.
    expect(String(values.inviteeLines)).to.contain(CAST.support.email);
    expect(await h.store.conferences.listForCase('bad ref!').catch(() => [])).to.deep.equal([]);
  });

  it('a date after the due date without a reason, and a date in the past, are refused beside the date', async () => {
    const late = await h.click('cpu', h.personal('cpu'), 'schedule', scheduleForm('bolton', 'LATE/2026/1', '2026-12-21'));
    expect(besideField(late, 'date')).to.contain('must be held by Fri 11 Dec 2026');
    expect(besideField(late, 'lateReason')).to.contain('Needed');
    const past = await h.click('cpu', h.personal('cpu'), 'schedule', { ...scheduleForm('bolton', 'PAST/2026/1'), triggerDate: '2026-11-02', date: '2026-11-20' });
    expect(besideField(past, 'date')).to.contain('in the past');
    expect(await h.store.conferences.listForCase('LATE/2026/1')).to.deep.equal([]);
    expect(await h.store.conferences.listForCase('PAST/2026/1')).to.deep.equal([]);
  });

  it('someone who cannot be found is named beside their row; nothing is scheduled', async () => {
    const card = await h.click('cpu', h.personal('cpu'), 'schedule', { ...scheduleForm('bolton', 'GONE/2026/1'), invitee2Contact: 'nobody@example.gov.uk' });
    expect(besideField(card, 'invitee2Direct')).to.contain("Row 2: Nobody with the email");
    expect(await h.store.conferences.listForCase('GONE/2026/1')).to.deep.equal([]);
  });

  it('invitees pasted as lines are invited like rows', async () => {
    const form: Record<string, unknown> = {
      ...Object.fromEntries(Object.entries(scheduleForm('bolton', 'LINES/2026/1')).filter(([k]) => !k.startsWith('invitee'))),
      location: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0',
      inviteeLines: [`Sam Social, ${CAST.social.email}, Children's Social Care`, `Pat Police, ${CAST.police.email}, police`, `Mary Parent, ${CAST.mother.email}, Family, family`].join('\n'),
    };
    const confirmation = await h.click('cpu', h.personal('cpu'), 'schedule', form);
    expect(JSON.stringify(confirmation)).to.contain('LINES/2026/1');
    const id = conferenceIdOf('LINES/2026/1', '2026-12-07', 'initial');
    const invited = await h.store.invitees.list(id);
    expect(invited.map((i) => [i.name, i.agency, i.role, i.directContact]).sort()).to.deep.equal([
      ['Mary Parent', 'family', 'family', false],
      ['Pat Police', 'police', 'professional', true],
      ['Sam Social', 'childrens-social-care', 'professional', true],
    ]);
    expect((await h.store.conferences.get(id))?.location).to.contain('teams.microsoft.com');
  });

  it('typed in a group chat, the form opens 1:1 and the group is told only that it is private', async () => {
    const before = h.connector.outgoing.length;
    await h.teams.say(CAST.cpu, GROUP, 'schedule');
    const toGroup = h.connector.outgoing.slice(before).filter((o) => o.conversationId === GROUP.id);
    expect(toGroup.map((o) => o.activity.text).join(' ')).to.match(/private/).and.to.match(/1:1/);
    expect(toGroup.some((o) => (o.activity.attachments ?? []).length > 0), 'no form in the group').to.equal(false);
    const personalForm = h.connector.outgoing.slice(before).find((o) => o.conversationId === h.personal('cpu').id);
    expect(JSON.stringify(personalForm?.activity)).to.contain('Schedule a conference');
    // The form's own buttons refuse to work in a group chat: nothing is scheduled there.
    expect(await h.refused('cpu', GROUP, 'schedule', scheduleForm('bolton', 'GRP/2026/1'))).to.match(/private/);
    expect(await h.store.conferences.listForCase('GRP/2026/1')).to.deep.equal([]);
  });

  it('every card parses with Microsoft’s library, and no group chat saw a full name', () => {
    expect(h.checkAllCards()).to.be.greaterThan(5);
    expect(h.groupTraffic()).to.not.contain(CHILD_FULL_NAME);
  });
});
