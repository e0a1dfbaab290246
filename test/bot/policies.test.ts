// Policy files a deployment supplies (issue: each area's own procedures as data): checked before
// use by `npm run policy -- check` and at start-up, and versioned — a conference runs to the end
// under the version it was scheduled under (Bolton procedures and the split rules of docs/rules.md).
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startApp } from '../../bot/app.js';
import { readConfig } from '../../bot/config.js';
import { main as policyCli } from '../../src/policy-files/cli.js';
import { getPolicy } from '../../src/rules/index.js';
import { testStore, type TestStore } from '../support/store.js';
import { CAST, GROUP, Harness } from './support/harness.js';
import { checkedIn, scheduled, splitVote, started } from './support/walk.js';

const bolton = () => JSON.parse(JSON.stringify(getPolicy('bolton'))) as Record<string, any>;
const write = (dir: string, name: string, value: unknown) => writeFile(join(dir, name), JSON.stringify(value, null, 2));

describe('policy files: checked before use', function () {
  this.timeout(30_000);
  let store: TestStore;
  let dir: string;
  before(async () => (store = await testStore()));
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'policies-'));
    await write(dir, 'bolton.json', bolton());
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const MALFORMED: [string, (dir: string) => Promise<void>, RegExp][] = [
    ['an unknown split rule', (d) => write(d, 'area.json', { ...bolton(), id: 'area', splitRule: { ...bolton().splitRule, kind: 'coin-toss' } }), /area\.json: splitRule\.kind: expected "plan-and-refer" or "chair-decides"/],
    ['negative days', (d) => write(d, 'area.json', { ...bolton(), id: 'area', reportDeadline: { kind: 'working-days-before', days: -2, sendTo: 'the chair', citation: bolton().reportDeadline.citation } }), /area\.json: reportDeadline\.days: expected a whole number of days, 1 or more/],
    ['an agenda item without a title', (d) => write(d, 'area.json', { ...bolton(), id: 'area', agenda: { ...bolton().agenda, items: [{ title: 'Introductions' }, { details: ['Reports'] }] } }), /area\.json: agenda\.items\.1\.title: an agenda item needs a title/],
    ['a duplicate id', (d) => write(d, 'copy.json', bolton()), /copy\.json: id: "bolton" is already the id of bolton\.json/],
  ];

  for (const [what, make, message] of MALFORMED) {
    it(`${what}: the bot refuses to start, and the check command refuses the folder, naming the file and the field`, async () => {
      await make(dir);
      const config = readConfig({ PORT: '0', POLICY_DIR: dir });
      let refusal: Error | undefined;
      await startApp({ config, store, log: () => undefined, host: '127.0.0.1' }).then(
        (server) => server.close(),
        (e: Error) => (refusal = e),
      );
      expect(refusal?.message).to.match(message).and.to.contain('the bot does not start');
      const lines: string[] = [];
      expect(await policyCli(['check', dir], (l) => lines.push(l))).to.equal(1);
      expect(lines.join('\n')).to.match(message);
      expect(lines.at(-1)).to.equal('1 problem found.');
    });
  }

  it('`npm run policy -- check FILE` lists every problem of a file with its path and what is expected, and passes a good file', async () => {
    const bad = bolton();
    bad.version = 0;
    bad.splitRule.kind = 'coin-toss';
    bad.agenda.items[3] = { title: '' };
    bad.inquorate.reconveneWithinWorkingDays = -5;
    await write(dir, 'bad.json', bad);
    const run = (file: string) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/policy-files/cli.ts', 'check', file]).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const refused = await run(join(dir, 'bad.json'));
    expect(refused.code).to.equal(1);
    expect(refused.out).to.contain('bad.json: version: expected a whole number, 1 or more');
    expect(refused.out).to.contain('bad.json: splitRule.kind: expected "plan-and-refer" or "chair-decides"');
    expect(refused.out).to.contain('bad.json: agenda.items.3.title: an agenda item needs a title');
    expect(refused.out).to.contain('bad.json: inquorate.reconveneWithinWorkingDays: expected a whole number of days, 1 or more');
    expect(refused.out).to.contain('4 problems found.');
    const good = await run('policies/barnsley.json');
    expect(good).to.deep.equal({ code: 0, out: 'policies/barnsley.json: ok — Barnsley, policy "barnsley" version 1\n' });
  });

  it('`npm run policy -- schema` gives editors the JSON Schema of a policy file', async () => {
    const lines: string[] = [];
    expect(await policyCli(['schema'], (l) => lines.push(l))).to.equal(0);
    const schema = JSON.parse(lines.join('\n'));
    expect(schema.required).to.include.members(['id', 'version', 'documents', 'decision', 'reportDeadline', 'inquorate', 'agenda']);
    expect(JSON.stringify(schema.properties.decision)).to.contain('chair-decides');
    expect(await policyCli(['frobnicate'], (l) => lines.push(l))).to.equal(2);
    expect(lines.at(-1)).to.match(/^usage: npm run policy -- check/);
  });

  it('settings changed without a new version: the bot refuses to start, naming the file and the version; a new version starts', async () => {
    await startApp({ config: readConfig({ PORT: '0', POLICY_DIR: dir }), store, log: () => undefined, host: '127.0.0.1' }).then((server) => server.close());
    const edited = bolton();
    edited.reportDeadline.hours = 48;
    await write(dir, 'bolton.json', edited);
    const refusal = await startApp({ config: readConfig({ PORT: '0', POLICY_DIR: dir }), store, log: () => undefined, host: '127.0.0.1' }).then(
      (server) => (server.close(), undefined),
      (e: Error) => e,
    );
    expect(refusal?.message).to.match(/bolton\.json: version: 1 is already in use \(since .*\) with other settings: raise "version"/);
    await write(dir, 'bolton.json', { ...edited, version: 2 });
    const server = await startApp({ config: readConfig({ PORT: '0', POLICY_DIR: dir }), store, log: () => undefined, host: '127.0.0.1' });
    await server.close();
  });

  it('a file that is not JSON, and a folder with no policy files, are refused', async () => {
    await writeFile(join(dir, 'broken.json'), '{ "id": "broken", ');
    const lines: string[] = [];
    expect(await policyCli(['check', join(dir, 'broken.json')], (l) => lines.push(l))).to.equal(1);
    expect(lines[0]).to.match(/broken\.json: \(the file\): not valid JSON/);
    const empty = await mkdtemp(join(tmpdir(), 'policies-'));
    const config = readConfig({ PORT: '0', POLICY_DIR: empty });
    const refusal = await startApp({ config, store, log: () => undefined }).then(() => undefined, (e: Error) => e);
    await rm(empty, { recursive: true });
    expect(refusal?.message).to.match(/no policy files/);
  });
});

