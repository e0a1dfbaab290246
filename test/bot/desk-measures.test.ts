// Measures and the census export over HTTP, from the desk's indexes in Azure Tables: the hand-
// worked quarter (test/support/desk-dataset.ts) stored as the projection stores it, read back
// through the API; the CSV parsed back with a CSV parser and matched item by item.
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { CENSUS_COLUMNS, hasOpenDuty } from '../../src/rules/desk.js';
import { LoopbackEntra } from '../support/entra.js';
import { CONFERENCES, PERIOD, PLANS } from '../support/desk-dataset.js';
import { CAST, Harness } from './support/harness.js';

describe('Desk measures and census CSV over HTTP (indexes in Azure Tables)', function () {
  this.timeout(60_000);
  const entra = new LoopbackEntra();
  const h = new Harness();
  let token: string;
  const get = (path: string) => fetch(`${h.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    await entra.start();
    h.desk = entra.deskConfig();
    await h.start();
    h.now = new Date('2026-07-01T09:00:00Z');
    // Loaded as a rebuild of the desk loads it (one transaction per partition).
    await h.store.desk.load(Object.values(CONFERENCES).map((f) => ({ fact: { ...f, stamp: 1 }, open: hasOpenDuty(f, f.date) })), Object.values(PLANS));
    token = await entra.token({ oid: CAST.cpu.aadObjectId, name: CAST.cpu.name, roles: ['ChildProtectionUnit'] });
  });
  after(async () => {
    await h.stop();
    await entra.stop();
  });

  it('answers each measure with its definition, as worked by hand', async () => {
    const res = await get(`/api/desk/measures?from=${PERIOD.from}&to=${PERIOD.to}`);
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { measures: { id: string; definition: string; value: unknown }[]; byMonth: unknown[] };
    const byId = Object.fromEntries(body.measures.map((m) => [m.id, m]));
    expect(byId['icpc-15-days-s47']!.value).to.deep.equal({ met: 2, of: 3, excluded: 1, percent: 66.7 });
    expect(byId['icpc-15-days-strategy']!.value).to.deep.equal({ met: 3, of: 4, excluded: 0, percent: 75 });
    expect(byId['circulated-1-day']!.value).to.deep.equal({ met: 5, of: 7, excluded: 0, percent: 71.4 });
    expect(byId['minutes-15-days']!.value).to.deep.equal({ met: 3, of: 5, excluded: 2, percent: 60 });
    expect(byId['plans-two-years']!.value).to.deep.equal({ met: 1, of: 3, excluded: 0, percent: 33.3 });
    for (const m of body.measures) expect(m.definition, m.id).to.match(/\w{3,}.*\w{3,}/);
    expect(body.byMonth).to.have.length(3);
  });

  it('exports the children on plans in the period as CSV with the census item names, parsed back and matched', async () => {
    const res = await get(`/api/desk/plans.csv?from=${PERIOD.from}&to=${PERIOD.to}`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.contain('text/csv');
    expect(res.headers.get('content-disposition')).to.contain('attachment');
    const rows = parse(await res.text(), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).to.deep.equal([...CENSUS_COLUMNS]);
    for (const item of ['S47ActualStartDate', 'DateOfInitialCPC', 'CPPstartDate', 'CPPendDate', 'InitialCategoryOfAbuse', 'LatestCategoryOfAbuse', 'NumberOfPreviousCPP', 'CPPreviewDate']) {
      expect(CENSUS_COLUMNS as readonly string[]).to.include(item);
    }
    expect(rows.map((r) => r.CaseReference)).to.deep.equal(['HW/2024/03', 'HW/2024/05', 'HW/2025/04', 'HW/2026/01', 'HW/2026/02', 'HW/2026/06']);
    expect(rows.find((r) => r.CaseReference === 'HW/2026/02')).to.deep.equal({
      CaseReference: 'HW/2026/02',
      S47ActualStartDate: '2026-04-29',
      DateOfInitialCPC: '2026-05-22',
      CPPstartDate: '2026-05-22',
      CPPendDate: '',
      InitialCategoryOfAbuse: 'MUL',
      LatestCategoryOfAbuse: 'EMO',
      NumberOfPreviousCPP: '1',
      CPPreviewDate: '',
    });
    expect(rows.find((r) => r.CaseReference === 'HW/2024/03')).to.include({ CPPendDate: '2026-04-30', CPPreviewDate: '2026-04-30', InitialCategoryOfAbuse: 'SAB' });
    const trail = await h.store.audit.general('2026-07');
    expect(trail.find((e) => e.action === 'desk-census-export')?.details).to.deep.include({ rows: 6 });
  });

  it('a period longer than 3 years, or backwards, is refused with a message', async () => {
    for (const q of ['from=2020-01-01&to=2026-06-30', 'from=2026-06-30&to=2026-04-01']) {
      const res = await get(`/api/desk/measures?${q}`);
      expect(res.status, q).to.equal(400);
      expect(((await res.json()) as { error: string }).error).to.match(/period/);
    }
  });
});
