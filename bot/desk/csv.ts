// CSV as RFC 4180 reads it: every field quoted, quotes doubled, CRLF between rows. A field that
// a spreadsheet would take for a formula (= + - @ at the start) is prefixed with ' so that an
// exported case reference can never run as one.
export function toCsv<K extends string>(columns: K[], rows: Record<K, string>[]): string {
  const cell = (v: string) => `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;
  return [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c] ?? '')).join(','))].join('\r\n') + '\r\n';
}
