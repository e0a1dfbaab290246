// Anything sent outside the turn happens exactly once across instances: claimed in the store
// first (src/store/effects.ts), done, then marked done. A second delivery, a second instance or
// a retry finds it done or taken; a claim whose holder died expires and the next attempt
// finishes it. A failure gives the claim up at once, so that trying again does it.
import { randomUUID } from 'node:crypto';
import type { Services } from './services.js';


/** Long enough for a slow send with its retries; a claim older than this is taken over. */
export const CLAIM_MS = 2 * 60_000;

export type OnceOutcome = 'done-now' | 'done-before' | 'taken';

export async function once(s: Services, now: Date, conferenceId: string, effect: string, work: () => Promise<Record<string, unknown> | void>): Promise<OnceOutcome> {
  // Each attempt holds in its own name: two deliveries in one process are as distinct as two instances.
  const holder = `attempt-${randomUUID()}`;
  const claim = await s.store.effects.claim(conferenceId, effect, holder, now, CLAIM_MS);
  if (claim.outcome === 'done') return 'done-before';
  if (claim.outcome === 'taken') return 'taken';
  if (claim.takenOver) s.log(`effect ${effect} of ${conferenceId}: an earlier holder did not finish it; finishing it now`);
  let result: Record<string, unknown> | void;
  try {
    result = await work();
  } catch (e) {
    await s.store.effects.release(conferenceId, effect, holder).catch(() => undefined);
    throw e;
  }
  await s.store.effects.done(conferenceId, effect, holder, new Date(), result ?? undefined);
  return 'done-now';
}
