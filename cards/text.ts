// Text is data: what a person typed, or Teams told us (names, reasons, locations, an unknown
// command's echo), is shown as typed and never becomes markup on a card. TextBlocks and facts are
// rendered as markdown by Teams, so such text is escaped there — and only there: the same text in
// an action's data or an input's value must stay exactly as typed.
//
// How one step covers every card: `markPeopleText` wraps each string of a card's view model (all
// of it came from people, Teams or the store) that holds anything markdown could act on between
// two noncharacters; the card's own words, added by `present`, are not wrapped. After the template
// is expanded, `settleString` escapes the wrapped parts found in TextBlock/TextRun text and facts,
// and unwraps them everywhere else.

const OPEN = '\uFDD0';
const CLOSE = '\uFDD1';
const MARKERS = /[\uFDD0\uFDD1]/g;
const WRAPPED = /\uFDD0([^\uFDD0\uFDD1]*)\uFDD1/g;

/**
 * Bidi overrides and isolates can make text read backwards (a reason that reverses what follows,
 * a name that hides an extension); other invisible controls have no business on a card.
 */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFDD0\uFDD1]/g;

/** Characters markdown acts on wherever they stand (emphasis, links, images, HTML, code, tables, strikethrough). */
const INLINE = /[\\`*_[\]<~|]/g;
/** An HTML entity (`&lt;at&gt;` would read as a tag to a renderer that decodes entities first). */
const ENTITY = /&(?=#?[A-Za-z0-9]+;)/g;
/** What markdown acts on only at the start of a line: headings, quotes, list items, setext underlines. */
const LINE_START = /^([ \t]*)(#|>|[-+=]|\d{1,9}(?=[.)]))/gm;
/**
 * Bare addresses some renderers turn into links (`//`, with or without a scheme before it, `www.`,
 * and an email's `@`, which becomes a mailto link): a zero-width space breaks the pattern, not the
 * reading — between the slashes, after `www`, and before `@` (after it, a renderer reads it as
 * part of an international domain name).
 */
const BARE_LINK = /\/(?=\/)|\bwww(?=\.)|@(?=\w)/gi;

/** A cheap first look: most strings (ids, dates, enum values, plain names) hold none of these. */
const MAYBE = /[^A-Za-z0-9 ,'’]|www/i;

/** Escapes text for Adaptive Card markdown (CommonMark backslash escapes), keeping it readable. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, '')
    .replace(INLINE, '\\$&')
    .replace(ENTITY, '\\&')
    .replace(LINE_START, (_m, indent: string, mark: string) => (/^\d/.test(mark) ? `${indent}${mark}\\` : `${indent}\\${mark}`))
    .replace(BARE_LINK, (m) => (m === '@' ? '\u200B@' : `${m}\u200B`));
}

/** Wraps every string of a view model that escaping would change, so that `settleString` finds it. */
export function markPeopleText<T>(view: T): T {
  return mark(view) as T;
}

function mark(x: unknown): unknown {
  if (typeof x === 'string') return MAYBE.test(x) && escapeMarkdown(x) !== x ? `${OPEN}${x.replace(MARKERS, '')}${CLOSE}` : x;
  if (Array.isArray(x)) return x.map(mark);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, mark(v)]));
  return x;
}

/**
 * One string of an expanded card: its wrapped parts escaped where Teams renders markdown
 * (`markdown`: a TextBlock/TextRun `text`, a fact's title or value), unwrapped elsewhere (ids,
 * action data, input values, titles and labels, which Teams shows as plain text), without
 * invisible controls. The card's one pass over the tree (fill.ts) calls it for every string.
 */
export function settleString(text: string, markdown: boolean): string {
  return text.replace(WRAPPED, (_m, inner: string) => (markdown ? escapeMarkdown(inner) : inner.replace(CONTROLS, ''))).replace(MARKERS, '');
}