describe('policy versions: a conference runs under the version it was scheduled under', function () {
  this.timeout(60_000);
  let dir: string;
  let h: Harness;
  const area = (version: number, splitRule: Record<string, unknown>) => ({ ...bolton(), id: 'some-area', area: 'Some Area', version, splitRule });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'policies-'));
    // Version 1: an equal split is left to the chair (Barnsley's rule)…
    await write(dir, 'some-area.json', area(1, { kind: 'chair-decides', citation: { docs: ['project-default'], section: 'version 1' } }));
    h = new Harness(dir);
    await h.start();
  });
  after(async () => {
    await h.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('scheduled under version 1, run after version 2 is deployed: version 1 settles its split; the new conference follows version 2; each record says which', async () => {
    const underV1 = await scheduled(h, 'some-area', 'VER-2026-0001');
    // …version 2 (deployed while the first conference is still to be held) plans and refers.
    await write(dir, 'some-area.json', area(2, bolton().splitRule));
    await h.redeploy();
    const underV2 = await scheduled(h, 'some-area', 'VER-2026-0002');
    expect((await h.store.conferences.get(underV1))?.policyVersion).to.equal(1);
    expect((await h.store.conferences.get(underV2))?.policyVersion).to.equal(2);

    await started(h, 'VER-2026-0001');
    await checkedIn(h, underV1);
    await splitVote(h, underV1);
    expect(await h.store.decisions.get(underV1), 'version 1: no outcome until the chair decides').to.equal(undefined);
    // The split card cites version 1's rule, where the rule applies.
    expect(JSON.stringify(h.lastCard(GROUP.id, 'splitDecision').card)).to.contain('Source: project default (the procedures are silent), version 1');

    await started(h, 'VER-2026-0002');
    await checkedIn(h, underV2);
    await splitVote(h, underV2);
    expect(await h.store.decisions.get(underV2)).to.deep.include({ outcome: 'cp-plan', split: true });

    await h.teams.say(CAST.chair, h.personal('chair'), 'record VER-2026-0001');
    expect(JSON.stringify(h.cards(h.personal('chair').id).at(-1)!.card)).to.contain('Some Area (policy some-area, version 1)');
    await h.teams.say(CAST.chair, h.personal('chair'), 'record VER-2026-0002');
    expect(JSON.stringify(h.cards(h.personal('chair').id).at(-1)!.card)).to.contain('Some Area (policy some-area, version 2)');
    // The file on disk is version 2 now; the first conference's copy is still version 1's.
    expect(JSON.parse(await readFile(join(dir, 'some-area.json'), 'utf8')).version).to.equal(2);
  });
});
