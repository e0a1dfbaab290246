// A store of fresh tables on the test Azurite, so tests never see each other's rows.
import { randomUUID } from 'node:crypto';
import { createStore, type Store } from '../../src/store/store.js';
import { createTables, tableClients, type TableClients } from '../../src/store/tables.js';
import { azuriteConnectionString } from './azurite-hook.js';

let counter = 0;

export function uniquePrefix(): string {
  return `t${process.pid}x${++counter}x${randomUUID().slice(0, 6)}`;
}

export interface TestStore extends Store {
  tables: TableClients;
  /** The tables' name prefix: another store over the same tables (e.g. through a proxy) uses it. */
  prefix: string;
  /** Another store over the same tables with its own clients, as a second bot instance would have. */
  twin(): Store;
}

export async function testStore(): Promise<TestStore> {
  const prefix = uniquePrefix();
  const tables = tableClients(azuriteConnectionString(), prefix);
  await createTables(tables);
  return { ...createStore(tables), tables, prefix, twin: () => createStore(tableClients(azuriteConnectionString(), prefix)) };
}
