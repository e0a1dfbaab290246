// Effects that go outside the store exactly once across instances (the result card, the
// circulation of a decision, invitations, notices): claimed here before they are done, marked
// done after — the transactional-outbox pattern with an insert as the claim. In the
// conference's partition: RowKey 'effect|<effect id>'.
//   claim: insert → ours. 409 → read: done → nothing to do; claimed by a holder whose claim has
//   not expired → taken; expired (its holder died, or gave up) → taken over under the ETag.
// Redelivered actions, two instances and retries therefore produce each effect once; a holder
// that dies mid-way leaves an expired claim that the next attempt finishes (the action delivered
// again, or done again). Nothing yet finishes one unprompted: that needs each effect kept as data.
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { EntitySet, retryOnStale } from './entity-set.js';
import { joinKey, keyPart } from './keys.js';
import { ConferenceId, Instant, json } from './schema.js';

export const Effect = z.object({
  conferenceId: ConferenceId,
  /** What the effect is and for whom, e.g. 'result-card|1', 'circulated|29:abc', 'invited|aad-1'. */
  effect: z.string().min(1).max(300),
  status: z.enum(['claimed', 'done']),
  holder: z.string().min(1).max(100),
  claimedAt: Instant,
  /** A claim not marked done by then is taken over by the next attempt. */
  expiresAt: Instant,
  doneAt: Instant.optional(),
  /** What the effect produced that later steps need (e.g. the activity id of a posted card). */
  result: json(z.record(z.string(), z.unknown())).optional(),
});
export type Effect = z.infer<typeof Effect>;

const effectKey = (conferenceId: string, effect: string) => ({ partitionKey: conferenceId, rowKey: joinKey('effect', keyPart(effect)) });

export type ClaimResult =
  /** Ours to do now (`takenOver`: an earlier holder's claim had expired). */
  | { outcome: 'claimed'; takenOver: boolean }
  /** Done already (by whoever): nothing to do. */
  | { outcome: 'done'; effect: Effect }
  /** Another holder is doing it now. */
  | { outcome: 'taken'; effect: Effect };

export class Effects {
  private readonly rows: EntitySet<Effect>;
  constructor(client: TableClient) {
    this.rows = new EntitySet(client, { name: 'effect', schema: Effect, key: (e) => effectKey(e.conferenceId, e.effect) });
  }

  async claim(conferenceId: string, effect: string, holder: string, now: Date, timeoutMs: number): Promise<ClaimResult> {
    const claim: Effect = { conferenceId, effect, status: 'claimed', holder, claimedAt: now.toISOString(), expiresAt: new Date(now.getTime() + timeoutMs).toISOString() };
    return retryOnStale(async () => {
      const created = await this.rows.create(claim);
      if (created.created) return { outcome: 'claimed', takenOver: false } as const;
      const { value, etag } = created.existing;
      if (value.status === 'done') return { outcome: 'done', effect: value } as const;
      if (value.holder !== holder && Date.parse(value.expiresAt) > now.getTime()) return { outcome: 'taken', effect: value } as const;
      await this.rows.replace(claim, etag); // 412 if someone else took it over meanwhile: read again
      return { outcome: 'claimed', takenOver: value.holder !== holder } as const;
    });
  }

  /** Marks the effect done (by its holder); `result` is kept for whoever needs it later. */
  async done(conferenceId: string, effect: string, holder: string, now: Date, result?: Record<string, unknown>): Promise<void> {
    await this.rows.modify(effectKey(conferenceId, effect), (e) => (e.holder !== holder && e.status !== 'claimed' ? e : { ...e, status: 'done', holder, doneAt: now.toISOString(), result }));
  }

  /** Gives a claim up after a failure, so that the next attempt does it at once instead of after the timeout. */
  async release(conferenceId: string, effect: string, holder: string): Promise<void> {
    await this.rows.modify(effectKey(conferenceId, effect), (e) => (e.holder !== holder || e.status === 'done' ? e : { ...e, expiresAt: e.claimedAt }));
  }

  async get(conferenceId: string, effect: string): Promise<Effect | undefined> {
    return (await this.rows.get(effectKey(conferenceId, effect)))?.value;
  }

  /** Every effect of a conference, claimed or done. */
  async list(conferenceId: string): Promise<Effect[]> {
    return (await this.rows.query(conferenceId, { prefix: 'effect|' })).map((s) => s.value);
  }
}
