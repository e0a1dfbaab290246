// Each policy version as it was first used, in the Policies table:
//   PK <policy id>  RK <version, zero-padded>  the policy's settings (canonical JSON), and when.
// Insert-only: a version's settings never change, so "version 1" means one thing in every record.
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { PolicyKey } from '../rules/policy-schema.js';
import { EntitySet } from './entity-set.js';
import { Instant } from './schema.js';

export const PolicyVersion = z.object({
  id: PolicyKey,
  version: z.int().min(1).max(999999),
  /** The validated policy as JSON, as the bot read it. */
  settings: z.string().min(2).max(30000),
  firstSeenAt: Instant,
});
export type PolicyVersion = z.infer<typeof PolicyVersion>;

const key = (id: string, version: number) => ({ partitionKey: id, rowKey: String(version).padStart(6, '0') });

export type PublishResult =
  | { outcome: 'new' | 'same'; stored: PolicyVersion }
  /** The id and version are already in use with other settings: nothing was written. */
  | { outcome: 'changed'; stored: PolicyVersion };

export class PolicyVersions {
  private readonly rows: EntitySet<PolicyVersion>;
  constructor(client: TableClient) {
    this.rows = new EntitySet(client, { name: 'policy version', schema: PolicyVersion, key: (p) => key(p.id, p.version) });
  }

  /** Record a version the bot is about to use; the same id and version with other settings is refused. */
  async publish(policy: { id: string; version: number }, at: Date): Promise<PublishResult> {
    const row = { id: policy.id, version: policy.version, settings: JSON.stringify(policy), firstSeenAt: at.toISOString() };
    const created = await this.rows.create(row);
    if (created.created) return { outcome: 'new', stored: row };
    const stored = created.existing.value;
    return { outcome: stored.settings === row.settings ? 'same' : 'changed', stored };
  }
}
