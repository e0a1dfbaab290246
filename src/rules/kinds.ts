// Conference kinds: which are reviews (they vote continue / discontinue; the next review is 6 months on).
import { ConferenceKind } from './types.js';
import { parseId } from './errors.js';

export function parseKind(kind: unknown): ConferenceKind {
  return parseId(ConferenceKind, kind, 'conference kind');
}

export function isReviewKind(kind: ConferenceKind): boolean {
  return kind === 'first-review' || kind === 'later-review';
}
