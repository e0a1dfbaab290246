// The one way a template becomes a card: expand, refuse unbound placeholders, add the
// Action.Submit fallbacks (see README.md, "Actions on every client").
import { GlobalSettings, Template } from 'adaptivecards-templating';
import { settleString } from './text.js';

/** A filled Adaptive Card, ready to be an attachment's `content`. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body?: unknown[];
  actions?: unknown[];
  refresh?: { action: Record<string, unknown>; userIds?: string[] };
  [key: string]: unknown;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export class CardFillError extends Error {
  override name = 'CardFillError';
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Fill `template` with `data` ($root). Throws CardFillError when a `${…}` is left: a field the
 * template uses but the data lacks is a bug, never something to show a user.
 */
export function fillCard(template: object, data: object): AdaptiveCard {
  const unbound = new Set<string>();
  const previous = GlobalSettings.getUndefinedFieldValueSubstitutionString;
  // Expansion is synchronous, so swapping the global hook for the duration is safe.
  GlobalSettings.getUndefinedFieldValueSubstitutionString = (path: string) => {
    unbound.add(path);
    return undefined;
  };
  let expanded: Json;
  try {
    expanded = templateOf(template).expand({ $root: neutralise(data as Json) }) as Json;
  } finally {
    GlobalSettings.getUndefinedFieldValueSubstitutionString = previous;
  }
  if (unbound.size > 0) throw new CardFillError(`card template uses fields the data lacks: ${[...unbound].join(', ')}`);
  const card = finish(expanded);
  if (!isCard(card)) throw new CardFillError('template is not an AdaptiveCard');
  return card;
}

/** Parsing a template's expressions is most of the cost of filling it: parse each template once. */
const parsed = new WeakMap<object, Template>();
function templateOf(template: object): Template {
  let t = parsed.get(template);
  if (!t) parsed.set(template, (t = new Template(template)));
  return t;
}

function isCard(x: Json): x is Json & AdaptiveCard {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && x.type === 'AdaptiveCard' && typeof x.version === 'string';
}

/**
 * Text people typed may contain `${`; templating never evaluates data, but the leftover check
 * would mistake it for a template bug. A zero-width space keeps it readable and inert.
 */
function neutralise(x: Json): Json {
  if (typeof x === 'string') return x.replaceAll('${', '$\u200B{');
  if (Array.isArray(x)) return x.map(neutralise);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, neutralise(v)]));
  return x;
}

/**
 * The expanded tree made a card, in one pass (a vote fills cards many times a second):
 * - `$when` on an object property leaves `null`, and on every action an empty `actions`; an input
 *   prefilled with "" means no value (and "" is no number or date): all three are dropped;
 * - people's text is settled: escaped where Teams renders markdown, unwrapped elsewhere (text.ts);
 * - a `${` left in any string is a template bug, never something to show;
 * - every Action.Execute gets its Action.Submit fallback (`withFallback`).
 */
function finish(x: Json, key?: string, markdown = false): Json {
  if (typeof x === 'string') return settled(x, markdown);
  if (Array.isArray(x)) return x.filter((v) => v !== null).map((v) => finish(v));
  if (!x || typeof x !== 'object') return x;
  const input = typeof x.type === 'string' && x.type.startsWith('Input.');
  const textual = x.type === 'TextBlock' || x.type === 'TextRun';
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(x)) {
    if (v === null || (k === 'actions' && Array.isArray(v) && v.length === 0) || (input && k === 'value' && v === '')) continue;
    if (k.includes('${')) throw new CardFillError(`unexpanded placeholder in a card's property name: ${k.slice(0, 80)}`);
    // A fact's title and value are markdown too.
    if (x.type === 'FactSet' && k === 'facts' && Array.isArray(v)) out[k] = v.filter((f) => f !== null).map((f) => (isObject(f) ? fact(f) : finish(f)));
    else out[k] = finish(v, k, textual && k === 'text');
  }
  return out.type === 'Action.Execute' ? withFallback(out, key) : out;
}

function fact(f: { [key: string]: Json }): Json {
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(f)) if (v !== null) out[k] = finish(v, k, k === 'title' || k === 'value');
  return out;
}

function settled(text: string, markdown: boolean): string {
  const s = settleString(text, markdown);
  const at = s.indexOf('${');
  if (at >= 0) throw new CardFillError(`unexpanded placeholder in card: …${s.slice(Math.max(0, at - 40), at + 40)}…`);
  return s;
}

const isObject = (x: unknown): x is { [key: string]: Json } => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Every Action.Execute (except the refresh action, which old clients ignore) gets an
 * Action.Submit fallback with the same title and data, so clients without Universal Actions
 * (Teams mobile) send the same payload as a message `value`. Templates write Action.Execute only.
 */
function withFallback(out: { [k: string]: Json }, key: string | undefined): Json {
  const data = out.data;
  if (!isObject(data) || data.verb !== out.verb) {
    throw new CardFillError(`Action.Execute "${String(out.verb)}" must carry data.verb equal to its verb`);
  }
  if (key === 'action') return out; // refresh.action
  const fallback: { [k: string]: Json } = { type: 'Action.Submit', data };
  for (const k of ['title', 'style', 'tooltip', 'associatedInputs'] as const) if (out[k] !== undefined) fallback[k] = out[k]!;
  return { ...out, fallback };
}
