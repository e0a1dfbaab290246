// Where to reach each person 1:1: the Bot Framework conversation reference saved from their
// last personal-chat activity, kept as a JSON blob (the store does not know Teams' shapes).
// Conversations table, PartitionKey = user id, RowKey 'reference'.
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { EntitySet } from './entity-set.js';
import { keyPart } from './keys.js';
import { Instant, UserId, json } from './schema.js';

export const SavedConversation = z.object({
  userId: UserId,
  reference: json(z.record(z.string(), z.unknown())),
  updatedAt: Instant,
});
export type SavedConversation = z.infer<typeof SavedConversation>;

const conversationKey = (c: Pick<SavedConversation, 'userId'>) => ({ partitionKey: keyPart(c.userId), rowKey: 'reference' });

export class Conversations {
  private readonly rows: EntitySet<SavedConversation>;
  constructor(client: TableClient) {
    this.rows = new EntitySet<SavedConversation>(client, { name: 'conversation reference', schema: SavedConversation, key: conversationKey });
  }

  /** Saves the reference; the same reference again writes nothing (every message carries it). */
  async save(userId: string, reference: Record<string, unknown>, at: string): Promise<{ outcome: 'created' | 'updated' | 'unchanged' }> {
    const { outcome } = await this.rows.put({ userId, reference, updatedAt: at }, (stored, next) => JSON.stringify(stored.reference) === JSON.stringify(next.reference));
    return { outcome };
  }

  async get(userId: string): Promise<Record<string, unknown> | undefined> {
    return (await this.rows.get(conversationKey({ userId })))?.value.reference;
  }
}
