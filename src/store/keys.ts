// PartitionKey / RowKey building. Azure Tables forbids / \ # ? and control characters in keys;
// user-supplied parts (Teams user ids, case references such as "CP/2024/17") are therefore
// percent-encoded, which is reversible and keeps ASCII order for the characters left alone.
// '|' separates the parts of a composite key, so it is encoded inside a part too.

const ESCAPED = /[%|/\\#?\u0000-\u001f\u007f-\u009f]/g;

/** One user-supplied part of a key, made safe. */
export function keyPart(value: string): string {
  if (value.length === 0) throw new Error('a key part must not be empty');
  return value.replace(ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A composite key from parts that are already safe (encoded, numbers, enum values, dates). */
export function joinKey(...parts: string[]): string {
  return parts.join('|');
}

/** Fixed-width numbers sort as strings: round 2 before round 10. */
export function pad(n: number, width = 4): string {
  return String(n).padStart(width, '0');
}

const FORBIDDEN = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

/** Azure's rules for a whole key; a failure here is a programming error, not user input. */
export function assertKey(kind: 'PartitionKey' | 'RowKey', key: string): void {
  if (FORBIDDEN.test(key)) throw new Error(`${kind} ${JSON.stringify(key)} contains a character Azure Tables forbids (/ \\ # ? or a control character)`);
  if (key.length > 512) throw new Error(`${kind} is longer than Azure's 1 KiB limit: ${key.slice(0, 40)}…`);
}

/** The smallest string greater than every string that starts with `prefix` (for RowKey ranges). */
export function prefixEnd(prefix: string): string {
  if (prefix.length === 0) throw new Error('prefixEnd of an empty prefix');
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
