// Effects that go outside the store exactly once across instances (the result card, the
// circulation of a decision, invitations, notices): claimed here before they are done, marked
// done after — the transactional-outbox pattern with an insert as the claim. In the
// conference's partition: RowKey 'effect|<effect id>'.
//   claim: insert → ours. 409 → read: done → nothing to do; claimed by a holder whose claim has
//   not expired → taken; expired (its holder died, or gave up) → taken over under the ETag.
// Redelivered actions, two instances and retries therefore produce each effect once. A message
// to send is kept with its claim (`pending`: the card and where it goes), and its conference is
// marked in Schedule first: the sweep (bot/effects.ts, with the reminder run) finishes an expired
// claim from that data alone, unprompted, a few times at most. An effect that is more than a
// message (what follows a close) is finished by the next attempt of its action.
//   Schedule  PK 'effects-open'  RK conference id: a conference that may have a message left to send
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { EntitySet, retryOnStale } from './entity-set.js';
import { WorkMarks } from './schedule.js';
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
  /** The message to send, as data (bot/effects.ts): what lets any instance finish it. */
  pending: json(z.record(z.string(), z.unknown())).optional(),
  /** How many times it was claimed: the sweep gives up on one that keeps failing. */
  attempts: z.number().int().min(0).optional(),
});
export type Effect = z.infer<typeof Effect>;

const effectKey = (conferenceId: string, effect: string) => ({ partitionKey: conferenceId, rowKey: joinKey('effect', keyPart(effect)) });

/** Azure keeps at most 32K characters in a string property: a bigger message is kept without its data (not sweepable). */
const MAX_PENDING_CHARS = 30_000;

export type ClaimResult =
  /** Ours to do now (`takenOver`: an earlier holder's claim had expired). */
  | { outcome: 'claimed'; takenOver: boolean }
  /** Done already (by whoever): nothing to do. */
  | { outcome: 'done'; effect: Effect }
  /** Another holder is doing it now. */
  | { outcome: 'taken'; effect: Effect };

export class Effects {
  private readonly rows: EntitySet<Effect>;
  /** The conferences that may have a message left to send (the sweep's work list: one partition of Schedule). */
  readonly marks: WorkMarks;
  constructor(client: TableClient, schedule: TableClient) {
    this.rows = new EntitySet(client, { name: 'effect', schema: Effect, key: (e) => effectKey(e.conferenceId, e.effect) });
    this.marks = new WorkMarks(schedule, 'effects-open');
  }

  /**
   * `pending`: the message as data, kept with the claim (and its conference marked for the sweep
   * first) so that another instance can finish it; a taken-over claim keeps the data it had.
   */
  async claim(conferenceId: string, effect: string, holder: string, now: Date, timeoutMs: number, pending?: Record<string, unknown>): Promise<ClaimResult> {
    const kept = pending && JSON.stringify(pending).length <= MAX_PENDING_CHARS ? pending : undefined;
    if (kept) await this.marks.mark(conferenceId);
    const claim: Effect = { conferenceId, effect, status: 'claimed', holder, claimedAt: now.toISOString(), expiresAt: new Date(now.getTime() + timeoutMs).toISOString(), pending: kept, attempts: 1 };
    return retryOnStale(async () => {
      const created = await this.rows.create(claim);
      if (created.created) return { outcome: 'claimed', takenOver: false } as const;
      const { value, etag } = created.existing;
      if (value.status === 'done') return { outcome: 'done', effect: value } as const;
      if (value.holder !== holder && Date.parse(value.expiresAt) > now.getTime()) return { outcome: 'taken', effect: value } as const;
      // 412 if someone else took it over meanwhile: read again.
      await this.rows.replace({ ...claim, pending: kept ?? value.pending, attempts: (value.attempts ?? 1) + 1 }, etag);
      return { outcome: 'claimed', takenOver: value.holder !== holder } as const;
    });
  }

  /** Marks the effect done (by its holder); `result` is kept for whoever needs it later, the message's data is not. */
  async done(conferenceId: string, effect: string, holder: string, now: Date, result?: Record<string, unknown>): Promise<void> {
    await this.rows.modify(effectKey(conferenceId, effect), (e) => (e.holder !== holder && e.status !== 'claimed' ? e : { ...e, status: 'done', holder, doneAt: now.toISOString(), result, pending: undefined }));
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
