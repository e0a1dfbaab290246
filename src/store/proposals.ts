// Category proposals by members (RULES.md, Category of harm): RowKey 'proposal|<user id>' in the
// conference's partition, one row per member (a new proposal replaces the member's last), so the
// chair sees who proposed what when recording the category.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { Agency, Category, PersonName } from '../rules/types.js';
import { EntitySet } from './entity-set.js';
import { joinKey, keyPart } from './keys.js';
import { ConferenceId, Instant, UserId, json } from './schema.js';

export const CategoryProposal = z.object({
  conferenceId: ConferenceId,
  userId: UserId,
  name: PersonName,
  agency: Agency,
  primary: Category,
  others: json(z.array(Category).max(3)),
  at: Instant,
});
export type CategoryProposal = z.infer<typeof CategoryProposal>;

const key = (p: Pick<CategoryProposal, 'conferenceId' | 'userId'>) => ({ partitionKey: p.conferenceId, rowKey: joinKey('proposal', keyPart(p.userId)) });

export class CategoryProposals {
  readonly rows: EntitySet<CategoryProposal>;
  constructor(client: TableClient) {
    this.rows = new EntitySet(client, { name: 'category proposal', schema: CategoryProposal, key });
  }

  /** `audit`: the entry stored in the same transaction as the proposal. */
  async put(p: CategoryProposal, options: { audit?: TransactionAction } = {}): Promise<void> {
    await this.rows.upsert(p, { alongside: options.audit ? [options.audit] : [] });
  }

  /** The conference's proposals, one per member. */
  async list(conferenceId: ConferenceId): Promise<CategoryProposal[]> {
    return (await this.rows.query(conferenceId, { prefix: 'proposal|' })).map((s) => s.value);
  }
}
