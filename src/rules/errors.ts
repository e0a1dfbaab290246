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
