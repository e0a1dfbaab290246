// How @azure/data-tables reports what the store reacts to. A single operation's code is in
// err.details.odataError.code; a transaction's in err.code; the HTTP status is statusCode.
import { RestError } from '@azure/data-tables';

export function statusOf(err: unknown): number | undefined {
  return err instanceof RestError || (typeof err === 'object' && err !== null && 'statusCode' in err)
    ? (err as { statusCode?: number }).statusCode
    : undefined;
}

export const isNotFound = (err: unknown) => statusOf(err) === 404;
/** The storage error code (e.g. TableNotFound): a single operation's, or a transaction's. */
export function codeOf(err: unknown): string | undefined {
  const e = err as { details?: { odataError?: { code?: unknown } }; code?: unknown } | null;
  const code = e?.details?.odataError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** 404 for a row gone since it was read — not a missing table, which no retry brings back. */
export const isRowGone = (err: unknown) => isNotFound(err) && codeOf(err) !== 'TableNotFound';
/** 409: createEntity of a key that exists (EntityAlreadyExists). */
export const isConflict = (err: unknown) => statusOf(err) === 409;
/** 412: the ETag given no longer matches (UpdateConditionNotSatisfied). */
export const isStale = (err: unknown) => statusOf(err) === 412;

/** No HTTP answer at all: refused, unknown host, reset, timed out. */
export function isUnreachable(err: unknown): boolean {
  if (statusOf(err) !== undefined) return false;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|REQUEST_SEND_ERROR)$/.test(code);
}
