// When a conference's minutes were sent and its amendments closed (Bolton procedures, Record
// keeping: minutes within 15 working days; amendments to the chair within 21 days of receipt).
// RowKey 'minutes' in the conference's partition; recorded from the desk by the Unit or the chair.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { IsoDate } from '../rules/types.js';
import { EntitySet } from './entity-set.js';
import { ConferenceId, Instant, Person, json } from './schema.js';

export const MinutesRecord = z.object({
  conferenceId: ConferenceId,
  sentOn: IsoDate.optional(),
  amendmentsClosedOn: IsoDate.optional(),
  recordedBy: json(Person),
  recordedAt: Instant,
});
export type MinutesRecord = z.infer<typeof MinutesRecord>;

export const minutesKey = (conferenceId: string) => ({ partitionKey: conferenceId, rowKey: 'minutes' });

export class Minutes {
  readonly rows: EntitySet<MinutesRecord>;
  constructor(client: TableClient) {
    this.rows = new EntitySet(client, { name: 'minutes record', schema: MinutesRecord, key: (m) => minutesKey(m.conferenceId) });
  }

  async get(conferenceId: ConferenceId): Promise<MinutesRecord | undefined> {
    return (await this.rows.get(minutesKey(conferenceId)))?.value;
  }

  /**
   * Sets the dates given, keeping the others; the same dates again write nothing. `audit`: the
   * entry stored in the same transaction as the change (none when nothing changes).
   */
  async record(
    conferenceId: ConferenceId,
    dates: { sentOn?: string; amendmentsClosedOn?: string },
    by: Person,
    at: string,
    options: { audit?: TransactionAction } = {},
  ): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; record: MinutesRecord }> {
    const current = await this.get(conferenceId);
    const next: MinutesRecord = { conferenceId, sentOn: dates.sentOn ?? current?.sentOn, amendmentsClosedOn: dates.amendmentsClosedOn ?? current?.amendmentsClosedOn, recordedBy: by, recordedAt: at };
    const { outcome, stored } = await this.rows.put(next, (a, b) => a.sentOn === b.sentOn && a.amendmentsClosedOn === b.amendmentsClosedOn, { alongside: options.audit ? [options.audit] : [] });
    return { outcome, record: stored.value };
  }
}
