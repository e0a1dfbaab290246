// The one place where records meet @azure/data-tables: every write is zod-encoded, every read
// zod-decoded, so a malformed entity is reported where it is read — naming its table and keys —
// instead of surfacing later as a wrong tally. Several record kinds may share one table (all
// of a conference lives in one partition so that it can change in one transaction).
import { odata, type TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { isConflict, isNotFound, isStale } from './azure-errors.js';
import { assertKey, prefixEnd } from './keys.js';

/** What a record looks like in the table: flat primitive properties. */
export type EntityProps = { [property: string]: string | number | boolean | undefined };

export interface Key {
  partitionKey: string;
  rowKey: string;
}

/** A record as read, with the ETag that guards the next write of it. */
export interface Stored<T> {
  value: T;
  etag: string;
}

export interface RecordSpec<T> {
  /** What one row is, for messages: "vote", "invitee". */
  name: string;
  schema: z.ZodType<T, EntityProps>;
  key(value: NoInfer<T>): Key;
}

/** A row that is in the table but is not a valid record of its kind. */
export class MalformedEntityError extends Error {
  override name = 'MalformedEntityError';
  constructor(
    readonly table: string,
    readonly partitionKey: string,
    readonly rowKey: string,
    problem: string,
  ) {
    super(`Malformed entity in table ${table} (PartitionKey '${partitionKey}', RowKey '${rowKey}'): ${problem}`);
  }
}

/** A record the code tried to write that does not satisfy its schema. */
export class InvalidRecordError extends Error {
  override name = 'InvalidRecordError';
  constructor(readonly table: string, record: string, problem: string) {
    super(`Refusing to write an invalid ${record} to table ${table}: ${problem}`);
  }
}

export interface QueryOptions {
  /** Only rows whose RowKey starts with this. */
  prefix?: string;
  /** RowKey ≥ this (inclusive). */
  from?: string;
  /** RowKey < this (exclusive). */
  below?: string;
  /** A further condition, built with the `odata` tag (never by string concatenation). */
  filter?: string;
  /** Stop after this many rows. */
  limit?: number;
}

export type Modified<T> =
  | { outcome: 'not-found' }
  | { outcome: 'unchanged'; stored: Stored<T> }
  | { outcome: 'changed'; stored: Stored<T>; previous: T };

const SYSTEM_PROPERTIES = new Set(['partitionKey', 'rowKey', 'etag', 'timestamp']);
const MAX_ATTEMPTS = 40;

export class EntitySet<T> {
  constructor(
    readonly client: TableClient,
    readonly spec: RecordSpec<T>,
  ) {}

  get table(): string {
    return this.client.tableName;
  }

  /** Validates and flattens a record into an entity with its keys. */
  toEntity(value: T): Key & EntityProps {
    const encoded = z.safeEncode(this.spec.schema, value);
    if (!encoded.success) throw new InvalidRecordError(this.table, this.spec.name, z.prettifyError(encoded.error));
    const key = this.spec.key(value);
    assertKey('PartitionKey', key.partitionKey);
    assertKey('RowKey', key.rowKey);
    const entity: Key & EntityProps = { ...key };
    for (const [k, v] of Object.entries(encoded.data)) if (v !== undefined) entity[k] = v;
    return entity;
  }

  /** Validates an entity read back; the record's own fields must also give back its keys. */
  fromEntity(entity: TableEntityResult<Record<string, unknown>>): Stored<T> {
    const { partitionKey = '', rowKey = '', etag } = entity;
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(entity)) if (!SYSTEM_PROPERTIES.has(k) && !k.startsWith('odata.')) props[k] = v;
    const parsed = this.spec.schema.safeParse(props);
    if (!parsed.success) {
      throw new MalformedEntityError(this.table, partitionKey, rowKey, `not a valid ${this.spec.name}:\n${z.prettifyError(parsed.error)}`);
    }
    const key = this.spec.key(parsed.data);
    if (key.partitionKey !== partitionKey || key.rowKey !== rowKey) {
      throw new MalformedEntityError(this.table, partitionKey, rowKey, `its ${this.spec.name} fields belong under PartitionKey '${key.partitionKey}', RowKey '${key.rowKey}'`);
    }
    return { value: parsed.data, etag };
  }

  /** True when two records would be stored identically (the test for "nothing changed"). */
  same(a: T, b: T): boolean {
    return stableJson(this.toEntity(a)) === stableJson(this.toEntity(b));
  }

  async get(key: Key): Promise<Stored<T> | undefined> {
    try {
      return this.fromEntity(await this.client.getEntity(key.partitionKey, key.rowKey));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /**
   * Inserts; if the key is taken, returns what is there instead (never overwrites). `alongside`:
   * rows of the same partition inserted in the same transaction (an audit entry); when they are
   * there already and the row is not, the row is inserted alone.
   */
  async create(value: T, options: { alongside?: TransactionAction[] } = {}): Promise<{ created: true; stored: Stored<T> } | { created: false; existing: Stored<T> }> {
    const entity = this.toEntity(value);
    let alongside = options.alongside ?? [];
    for (let attempt = 1; ; attempt++) {
      try {
        if (alongside.length) {
          const result = await this.client.submitTransaction([['create', entity], ...alongside]);
          return { created: true, stored: { value, etag: result.subResponses[0]?.etag ?? '' } };
        }
        const { etag } = await this.client.createEntity(entity);
        return { created: true, stored: { value, etag: etag ?? '' } };
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
      const existing = await this.get(entity);
      if (existing) return { created: false, existing };
      alongside = [];
      if (attempt >= MAX_ATTEMPTS) throw new Error(`${this.spec.name} in ${this.table} kept appearing and vanishing`);
    }
  }

  /**
   * Stores the record whatever is there: `created`, `updated`, or `unchanged` when an identical
   * record is already stored (nothing written). `same` may narrow what counts as a change.
   * `alongside`: rows of the same partition inserted with a create or an update (its audit entry).
   */
  async put(
    value: T,
    same: (stored: T, next: T) => boolean = (a, b) => this.same(a, b),
    options: { alongside?: TransactionAction[] } = {},
  ): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; stored: Stored<T> }> {
    const key = this.spec.key(value);
    const alongside = options.alongside ?? [];
    for (;;) {
      const created = await this.create(value, { alongside });
      if (created.created) return { outcome: 'created', stored: created.stored };
      const result = await this.modify(key, (current) => (same(current, value) ? current : value), { alongside: () => alongside });
      if (result.outcome === 'changed') return { outcome: 'updated', stored: result.stored };
      if (result.outcome === 'unchanged') return { outcome: 'unchanged', stored: result.stored };
      // Deleted between the two steps: try again.
    }
  }

  /** Replaces the row only if it still has `etag`; a 412 otherwise (see retryOnStale). */
  async replace(value: T, etag: string): Promise<Stored<T>> {
    const result = await this.client.updateEntity(this.toEntity(value), 'Replace', { etag });
    return { value, etag: result.etag ?? '' };
  }

  /** `alongside`: rows of the same partition inserted in the same transaction (an audit entry). */
  async upsert(value: T, options: { alongside?: TransactionAction[] } = {}): Promise<void> {
    if (options.alongside?.length) {
      try {
        await this.client.submitTransaction([this.upsertAction(value), ...options.alongside]);
        return;
      } catch (err) {
        // The entry is there already (this action was stored once): the row alone.
        if (!isConflict(err)) throw err;
      }
    }
    await this.client.upsertEntity(this.toEntity(value), 'Replace');
  }

  /**
   * `alongside`: rows of the same partition inserted in the same transaction (an audit entry);
   * only for an unconditional delete (a transaction's delete takes no ETag).
   */
  async delete(key: Key, etag?: string, options: { alongside?: TransactionAction[] } = {}): Promise<boolean> {
    if (options.alongside?.length) {
      if (etag !== undefined) throw new Error('a delete with rows alongside is unconditional: no ETag');
      try {
        await this.client.submitTransaction([['delete', { partitionKey: key.partitionKey, rowKey: key.rowKey }], ...options.alongside]);
        return true;
      } catch (err) {
        // Gone already (404), or the entry is there already (409): the delete alone says which.
        if (!isNotFound(err) && !isConflict(err)) throw err;
      }
    }
    try {
      await this.client.deleteEntity(key.partitionKey, key.rowKey, etag === undefined ? {} : { etag });
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /**
   * Read–change–write guarded by the ETag, retried when another writer got there first (412).
   * `change` returns the next record, or the current one to leave it alone; it may run
   * several times, so it must not have side effects. `alongside` gives rows of the same
   * partition to insert in the same transaction as a change (its audit entry).
   */
  async modify(key: Key, change: (current: T) => T, options: { alongside?: (next: T, previous: T) => TransactionAction[] } = {}): Promise<Modified<T>> {
    return retryOnStale(async () => {
      const current = await this.get(key);
      if (!current) return { outcome: 'not-found' } as const;
      const next = change(current.value);
      if (this.same(current.value, next)) return { outcome: 'unchanged', stored: current } as const;
      const alongside = options.alongside?.(next, current.value) ?? [];
      const stored = alongside.length ? await this.replaceAlongside(next, current.etag, alongside) : await this.replace(next, current.etag);
      return { outcome: 'changed', stored, previous: current.value } as const;
    });
  }

  /**
   * Replaces the row and inserts `alongside` (an audit entry) in one transaction of its partition.
   * A 409 means those rows are there already — this very action was stored once, and the row has
   * changed since — so the row is written alone; a 412 goes to retryOnStale as for `replace`.
   */
  private async replaceAlongside(value: T, etag: string, alongside: TransactionAction[]): Promise<Stored<T>> {
    try {
      const result = await this.client.submitTransaction([this.replaceAction(value, etag), ...alongside]);
      return { value, etag: result.subResponses[0]?.etag ?? '' };
    } catch (err) {
      if (!isConflict(err)) throw err;
      return this.replace(value, etag);
    }
  }

  /** Rows of one partition, in RowKey order: a partition query, never a table scan. */
  async query(partitionKey: string, options: QueryOptions = {}): Promise<Stored<T>[]> {
    let filter = odata`PartitionKey eq ${partitionKey}`;
    const from = options.from ?? options.prefix;
    const below = options.below ?? (options.prefix === undefined ? undefined : prefixEnd(options.prefix));
    if (from !== undefined) filter += ` and ${odata`RowKey ge ${from}`}`;
    if (below !== undefined) filter += ` and ${odata`RowKey lt ${below}`}`;
    if (options.filter !== undefined) filter += ` and (${options.filter})`;
    const rows: Stored<T>[] = [];
    const pages = this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage({ maxPageSize: Math.min(options.limit ?? 1000, 1000) });
    for await (const page of pages) {
      for (const entity of page) {
        rows.push(this.fromEntity(entity));
        if (options.limit !== undefined && rows.length >= options.limit) return rows;
      }
    }
    return rows;
  }

  // Transaction actions: combine with `submit` for an all-or-nothing change of one partition.
  createAction(value: T): TransactionAction {
    return ['create', this.toEntity(value)];
  }
  replaceAction(value: T, etag: string): TransactionAction {
    return ['update', this.toEntity(value), 'Replace', { etag }];
  }
  upsertAction(value: T): TransactionAction {
    return ['upsert', this.toEntity(value), 'Replace'];
  }
}

/** One entity-group transaction (one table, one partition, ≤ 100 actions): all or nothing. */
export async function submit(client: TableClient, actions: TransactionAction[]): Promise<void> {
  if (actions.length === 0) return;
  if (actions.length > 100) throw new Error(`a transaction takes at most 100 actions, not ${actions.length}`);
  await client.submitTransaction(actions);
}

/**
 * Upserts many rows, grouped by table and partition into transactions of up to 100, `width` at a
 * time: how a whole index is loaded at once (a rebuild, a benchmark). Each batch is atomic; the
 * whole is not.
 */
export async function submitGrouped(rows: { client: TableClient; action: TransactionAction }[], width = 16): Promise<void> {
  const groups = new Map<string, { client: TableClient; actions: TransactionAction[] }>();
  for (const { client, action } of rows) {
    const key = `${client.tableName}|${(action[1] as { partitionKey: string }).partitionKey}`;
    const group = groups.get(key) ?? { client, actions: [] };
    group.actions.push(action);
    groups.set(key, group);
  }
  const batches = [...groups.values()].flatMap((g) => Array.from({ length: Math.ceil(g.actions.length / 100) }, (_, i) => ({ client: g.client, actions: g.actions.slice(i * 100, i * 100 + 100) })));
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        await submit(batch.client, batch.actions);
      }
    }),
  );
}

/**
 * Runs an optimistic read–decide–write until it is not overtaken. `attempt` reads afresh each
 * time; a 412 (stale ETag) — or a 409 when `alsoOnConflict` — means someone else wrote first.
 */
export async function retryOnStale<R>(attempt: () => Promise<R>, alsoOnConflict = false): Promise<R> {
  return retryWhile((err) => isStale(err) || (alsoOnConflict && isConflict(err)), attempt);
}

/** The same, for any answer that says someone else wrote first (`overtaken`). */
export async function retryWhile<R>(overtaken: (err: unknown) => boolean, attempt: () => Promise<R>): Promise<R> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!overtaken(err) || n >= MAX_ATTEMPTS) throw err;
    }
    // Jittered back-off so that racers spread out instead of colliding again.
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 2 ** n)));
  }
}

function stableJson(entity: EntityProps): string {
  return JSON.stringify(Object.keys(entity).sort().map((k) => [k, entity[k]]));
}
