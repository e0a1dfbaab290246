// The desk's API over HTTP (issue 16, "Who sees what"): Teams SSO tokens signed by a loopback
// Entra key set and validated by the production code; the Unit sees every conference of its
// tenant, a chair only theirs, anyone else a message; bad tokens are refused; every view is
// audited. The conference itself is run through the bot (Bolton procedures).
import { expect } from 'chai';
import { addCalendarDays, addWorkingDays } from '../../src/rules/index.js';
import { NOT_FOR_YOU } from '../../bot/desk/access.js';
import { localDate } from '../../bot/time.js';
import { CLIENT_ID, LoopbackEntra, OTHER_TENANT, TENANT } from '../support/entra.js';
import { CAST, Harness } from './support/harness.js';
import { OTHER_CHAIR, otherChairsConference, walkConference } from './support/desk-walk.js';

describe('Desk API: Teams SSO, who sees what, audit', function () {
  this.timeout(120_000);
  const entra = new LoopbackEntra();
  const h = new Harness();
  let walked: string;
  const unit = () => entra.token({ oid: CAST.cpu.aadObjectId, name: CAST.cpu.name, roles: ['ChildProtectionUnit'] });
  const chair = () => entra.token({ oid: CAST.chair.aadObjectId, name: CAST.chair.name });

  async function get(path: string, token: string | undefined) {
    const res = await fetch(`${h.server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: type.includes('json') ? ((await res.json()) as any) : await res.text(), type };
  }

  before(async () => {
    await entra.start();
    h.desk = entra.deskConfig({ unitGroups: ['cpu-group-object-id'] });
    await h.start();
    walked = await walkConference(h, 'DESK-2026-01');
    await otherChairsConference(h, TENANT, 'other-chair-conf', 'DESK-2026-02', '2026-12-09T14:00:00.000Z');
    await otherChairsConference(h, OTHER_TENANT, 'foreign-conf', 'DESK-2026-03', '2026-12-09T14:00:00.000Z');
    h.now = new Date('2026-12-10T09:00:00Z');
  });
  after(async () => {
    await h.stop();
    await entra.stop();
  });

  it('the Unit sees every conference of its tenant, with the statutory clock, RSVPs, forecast quoracy and duties', async () => {
    const res = await get('/api/desk/conferences?from=2026-12-01&to=2026-12-31', await unit());
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const ids = res.body.conferences.map((c: any) => c.conferenceId);
    expect(ids).to.have.members([walked, 'other-chair-conf']);
    const c = res.body.conferences.find((x: any) => x.conferenceId === walked);
    // Bolton procedures, Timing: 15 working days from the strategy discussion on 20 November.
    expect(c.dueBy).to.equal(addWorkingDays('2026-11-20', 15));
    expect(c).to.include({ caseRef: 'DESK-2026-01', childInitials: 'JES', date: '2026-12-07', invited: 11, answered: 9, attending: 8, apologies: 1, forecastQuorate: true, outcome: 'cp-plan', category: 'neglect', split: false });
    // Circulated when the audit trail says it was sent (the time Teams stamped on the chair's click).
    const sent = (await h.store.audit.forConference(walked)).find((e) => e.action === 'decision-circulated');
    expect(c.circulatedOn).to.equal(localDate(new Date(sent!.at)));
    expect(c).to.not.have.property('childFullName');
    expect(JSON.stringify(res.body)).to.not.contain('Jordan');
    const byWhat = Object.fromEntries(c.duties.map((d: any) => [d.what, d]));
    expect(byWhat.conference).to.include({ state: 'done', doneOn: '2026-12-07' });
    expect(byWhat.circulation).to.include({ due: '2026-12-08', doneOn: c.circulatedOn });
    // Bolton procedures, Record keeping: minutes within 15 working days of the conference.
    expect(byWhat.minutes).to.include({ state: 'due', due: addWorkingDays('2026-12-07', 15) });
    // On 10 December, 3 of the 15 working days have gone (8, 9 and 10 December).
    expect(byWhat.minutes.workingDaysLeft).to.equal(12);
  });

  it('a chair sees only the conferences they chair, whatever they ask for', async () => {
    const res = await get(`/api/desk/conferences?from=2026-12-01&to=2026-12-31&chair=${OTHER_CHAIR.aadObjectId}`, await chair());
    expect(res.status).to.equal(200);
    expect(res.body.conferences.map((c: any) => c.conferenceId)).to.deep.equal([walked]);
    expect((await get('/api/desk/me', await chair())).body).to.deep.equal({ name: CAST.chair.name, role: 'chair' });
    const pdf = await get('/api/desk/conferences/other-chair-conf/record.pdf', await chair());
    expect(pdf.status).to.equal(404);
    expect((await get('/api/desk/cases/DESK-2026-02', await chair())).status).to.equal(404);
    expect((await get('/api/desk/measures', await chair())).status).to.equal(403);
  });

  it('Unit staff are recognised by app role, by group or by the admin list; the Unit filters by chair', async () => {
    const byGroup = await entra.token({ oid: 'aad-unit-2', name: 'Gail Group', groups: ['cpu-group-object-id'] });
    expect((await get('/api/desk/me', byGroup)).body.role).to.equal('unit');
    const filtered = await get(`/api/desk/conferences?from=2026-12-01&to=2026-12-31&chair=${OTHER_CHAIR.aadObjectId}`, await unit());
    expect(filtered.body.conferences.map((c: any) => c.conferenceId)).to.deep.equal(['other-chair-conf']);
    const kind = await get('/api/desk/conferences?from=2026-12-01&to=2026-12-31&kind=later-review', await unit());
    expect(kind.body.conferences).to.deep.equal([]);
  });

  it('anyone else is told the desk is not for them and sees nothing; the refusal is audited', async () => {
    const stranger = await entra.token({ oid: CAST.stranger.aadObjectId, name: CAST.stranger.name });
    for (const path of ['/api/desk/me', '/api/desk/conferences', '/api/desk/cases/DESK-2026-01', `/api/desk/conferences/${walked}/record.pdf`]) {
      const res = await get(path, stranger);
      expect(res.status, path).to.equal(403);
      expect(res.body).to.deep.equal({ error: NOT_FOR_YOU, role: 'none' });
    }
    const trail = await h.store.audit.general('2026-12');
    expect(trail.filter((e) => e.userId === CAST.stranger.aadObjectId && e.action === 'desk-refused')).to.have.length(4);
  });

  it('refuses expired, foreign-tenant, wrong-audience, unsigned-by-Entra and scope-less tokens, and no token', async () => {
    const cases: [string, string | undefined, RegExp][] = [
      ['expired', await entra.token({ oid: CAST.cpu.aadObjectId, name: 'x', roles: ['ChildProtectionUnit'], expiresIn: -120 }), /expired/],
      ['foreign tenant', await entra.token({ oid: CAST.cpu.aadObjectId, name: 'x', roles: ['ChildProtectionUnit'], tid: OTHER_TENANT }), /organisation/],
      ['tenant claim and issuer disagree', await entra.token({ oid: CAST.cpu.aadObjectId, name: 'x', roles: ['ChildProtectionUnit'], tid: TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }), /organisation/],
      ['wrong audience', await entra.token({ oid: CAST.cpu.aadObjectId, name: 'x', roles: ['ChildProtectionUnit'], aud: 'api://someone-else' }), /another app/],
      ['foreign key', await entra.token({ oid: CAST.cpu.aadObjectId, name: 'x', roles: ['ChildProtectionUnit'], foreignKey: true }), /not signed/],
      ['no scope', await entra.token({ oid: CAST.cpu.aadObjectId, name: 'x', roles: ['ChildProtectionUnit'], scp: 'User.Read' }), /scope/],
      ['no token', undefined, /Sign in/],
    ];
    for (const [what, token, message] of cases) {
      const res = await get('/api/desk/conferences', token);
      expect(res.status, what).to.equal(401);
      expect(res.body.error, what).to.match(message);
      expect(JSON.stringify(res.body), what).to.not.contain('DESK-2026');
    }
    // The client id itself, and api://<client id>, are accepted audiences too.
    for (const aud of [CLIENT_ID, `api://${CLIENT_ID}`]) {
      expect((await get('/api/desk/me', await entra.token({ oid: CAST.cpu.aadObjectId, name: 'x', roles: ['ChildProtectionUnit'], aud }))).status).to.equal(200);
    }
  });

  it("a case's history on one page; every view is audited with who and what", async () => {
    const res = await get('/api/desk/cases/DESK-2026-01', await chair());
    expect(res.status).to.equal(200);
    expect(res.body.conferences.map((c: any) => c.conferenceId)).to.deep.equal([walked]);
    expect(res.body.plans).to.have.length(1);
    expect(res.body.plans[0]).to.include({ startDate: '2026-12-07', previousPlans: 0 });
    expect(res.body.plans[0].initialCategory).to.deep.equal(['neglect']);
    expect(res.body.due.map((d: any) => d.kind)).to.include.members(['first-review', 'minutes', 'first-core-group']);
    const trail = await h.store.audit.general('2026-12');
    const views = trail.filter((e) => e.action.startsWith('desk-') && e.action !== 'desk-refused');
    expect(views.map((e) => e.action)).to.include.members(['desk-conferences', 'desk-case', 'desk-me']);
    expect(views.find((e) => e.action === 'desk-case')).to.deep.include({ userId: CAST.chair.aadObjectId, name: CAST.chair.name });
    expect(views.find((e) => e.action === 'desk-case')!.details).to.deep.include({ role: 'chair', caseRef: 'DESK-2026-01' });
  });

  it('minutes the chair records by command in Teams reach the desk', async () => {
    const said = await h.teams.say(CAST.chair, h.personal('chair'), 'minutes sent DESK-2026-01 2026-12-09');
    expect(said.status).to.equal(200);
    const res = await get('/api/desk/conferences?from=2026-12-01&to=2026-12-31', await unit());
    const c = res.body.conferences.find((x: any) => x.conferenceId === walked);
    expect(c.minutesSentOn).to.equal('2026-12-09');
    const byWhat = Object.fromEntries(c.duties.map((d: any) => [d.what, d]));
    expect(byWhat.minutes).to.include({ state: 'done', doneOn: '2026-12-09' });
    // Bolton procedures, Record keeping: amendments back within 21 days of the minutes.
    expect(byWhat.amendments).to.include({ state: 'due', due: '2026-12-30' });
  });

  it('the Unit records the minutes sent and the amendments closed; the duties follow, and late ones show as late', async () => {
    const token = await unit();
    const post = (path: string, body: unknown) => fetch(`${h.server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post(`/api/desk/conferences/${walked}/minutes`, { sentOn: '2026-12-01' })).status).to.equal(400);
    expect((await post(`/api/desk/conferences/${walked}/minutes`, {})).status).to.equal(400);
    expect((await post(`/api/desk/conferences/${walked}/minutes`, { sentOn: '2026-12-18' })).status).to.equal(200);
    h.now = new Date('2027-01-15T09:00:00Z');
    const res = await get('/api/desk/conferences?from=2027-01-01&to=2027-01-31', token);
    // Held before the period but still owing the amendments: on the open list.
    const c = res.body.conferences.find((x: any) => x.conferenceId === walked);
    const byWhat = Object.fromEntries(c.duties.map((d: any) => [d.what, d]));
    expect(byWhat.minutes).to.include({ state: 'done', doneOn: '2026-12-18' });
    expect(byWhat.amendments).to.include({ state: 'late', due: addCalendarDays('2026-12-18', 21) });
    expect((await post(`/api/desk/conferences/${walked}/minutes`, { amendmentsClosedOn: '2027-01-05' })).status).to.equal(200);
    // Recorded at the desk, the amendments window is no longer due in the chair's lists either.
    expect(await h.store.dueItems.forCase('DESK-2026-01', { kinds: ['minute-amendments'] })).to.deep.equal([]);
    // Each record is audited with the change it made, and so is each duty it completed (the case's step).
    const trail = (await h.store.audit.forConference(walked)).map((e) => e.action);
    expect(trail.filter((a) => a === 'desk-minutes-recorded')).to.have.length(2);
    expect(trail).to.include.members(['lifecycle-minutes-sent', 'lifecycle-amendment-window-closed']);
    const after = await get('/api/desk/conferences?from=2027-01-01&to=2027-01-31', token);
    expect(after.body.conferences.map((x: any) => x.conferenceId)).to.not.include(walked);
    h.now = new Date('2026-12-10T09:00:00Z');
  });

  it('the Unit records when the section 47 enquiry started: the desk shows it, the change and its entry are stored together; others are refused', async () => {
    const post = async (body: unknown, token: string) => {
      const res = await fetch(`${h.server.url}/api/desk/conferences/${walked}/s47`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const entries = async () => (await h.store.audit.forConference(walked)).filter((e) => e.action === 'desk-s47-recorded');
    // Only the Unit: the measure it feeds covers the whole authority.
    expect((await post({ s47StartDate: '2026-11-19' }, await chair())).status).to.equal(403);
    // An enquiry cannot start after the conference it led to: refused, nothing written.
    expect((await post({ s47StartDate: '2026-12-08' }, await unit())).status).to.equal(400);
    expect((await h.store.conferences.get(walked))?.s47StartDate).to.equal(undefined);
    expect(await entries()).to.deep.equal([]);

    const first = await post({ s47StartDate: '2026-11-19' }, await unit());
    expect(first).to.deep.include({ status: 200, body: { outcome: 'changed' } });
    expect((await h.store.conferences.get(walked))?.s47StartDate).to.equal('2026-11-19');
    const [entry, ...more] = await entries();
    expect(more).to.deep.equal([]);
    expect(entry).to.deep.include({ userId: CAST.cpu.aadObjectId, conferenceId: walked });
    expect(entry!.details).to.include({ s47StartDate: '2026-11-19', role: 'unit' });
    const res = await get('/api/desk/conferences?from=2026-12-01&to=2026-12-31', await unit());
    expect(res.body.conferences.find((x: any) => x.conferenceId === walked).s47StartDate).to.equal('2026-11-19');
  });
});
