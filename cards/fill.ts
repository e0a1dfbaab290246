// The one way a template becomes a card: expand, refuse unbound placeholders, add the
// Action.Submit fallbacks (see README.md, "Actions on every client").
import { GlobalSettings, Template } from 'adaptivecards-templating';
import { settleText } from './text.js';

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
  const card = withSubmitFallbacks(settleText(tidy(expanded)));
  const json = JSON.stringify(card);
  const at = json.indexOf('${');
  if (at >= 0) throw new CardFillError(`unexpanded placeholder in card: …${json.slice(Math.max(0, at - 40), at + 40)}…`);
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
 * `$when` on an object property leaves `null`, and on every action an empty `actions`; an input
 * prefilled with "" means no value (and "" is no number or date): drop all three.
 */
function tidy(x: Json): Json {
  if (Array.isArray(x)) return x.filter((v) => v !== null).map(tidy);
  if (!x || typeof x !== 'object') return x;
  const input = typeof x.type === 'string' && x.type.startsWith('Input.');
  return Object.fromEntries(
    Object.entries(x)
      .filter(([k, v]) => v !== null && !(k === 'actions' && Array.isArray(v) && v.length === 0) && !(input && k === 'value' && v === ''))
      .map(([k, v]) => [k, tidy(v)]),
  );
}

/**
 * Every Action.Execute (except the refresh action, which old clients ignore) gets an
 * Action.Submit fallback with the same title and data, so clients without Universal Actions
 * (Teams mobile) send the same payload as a message `value`. Templates write Action.Execute only.
 */
function withSubmitFallbacks(x: Json, key?: string): Json {
  if (Array.isArray(x)) return x.map((v) => withSubmitFallbacks(v));
  if (!x || typeof x !== 'object') return x;
  const out = Object.fromEntries(Object.entries(x).map(([k, v]) => [k, withSubmitFallbacks(v, k)]));
  if (out.type !== 'Action.Execute') return out;
  const data = out.data;
  if (!data || typeof data !== 'object' || Array.isArray(data) || data.verb !== out.verb) {
    throw new CardFillError(`Action.Execute "${String(out.verb)}" must carry data.verb equal to its verb`);
  }
  if (key === 'action') return out; // refresh.action
  const fallback: { [k: string]: Json } = { type: 'Action.Submit', data };
  for (const k of ['title', 'style', 'tooltip', 'associatedInputs'] as const) if (out[k] !== undefined) fallback[k] = out[k]!;
  return { ...out, fallback };
}
