import type { z } from 'zod';

// One error type for every bad input to the rules, so callers can tell "you asked wrongly"
// (show it to the user) from a bug (let it crash). The message always names the bad input.
export class RuleError extends Error {
  override readonly name = 'RuleError';
  constructor(message: string) {
    super(message);
  }
}

/** `"value"` for messages: quoted, shortened, safe for anything a caller might pass. */
export function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** zod-parse a caller's input; on failure a RuleError names the input, the field and the bad value. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const problems = r.error.issues.slice(0, 3).map((issue) => {
    const at = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return `${at}${issue.message} (got ${shown(valueAt(value, issue.path))})`;
  });
  throw new RuleError(`invalid ${what}: ${problems.join('; ')}`);
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** Check a value against an enum of ids; the error names the value and lists the known ids. */
export function parseId<T extends string>(schema: z.ZodEnum<{ [K in T]: K }>, value: unknown, what: string): T {
  if ((schema.options as readonly unknown[]).includes(value)) return value as T;
  throw new RuleError(`unknown ${what} ${shown(value)}; known ids: ${schema.options.join(', ')}`);
}
