// The store's tables and the clients for them. Keys and reasons: ./README.md.
import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';

export const TABLES = {
  /** Everything of one conference, PartitionKey = conference id. */
  conferences: 'Conferences',
  /** Everything of one case (plans, its due items), PartitionKey = case reference. */
  cases: 'Cases',
  /** Due items per person, PartitionKey = Teams user id. */
  dueByUser: 'DueByUser',
  /** Due items per day, PartitionKey = due date: the reminder run's work list. */
  dueByDay: 'DueByDay',
  /** Conversation references for proactive 1:1 messages, PartitionKey = Teams user id. */
  conversations: 'Conversations',
  /** Append-only audit trail of actions outside a conference (a conference's own trail is in its partition). */
  audit: 'Audit',
  /** Leases (one reminder run at a time) and reminder-sent markers. */
  schedule: 'Schedule',
  /** The Child Protection Unit desk's conferences that still owe something. */
  desk: 'Desk',
  /** Each policy version as first used (insert-only), PartitionKey = policy id. */
  policies: 'Policies',
  /** Where each conference's desk rows are (tenant, month, chair). */
  deskWhere: 'DeskWhere',
  /** The desk's conference facts by month of their date. */
  deskMonths: 'DeskMonths',
  /** The desk's conference facts by chair. */
  deskChairs: 'DeskChairs',
  /** The desk's CP plan facts. */
  deskPlans: 'DeskPlans',
} as const;

export type TableId = keyof typeof TABLES;
export type TableClients = { readonly [id in TableId]: TableClient };

/**
 * Table names are alphanumeric, 3–63 characters, starting with a letter; a prefix lets tests
 * (or two deployments sharing one account) keep their tables apart.
 */
export function tableClients(connectionString: string, prefix = '', options: TableServiceClientOptions = {}): TableClients {
  if (prefix !== '' && !/^[A-Za-z][A-Za-z0-9]{0,40}$/.test(prefix)) {
    throw new Error(`table prefix ${JSON.stringify(prefix)}: letters and digits only, starting with a letter`);
  }
  const insecure = allowsHttp(connectionString);
  // The SDK's default retries a refused connection for many seconds; a bot must answer Teams in
  // a few. A few quick retries ride over a blip; an outage fails fast and the user is told.
  const retryOptions = { ...RETRY, ...options.retryOptions };
  const clients = {} as { [id in TableId]: TableClient };
  for (const id of Object.keys(TABLES) as TableId[]) {
    clients[id] = TableClient.fromConnectionString(connectionString, prefix + TABLES[id], { allowInsecureConnection: insecure, ...options, retryOptions });
  }
  return clients;
}

/** Bounded retries: at most ~1 s of waiting in all before an operation fails. */
export const RETRY = { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 800 } as const;

/** Azurite speaks plain http; the SDK refuses that unless told. Azure itself is https only. */
function allowsHttp(connectionString: string): boolean {
  return /UseDevelopmentStorage=true/i.test(connectionString) || /Endpoint=http:\/\//i.test(connectionString) || /DefaultEndpointsProtocol=http;/i.test(connectionString);
}

/** Creates any missing table (createTable ignores "already exists"). */
export async function createTables(clients: TableClients, abortSignal?: AbortSignal): Promise<void> {
  await Promise.all(Object.values(clients).map((c) => c.createTable({ abortSignal })));
}
