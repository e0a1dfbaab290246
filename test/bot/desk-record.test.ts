// The conference record for the child's file (issue 16, Exports): a conference run through the
// bot (Bolton procedures), its record fetched from the desk as a PDF, read back as text with
// pdfjs-dist — every section there, the child's full name only there — and its first page
// drawn by pdf.js in Chromium for the README.
import { expect } from 'chai';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { RECORD_SECTIONS } from '../../bot/desk/record-pdf.js';
import { launchChromium } from '../e2e/support/browser.js';
import { ARTIFACTS } from '../e2e/support/playground.js';
import { LoopbackEntra } from '../support/entra.js';
import { walkConference } from './support/desk-walk.js';
import { CAST, CHILD_FULL_NAME, Harness } from './support/harness.js';

const require = createRequire(import.meta.url);

async function pdfText(pdf: Uint8Array): Promise<string> {
  // pdf.js takes the buffer over (it is detached after), so it reads a copy.
  const doc = await getDocument({ data: pdf.slice(), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  return pages.join('\n').replace(/\s+/g, ' ');
}

describe("Desk: the conference record PDF for the child's file", function () {
  this.timeout(120_000);
  const entra = new LoopbackEntra();
  const h = new Harness();
  let conferenceId: string;
  let pdf: Uint8Array;

  before(async () => {
    await entra.start();
    h.desk = entra.deskConfig();
    await h.start();
    conferenceId = await walkConference(h, 'REC-2026-01');
    h.now = new Date('2026-12-08T09:00:00Z');
  });
  after(async () => {
    await h.stop();
    await entra.stop();
  });

  it('is made for the Unit and the chair, with every section, the full name, the views, dissents and dates', async () => {
    for (const who of [{ oid: CAST.cpu.aadObjectId, name: CAST.cpu.name, roles: ['ChildProtectionUnit'] }, { oid: CAST.chair.aadObjectId, name: CAST.chair.name }]) {
      const res = await fetch(`${h.server.url}/api/desk/conferences/${conferenceId}/record.pdf`, { headers: { authorization: `Bearer ${await entra.token(who)}` } });
      expect(res.status, who.name).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('application/pdf');
      pdf = new Uint8Array(await res.arrayBuffer());
    }
    const text = await pdfText(pdf);
    for (const section of RECORD_SECTIONS) expect(text, section).to.contain(section);
    expect(text).to.contain(CHILD_FULL_NAME).and.to.contain('REC-2026-01');
    // Who was invited, how they answered, who was present.
    for (const name of ['Sam Social', 'Pat Police', 'Hugh Housing', 'Mary Parent', 'Frank Parent', 'Steve Support']) expect(text).to.contain(name);
    expect(text).to.contain('Apologies');
    // Each agency's view, the dissent and its reason.
    expect(text).to.contain('Probation sees no continuing risk from the father');
    expect(text).to.contain('Neglect').and.to.contain('Daily routines supported by the health visitor');
    expect(text).to.contain('If attendance falls below 90%');
    // Dates set, and who recorded what (the audit trail).
    expect(text).to.contain('7 Dec 2026').and.to.contain('Irene Chair');
    expect(text).to.match(/vote round closed/);
    const trail = await h.store.audit.forConference(conferenceId);
    // Both exports audited (at the same moment of the test's clock, so in no particular order).
    expect(trail.filter((e) => e.action === 'desk-record-exported').map((e) => e.userId)).to.have.members([CAST.cpu.aadObjectId, CAST.chair.aadObjectId]);
  });

  it('a stranger gets no record, and a chair none of another chair', async () => {
    const stranger = await entra.token({ oid: CAST.stranger.aadObjectId, name: CAST.stranger.name });
    const res = await fetch(`${h.server.url}/api/desk/conferences/${conferenceId}/record.pdf`, { headers: { authorization: `Bearer ${stranger}` } });
    expect(res.status).to.equal(403);
    expect(await res.text()).to.not.contain(CHILD_FULL_NAME);
  });

  it('its first page, drawn by pdf.js in Chromium, goes to the README', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'conference-record.pdf'), pdf);
    const build = path.dirname(require.resolve('pdfjs-dist/build/pdf.min.mjs'));
    const chromium = await launchChromium({ scale: 1 });
    try {
      const page = await chromium.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const files: Record<string, [Buffer, string]> = {
        '/pdf.min.mjs': [readFileSync(path.join(build, 'pdf.min.mjs')), 'text/javascript'],
        '/pdf.worker.min.mjs': [readFileSync(path.join(build, 'pdf.worker.min.mjs')), 'text/javascript'],
        '/record.pdf': [Buffer.from(pdf), 'application/pdf'],
        '/': [Buffer.from(`<!doctype html><html lang="en"><body style="margin:0"><canvas id="c"></canvas><script type="module">
import * as pdfjs from '/pdf.min.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.min.mjs';
const doc = await pdfjs.getDocument({ url: '/record.pdf' }).promise;
const p = await doc.getPage(1);
const viewport = p.getViewport({ scale: 1.4 });
const canvas = document.getElementById('c');
canvas.width = viewport.width; canvas.height = viewport.height;
await p.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
document.body.dataset.drawn = 'yes';
</script></body></html>`), 'text/html'],
      };
      await page.route('http://localhost/**', (route) => {
        const file = files[new URL(route.request().url()).pathname];
        return file ? route.fulfill({ body: file[0], contentType: file[1] }) : route.fulfill({ status: 404 });
      });
      await page.goto('http://localhost/');
      await page.locator('body[data-drawn="yes"]').waitFor({ state: 'attached', timeout: 30_000 }).catch((e: Error) => {
        throw new Error(`${e.message}\n${errors.join('\n')}`);
      });
      const shot = path.join(ARTIFACTS, 'conference-record-page1.png');
      await page.locator('#c').screenshot({ path: shot });
      expect(readFileSync(shot).length).to.be.greaterThan(20_000);
    } finally {
      await chromium.close();
    }
  });
});
