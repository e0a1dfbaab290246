// Which Teams activity shows each card of a conference, so the card can be updated in place:
// RowKey 'card|<card>|<audience>' in the conference's partition ('group' for the group chat,
// else the user id of a 1:1 card).
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { EntitySet } from './entity-set.js';
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
});
export type CardActivity = z.infer<typeof CardActivity>;

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

  async list(conferenceId: string): Promise<CardActivity[]> {
    return (await this.rows.query(conferenceId, { prefix: 'card|' })).map((s) => s.value);
  }
}
