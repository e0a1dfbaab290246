// The conference record for the child's file, as a PDF (pdfmake): the only desk output that
// names the child in full. Every section the Unit files: decision, who was invited and how they
// answered, who was present, quoracy, each agency's view with dissents, category, lead
// professional, core group, plan, safety scales, every date set, and who recorded what.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { agencyLabel, CATEGORY_LABEL, CHOICE_LABEL, formatDate, KIND_LABEL, RECOMMENDATION_LABEL, ROLE_LABEL, RSVP_LABEL, TRIGGER_LABEL } from '../../cards/labels.js';
import type { Store } from '../../src/store/store.js';
import { localDateTime } from '../time.js';
import { quoracyOf } from '../views.js';
import { policyFor, policyVersionLabel } from '../policy.js';

const require = createRequire(import.meta.url);
// pdfmake's server build is CommonJS with one shared instance: fonts are set once, and it may
// never fetch anything (no URL or file outside its fonts). Loaded on the first record asked for:
// an instance that never prints one does not carry it (~16 MB).
type PdfMake = {
  setFonts(f: unknown): void;
  setUrlAccessPolicy(f: (url: string) => boolean): void;
  setLocalAccessPolicy(f: (p: string) => boolean): void;
  createPdf(d: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};
const FONTS = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
let loaded: PdfMake | undefined;
function pdfmake(): PdfMake {
  if (loaded) return loaded;
  const p = require('pdfmake') as PdfMake;
  p.setFonts({
    Roboto: {
      normal: path.join(FONTS, 'Roboto-Regular.ttf'),
      bold: path.join(FONTS, 'Roboto-Medium.ttf'),
      italics: path.join(FONTS, 'Roboto-Italic.ttf'),
      bolditalics: path.join(FONTS, 'Roboto-MediumItalic.ttf'),
    },
  });
  p.setUrlAccessPolicy(() => false);
  p.setLocalAccessPolicy((f) => path.resolve(f).startsWith(FONTS));
  return (loaded = p);
}

/** The section headings, in order: the test reads them back from the PDF. */
export const RECORD_SECTIONS = [
  'Decision',
  'Invited',
  'Present',
  'Apologies, written reports and deputies',
  'Quoracy',
  'Agency views and dissents',
  'Category of harm',
  'Lead professional',
  'Core group',
  'Plan outline and contingency',
  'Safety scales',
  'Dates',
  'Who recorded what',
] as const;

const dash = '—';
const d = (iso: string | undefined) => (iso ? formatDate(iso) : dash);

export async function conferenceRecordPdf(store: Store, conferenceId: string, made: { by: string; at: Date }): Promise<Buffer> {
  const c = await store.conferences.get(conferenceId);
  if (!c) throw new Error(`conference ${conferenceId} not found`);
  const [invitees, decision, rounds, trail, minutes] = await Promise.all([
    store.invitees.list(c.id),
    store.decisions.get(c.id),
    store.votes.listRounds(c.id),
    store.audit.forConference(c.id),
    store.minutes.get(c.id),
  ]);
  const round = decision?.round ?? rounds.at(-1)?.round;
  const votes = round === undefined ? [] : await store.votes.list(c.id, round);
  const held = localDateTime(new Date(c.scheduledAt));
  const checked = quoracyOf(invitees, 'checked-in');
  const present = invitees.filter((i) => i.checkIn?.present);
  const answered = (r: string) => invitees.filter((i) => i.rsvp?.response === r);
  const circulated = trail.find((e) => e.action === 'decision-circulated');

  const h = (text: (typeof RECORD_SECTIONS)[number]): Content => ({ text, style: 'h2', tocItem: false });
  const table = (head: string[], rows: string[][]): Content =>
    rows.length === 0
      ? { text: 'None recorded.', italics: true, margin: [0, 0, 0, 6] }
      : { table: { headerRows: 1, widths: head.map(() => '*'), body: [head.map((t) => ({ text: t, bold: true })), ...rows] }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 8] };
  const pairs = (rows: [string, string][]): Content => ({ table: { widths: [170, '*'], body: rows.map(([k, v]) => [{ text: k, bold: true }, v]) }, layout: 'noBorders', margin: [0, 0, 0, 8] });

  const outcome = !decision
    ? 'No decision recorded yet.'
    : decision.outcome === 'stood-down'
      ? `Stood down${decision.standDownReason ? `: ${decision.standDownReason}` : ''}`
      : decision.outcome === 'deferred'
        ? `Deferred: ${decision.deferralReason ?? 'critical information missing'} (reconvene by ${d(decision.reconveneBy)})`
        : `${CHOICE_LABEL[decision.outcome]}${decision.recommendation ? ` — ${RECOMMENDATION_LABEL[decision.recommendation]}` : ''}`;

  const content: Content[] = [
    { text: 'Child protection conference record', style: 'h1' },
    { text: 'Confidential: for the child\'s file. Names the child in full.', italics: true, margin: [0, 0, 0, 8] },
    pairs([
      ['Child', c.childFullName ? `${c.childFullName} (${c.childInitials})` : c.childInitials],
      ['Case reference', c.caseRef],
      ['Conference', `${KIND_LABEL[c.kind]}, ${formatDate(held.slice(0, 10))} at ${held.slice(11)}`],
      ['Local policy', policyVersionLabel(policyFor(c))],
      ['Chair', c.chair.name],
    ]),
    h('Decision'),
    pairs([
      ['Outcome', outcome],
      ['How decided', !decision ? dash : decision.chairRationale ? `By the chair: ${decision.chairRationale}` : decision.split ? 'Split vote: the area\'s split rule applied' : decision.dissents.length ? 'Majority, with dissent' : 'Agreed'],
      ['Exceptional circumstances', decision?.exceptionalCircumstances ?? dash],
      ['Decided by', decision ? `${decision.decidedBy.name}, ${localDateTime(new Date(decision.decidedAt)).replace('T', ' ')}` : dash],
    ]),
    h('Invited'),
    table(['Name', 'Agency', 'Role', 'Answer'], invitees.map((i) => [i.name, agencyLabel(i.agency), ROLE_LABEL[i.role], i.rsvp ? RSVP_LABEL[i.rsvp.response] + (i.rsvp.deputyName ? `: ${i.rsvp.deputyName}` : '') : 'No answer'])),
    h('Present'),
    table(['Name', 'Agency', 'Role'], present.map((i) => [i.name, agencyLabel(i.checkIn!.agency), ROLE_LABEL[i.checkIn!.role]])),
    h('Apologies, written reports and deputies'),
    table(
      ['Name', 'Agency', 'Sent'],
      [...answered('apologies'), ...answered('written-report'), ...answered('deputy')].map((i) => [i.name, agencyLabel(i.agency), i.rsvp!.response === 'deputy' ? `Deputy: ${i.rsvp!.deputyName ?? ''}` : RSVP_LABEL[i.rsvp!.response]]),
    ),
    h('Quoracy'),
    pairs([
      ['At the conference', checked.quorate ? `Quorate: ${checked.countingAgencies.map(agencyLabel).join(', ')}` : `Not quorate: ${checked.missing.join('; ')}`],
      ['Breach reason', decision?.quoracyBreachReason ?? c.quoracyBreachReason ?? dash],
    ]),
    h('Agency views and dissents'),
    table(['Agency', 'Name', 'View', 'Reason'], votes.map((v) => [agencyLabel(v.agency), v.name, CHOICE_LABEL[v.choice], v.reason ?? dash])),
    { text: 'Dissents', bold: true },
    table(['Name', 'Agency', 'View', 'Reason'], (decision?.dissents ?? []).map((x) => [x.name, agencyLabel(x.agency), CHOICE_LABEL[x.choice], x.reason ?? dash])),
    h('Category of harm'),
    { text: decision?.category ? [decision.category.primary, ...decision.category.others].map((k) => CATEGORY_LABEL[k]).join(', ') : 'None recorded.', margin: [0, 0, 0, 8] },
    h('Lead professional'),
    pairs([
      ['Lead professional', decision?.leadProfessional ? `${decision.leadProfessional.name}, ${agencyLabel(decision.leadProfessional.agency)}` : dash],
      ['Deputy', decision?.leadDeputy ? `${decision.leadDeputy.name}, ${agencyLabel(decision.leadDeputy.agency)}` : dash],
    ]),
    h('Core group'),
    table(['Name', 'Agency', 'Role'], (decision?.coreGroup ?? []).map((m) => [m.name, m.agency ? agencyLabel(m.agency) : dash, ROLE_LABEL[m.role]])),
    { text: decision?.coreGroupOthers ? `Also in the core group: ${decision.coreGroupOthers}` : '', margin: [0, 0, 0, 6] },
    h('Plan outline and contingency'),
    pairs([
      ['Danger statements', decision?.dangerStatements ?? dash],
      ['Safety goals', decision?.safetyGoals ?? dash],
      ['Outline plan', decision?.outlinePlan ?? dash],
      ['Contingency plan', decision?.contingencyPlan ?? dash],
    ]),
    h('Safety scales'),
    table(['Agency', 'Name', 'Scale (0 danger – 10 safe)'], (decision?.safetyScales ?? []).map((s) => [agencyLabel(s.agency), s.name ?? dash, String(s.score)])),
    h('Dates'),
    pairs([
      [TRIGGER_LABEL[c.kind], d(c.triggerDate)],
      ['Section 47 enquiry started', d(c.s47StartDate)],
      ['Statutory date', d(c.dueBy)],
      ['Held', d(held.slice(0, 10))],
      ['Late because', c.lateReason ?? dash],
      ['First core group', d(decision?.firstCoreGroupDate)],
      ['First review', d(decision?.firstReviewDate)],
      ['Reconvene by', d(decision?.reconveneBy)],
      ['Decision circulated', circulated ? d(localDateTime(new Date(circulated.at)).slice(0, 10)) : dash],
      ['Minutes sent', d(minutes?.sentOn)],
      ['Amendments closed', d(minutes?.amendmentsClosedOn)],
    ]),
    h('Who recorded what'),
    table(
      ['When', 'Who', 'What'],
      trail.filter((e) => !e.action.startsWith('desk-')).map((e) => [localDateTime(new Date(e.at)).replace('T', ' '), e.name, e.action.replace(/-/g, ' ')]),
    ),
    { text: `Made from the conference record by ${made.by}, ${localDateTime(made.at).replace('T', ' ')}.`, italics: true, fontSize: 8, margin: [0, 8, 0, 0] },
  ];

  return pdfmake()
    .createPdf({
      info: { title: `Conference record ${c.caseRef}`, subject: 'Child protection conference record' },
      content,
      styles: { h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] }, h2: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] } },
      defaultStyle: { fontSize: 9 },
      footer: (page: number, pages: number) => ({ text: `${c.caseRef} · page ${page} of ${pages} · confidential`, alignment: 'center', fontSize: 8 }),
    })
    .getBuffer();
}
