// Text is data: whatever a person types (a name, a reason, a location, a command the bot did not
// understand) reaches a card as text — never a link, an image, a mention, emphasis, a heading, a
// list or HTML. Checked with a CommonMark renderer (markdown-it, as the Adaptive Cards renderer
// uses) over every card of the examples, with every free-text field in turn.
import { expect } from 'chai';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type { AdaptiveCard } from '../../cards/fill.js';
import { escapeMarkdown } from '../../cards/text.js';
import { checkCard } from '../support/card-check.js';
import { EXAMPLES } from './examples.js';

const md = new MarkdownIt({ html: true, linkify: true });
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

type Path = (string | number)[];

/** Every string in a view, by path. */
function stringPaths(x: unknown, path: Path = []): Path[] {
  if (typeof x === 'string') return [path];
  if (Array.isArray(x)) return x.flatMap((v, i) => stringPaths(v, [...path, i]));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

function withText(view: unknown, path: Path, text: string): unknown {
  if (path.length === 0) return text;
  const [head, ...rest] = path;
  if (Array.isArray(view)) return view.map((v, i) => (i === head ? withText(v, rest, text) : v));
  return { ...(view as object), [head!]: withText((view as Record<string, unknown>)[head!], rest, text) };
}

/** The markdown of a card, as Teams renders it: TextBlock/TextRun text and facts. */
function markdownOf(card: unknown, out: string[] = []): string[] {
  if (Array.isArray(card)) card.forEach((c) => markdownOf(c, out));
  else if (card && typeof card === 'object') {
    const o = card as Record<string, unknown>;
    if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) for (const f of o.facts as { title: string; value: string }[]) out.push(f.title, f.value);
    Object.values(o).forEach((v) => markdownOf(v, out));
  }
  return out;
}

const tags = (html: string) => new Set([...html.matchAll(/<([a-z][a-z0-9-]*)/gi)].map((m) => m[1]!.toLowerCase()));
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[\s\u200B]+/g, '');

/** The free-text fields of each example: those that take plain words (ids, dates and choices refuse them). */
const FIELDS = Object.entries(EXAMPLES).flatMap(([name, example]) =>
  stringPaths(example.view).flatMap((path) => {
    try {
      const card = example.fill(withText(example.view, path, 'Plain words here'));
      if (!JSON.stringify(card).includes('Plain words here')) return [];
      // Shown as text (a TextBlock or fact), or only carried (an input's value, an action's data).
      return [{ name, path, example, shown: markdownOf(card).join('\n').includes('Plain words here') }];
    } catch {
      return [];
    }
  }),
);

const HOSTILE = [
  '[Click here](https://evil.example/login)',
  '![x](https://evil.example/pixel.png)',
  '<https://evil.example>',
  'https://evil.example/a',
  'www.evil.example',
  '//evil.example/a',
  'mum@example.co.uk',
  'x@1.http://',
  '<at>Everyone</at>',
  '<a href="https://evil.example">x</a>',
  '<img src=x onerror=alert(1)>',
  '**bold** __bold__ *it* _it_ ~~gone~~',
  '# Heading',
  '\n\n## Heading',
  '- item\n- item',
  '1. one\n2) two',
  '> quote',
  'Text\n===',
  '`code`',
  '| a | b |\n|---|---|',
  '&lt;at&gt;x&lt;/at&gt; &#x5b;y&#x5d;(z)',
  '\u202Egnp.exe',
  'a\u2066b\u2069c\u200F',
  '[a]\n\n[a]: https://evil.example',
  '\\[escaped](https://evil.example)',
  '${name}',
];

const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE, '[', ']', '(', ')', '!', '<', '>', '*', '_', '\\', '\n', ' ', 'http://', '//', '@', '.co', '#', '-', '1.', '&'), fc.string({ maxLength: 6 })), { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
).map((s) => `x${s}`.slice(0, 100));

describe('cards: text from people is data, never markup', () => {
  it('finds free-text fields in most cards', () => {
    expect(new Set(FIELDS.filter((f) => f.shown).map((f) => f.name)).size).to.be.greaterThan(20);
    expect(FIELDS.filter((f) => f.shown).length).to.be.greaterThan(60);
  });

  it('no string in any free-text field of any card yields a link, an image, a mention, HTML or a change of markup', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: FIELDS.length - 1 }), hostile, (i, text) => {
        const { name, path, example, shown } = FIELDS[i]!;
        let card: AdaptiveCard;
        try {
          card = example.fill(withText(example.view, path, text));
        } catch {
          return fc.pre(false); // a field's own rule refused it (too long, blank after trimming…)
        }
        const benign = example.fill(withText(example.view, path, 'x'));
        const allowed = new Set([...tags(markdownOf(benign).map((t) => md.render(t)).join('')), 'p', 'br', 'pre', 'code']);
        const html = markdownOf(card).map((t) => md.render(t)).join('');
        const where = `${name} ${path.join('.')} ← ${JSON.stringify(text)}`;
        expect(html, where).not.to.match(/<(a|img|at)\b/i);
        for (const tag of tags(html)) expect(allowed.has(tag), `${where}: <${tag}> in ${html}`).to.equal(true);
        expect((card.msteams as { entities?: unknown } | undefined)?.entities, where).to.equal(undefined);
        expect(JSON.stringify(card), where).not.to.match(BIDI);
        // Shown as typed: every visible character the person typed is on the card.
        const typed = text.replace(/[\u0000-\u001F\u007F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFDD0\uFDD1]/g, '').replace(/\$\{/g, '$\u200B{');
        if (shown) expect(visible(html).includes(visible(md.utils.escapeHtml(typed))), `${where}: text lost in ${html}`).to.equal(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('escaped cards stay valid Adaptive Cards, and ids and input values keep the text as typed', () => {
    const text = '[Click](https://evil.example) *x* <at>y</at>';
    for (const { name, path, example } of FIELDS.slice(0, 400)) {
      const card = example.fill(withText(example.view, path, text));
      expect(checkCard(card).errors, name).to.deep.equal([]);
      const json = JSON.stringify(card);
      expect(json, name).not.to.match(/[\uFDD0\uFDD1]/);
    }
  });

  it('the schedule form given back with a problem keeps what was typed, unescaped, in its inputs', () => {
    const form = EXAMPLES['schedule-form-problems'] ?? Object.values(EXAMPLES).find((e) => JSON.stringify(e.card).includes('"Input.Text"'));
    expect(form).to.not.equal(undefined);
    const inputs = (function collect(x: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
      if (Array.isArray(x)) x.forEach((v) => collect(v, out));
      else if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.value === 'string') out.push(o);
        Object.values(o).forEach((v) => collect(v, out));
      }
      return out;
    })(form!.card);
    for (const input of inputs) expect(String(input.value)).not.to.match(/\\[*_[\]<]/);
  });

  it('escapeMarkdown keeps ordinary words as they are', () => {
    for (const s of ["Children's Social Care", 'DC Rachel Holt', 'CP/2026/17', '2025-03-04', 'J.S.', 'Police, health and school', 'Mother’s partner']) {
      expect(escapeMarkdown(s)).to.equal(s);
    }
    expect(escapeMarkdown('[a](b)')).to.equal('\\[a\\](b)');
    expect(escapeMarkdown('\u202Eevil')).to.equal('evil');
  });
});
