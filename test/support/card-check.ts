// Checks a filled Adaptive Card the way Teams will meet it: Microsoft's own `adaptivecards`
// parser (UMD bundle: its ESM build does not load in Node), schema version ≤ 1.5, size, and
// this project's action convention (see cards/README.md). Reused by the bot tests on every card.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.min.js') as typeof import('adaptivecards');

export const MAX_CARD_BYTES = 28 * 1024;
export const MAX_VERSION = '1.5';
const MAX_REFRESH_USERS = 60;

export interface CardReport {
  errors: string[];
  warnings: string[];
  bytes: number;
  /** Every Action.Execute / Action.Submit payload on the card, ShowCards included (refresh excluded). */
  payloads: Record<string, unknown>[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Inspect a card; never throws. */
export function checkCard(card: unknown): CardReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const json = JSON.stringify(card) ?? '';
  const bytes = Buffer.byteLength(json, 'utf8');
  const payloads: Obj[] = [];
  if (!isObj(card) || card.type !== 'AdaptiveCard') return { errors: ['not an AdaptiveCard'], warnings, bytes, payloads };

  if (bytes >= MAX_CARD_BYTES) errors.push(`card is ${bytes} bytes; the limit is ${MAX_CARD_BYTES}`);
  if (json.includes('${')) errors.push(`unexpanded template placeholder: ${json.slice(json.indexOf('${'), json.indexOf('${') + 60)}`);
  const version = typeof card.version === 'string' ? card.version : '';
  if (!/^1\.\d$/.test(version) || Number(version.slice(2)) > Number(MAX_VERSION.slice(2))) {
    errors.push(`version "${version}" — Teams bot cards must be 1.0–${MAX_VERSION}`);
  }

  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    const text = `parse: ${AC.ValidationEvent[e.event]}: ${e.message}`;
    (e.event === AC.ValidationEvent.Hint || e.event === AC.ValidationEvent.Deprecated ? warnings : errors).push(text);
  }
  for (const path of unknownProperties(card, parsed.toJSON(context))) errors.push(`unknown property ${path}`);
  for (const e of parsed.validateProperties().validationEvents) {
    const text = `validate: ${AC.ValidationEvent[e.event]}: ${e.message}`;
    (e.event === AC.ValidationEvent.Hint ? warnings : errors).push(text);
  }

  checkActions(card, errors, payloads);
  return { errors, warnings, bytes, payloads };
}

/** Every property name the library's classes know (their schemas), for the typo check below. */
const KNOWN_PROPERTIES: ReadonlySet<string> = (() => {
  const names = new Set<string>(['fallback', 'msteams']); // fallback: dropped for known types; msteams: Teams' own
  for (const X of Object.values(AC) as unknown[]) {
    if (typeof X !== 'function' || typeof (X.prototype as { getSchema?: unknown })?.getSchema !== 'function') continue;
    try {
      const schema = (new (X as new () => { getSchema(): { getCount(): number; getItemAt(i: number): { name: string } } })()).getSchema();
      for (let i = 0; i < schema.getCount(); i++) names.add(schema.getItemAt(i).name);
    } catch {
      // abstract classes cannot be built; their properties come with their subclasses
    }
  }
  return names;
})();

/**
 * The parser ignores properties it does not know (a typo like "isMultiLine" silently does
 * nothing). A property that the round trip dropped and no class knows is such a typo.
 */
function unknownProperties(input: unknown, output: unknown, path = ''): string[] {
  if (Array.isArray(input)) {
    return input.flatMap((v, i) => unknownProperties(v, Array.isArray(output) ? output[i] : undefined, `${path}[${i}]`));
  }
  if (!isObj(input)) return [];
  return Object.entries(input).flatMap(([k, v]) => {
    if (isObj(output) && k in output) return unknownProperties(v, output[k], `${path}.${k}`);
    const emptyList = Array.isArray(v) && v.length === 0; // the library drops empty lists
    return KNOWN_PROPERTIES.has(k) || emptyList ? [] : [`${path}.${k}`];
  });
}

/** Throws one error listing every problem. `label` names the card in the message. */
export function assertValidCard(card: unknown, label = 'card'): CardReport {
  const report = checkCard(card);
  if (report.errors.length > 0) throw new Error(`${label} is not a valid Teams card:\n  - ${report.errors.join('\n  - ')}`);
  return report;
}

/**
 * The project's convention: an Action.Execute carries `data.verb === verb` and an
 * Action.Submit fallback with the same data (Teams mobile); refresh has Action.Execute and ≤ 60 userIds.
 */
function checkActions(card: Obj, errors: string[], payloads: Obj[]): void {
  const refresh = card.refresh;
  if (isObj(refresh)) {
    const action = refresh.action;
    if (!isObj(action) || action.type !== 'Action.Execute') errors.push('refresh.action must be an Action.Execute');
    else if (!isObj(action.data) || action.data.verb !== action.verb) errors.push('refresh.action.data.verb must equal its verb');
    const ids = refresh.userIds;
    if (ids !== undefined && (!Array.isArray(ids) || ids.length > MAX_REFRESH_USERS)) {
      errors.push(`refresh.userIds must be a list of at most ${MAX_REFRESH_USERS} ids`);
    }
  }
  const walk = (x: unknown, key?: string): void => {
    if (Array.isArray(x)) return x.forEach((v) => walk(v));
    if (!isObj(x)) return;
    if (key === 'refresh') return; // checked above; old clients ignore it
    if (x.type === 'Action.Execute') {
      const where = `Action.Execute "${String(x.title ?? x.verb)}"`;
      if (!isObj(x.data) || x.data.verb !== x.verb) errors.push(`${where}: data.verb must equal verb`);
      const fb = x.fallback;
      if (!isObj(fb) || fb.type !== 'Action.Submit') errors.push(`${where}: needs an Action.Submit fallback`);
      else if (JSON.stringify(fb.data) !== JSON.stringify(x.data)) errors.push(`${where}: fallback data differs`);
      if (isObj(x.data)) payloads.push(x.data);
    } else if (x.type === 'Action.Submit' && key !== 'fallback') {
      if (!isObj(x.data) || typeof x.data.verb !== 'string') errors.push(`Action.Submit "${String(x.title)}": data.verb is required`);
      else payloads.push(x.data);
    }
    for (const [k, v] of Object.entries(x)) walk(v, k);
  };
  walk(card);
}
