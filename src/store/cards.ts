// Which Teams activity shows each card of a conference, so the card can be updated in place:
// RowKey 'card|<card>|<audience>' in the conference's partition ('group' for the group chat,
// else the user id of a 1:1 card).
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { isStale } from './azure-errors.js';
import { EntitySet, retryOnStale } from './entity-set.js';
import { joinKey, keyPart } from './keys.js';
import { ConferenceId, Instant, UserId, json } from './schema.js';

export const GROUP = 'group';

export const CardActivity = z.object({
  conferenceId: ConferenceId,
  /** The card template, e.g. 'vote', 'attendance', 'invitation'. */
  card: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'card: a template name'),
  /** 'group' for the conference chat, or the user id a 1:1 card went to. */
  audience: z.union([z.literal(GROUP), UserId]),
  conversationId: z.string().min(1).max(500),
  activityId: z.string().min(1).max(500),
  /** The Bot Framework conversation reference to update it proactively (JSON, Teams' shape). */
  reference: json(z.record(z.string(), z.unknown())).optional(),
  updatedAt: Instant,
  /**
   * For a shared card kept in step with the store (bot/shared-cards.ts): the version of the
   * state it shows (it only ever goes up), which instance is updating it and until when, and
   * when it was last updated (to pace updates within Teams' limits across instances).
   */
  version: z.number().int().min(0).optional(),
  holder: z.string().max(100).optional(),
  heldUntil: Instant.optional(),
  lastUpdateAt: Instant.optional(),
});
export type CardActivity = z.infer<typeof CardActivity>;
export type CardKey = Pick<CardActivity, 'conferenceId' | 'card' | 'audience'>;

const cardKey = (c: Pick<CardActivity, 'conferenceId' | 'card' | 'audience'>) => ({
  partitionKey: c.conferenceId,
  rowKey: joinKey('card', c.card, keyPart(c.audience)),
});

export class Cards {
  private readonly rows: EntitySet<CardActivity>;
  constructor(client: TableClient) {
    this.rows = new EntitySet<CardActivity>(client, { name: 'card activity', schema: CardActivity, key: cardKey });
  }

  /** Remembers (or replaces, after a card had to be posted afresh) where a card is. */
  async save(card: CardActivity): Promise<void> {
    await this.rows.upsert(card);
  }

  async get(conferenceId: string, card: string, audience: string = GROUP): Promise<CardActivity | undefined> {
    return (await this.rows.get(cardKey({ conferenceId, card, audience })))?.value;
  }

  /**
   * Takes the right to update a shared card: inserted if the card is not known yet (`first`
   * says where it is), else taken under the ETag when free, expired or already ours. `held-by-other`:
   * another instance is updating it — it will look at the stored state again before it lets go.
   * The ETag returned guards the holder's later writes (`applied`, `release`): one round trip each.
   */
  async hold(key: CardKey, first: Omit<CardActivity, 'conferenceId' | 'card' | 'audience' | 'updatedAt'> | undefined, holder: string, now: Date, ms: number): Promise<{ outcome: 'held-by-other' | 'unknown' } | { outcome: 'held'; card: CardActivity; etag: string }> {
    const until = new Date(now.getTime() + ms).toISOString();
    return retryOnStale(async () => {
      const stored = await this.rows.get(cardKey(key));
      if (!stored) {
        if (!first) return { outcome: 'unknown' } as const;
        const card: CardActivity = { ...key, ...first, version: first.version ?? 0, holder, heldUntil: until, updatedAt: now.toISOString() };
        const created = await this.rows.create(card);
        if (!created.created) throw Object.assign(new Error('created meanwhile'), { statusCode: 412 });
        return { outcome: 'held', card, etag: created.stored.etag } as const;
      }
      const c = stored.value;
      if (c.holder && c.holder !== holder && c.heldUntil && c.heldUntil > now.toISOString()) return { outcome: 'held-by-other' } as const;
      const card: CardActivity = { ...c, holder, heldUntil: until };
      const written = await this.rows.replace(card, stored.etag);
      return { outcome: 'held', card, etag: written.etag } as const;
    }, true);
  }

  /** Records what the holder applied (its version, a new activity id, when); a 412 means the hold was lost. */
  async applied(card: CardActivity, etag: string): Promise<string> {
    return (await this.rows.replace(card, etag)).etag;
  }

  /** Lets go of a card (under the holder's ETag; if the hold was taken over meanwhile, there is nothing to let go). */
  async release(card: CardActivity, etag: string): Promise<void> {
    try {
      await this.rows.replace({ ...card, holder: undefined, heldUntil: undefined }, etag);
    } catch (e) {
      if (!isStale(e)) throw e;
    }
  }

  async list(conferenceId: string): Promise<CardActivity[]> {
    return (await this.rows.query(conferenceId, { prefix: 'card|' })).map((s) => s.value);
  }
}
