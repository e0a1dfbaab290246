// How the bot gets its store: AZURE_TABLES_CONNECTION_STRING when set, otherwise Azurite's
// table service started in this process with its data in .data/ — so `npm start` needs no
// Azure account, and what runs locally speaks the real Azure Tables protocol.
import { isUnreachable, statusOf } from './azure-errors.js';
import { startAzurite, type RunningAzurite } from './azurite.js';
import { createStore, type Store } from './store.js';
import { createTables, tableClients } from './tables.js';

export const CONNECTION_STRING_VARIABLE = 'AZURE_TABLES_CONNECTION_STRING';
export const DEFAULT_DATA_DIR = '.data/azurite';

export interface OpenStoreOptions {
  /** Wins over the environment. */
  connectionString?: string;
  /** Where AZURE_TABLES_CONNECTION_STRING is read; process.env by default. */
  env?: Record<string, string | undefined>;
  /** Embedded Azurite's folder (default .data/azurite). */
  dataDir?: string;
  /** Embedded Azurite keeps nothing on disk (tests, demos). */
  inMemory?: boolean;
  /** Prefix for every table name: keeps tests or deployments sharing an account apart. */
  tablePrefix?: string;
  /** How long to wait for Azure Tables to answer at start (default 15 s). */
  connectTimeoutMs?: number;
}

export interface OpenedStore extends Store {
  /** Table endpoint in use (no secrets). */
  endpoint: string;
  connectionString: string;
  /** True when this process started Azurite itself. */
  embedded: boolean;
  /** Stops the embedded Azurite, if any (data in dataDir stays). */
  close(): Promise<void>;
}

/** Azure Tables did not answer, or refused the account: says which endpoint and what to set. */
export class StoreUnreachableError extends Error {
  override name = 'StoreUnreachableError';
  constructor(readonly endpoint: string, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

export async function openStore(options: OpenStoreOptions = {}): Promise<OpenedStore> {
  const configured = (options.connectionString ?? (options.env ?? process.env)[CONNECTION_STRING_VARIABLE])?.trim();
  let azurite: RunningAzurite | undefined;
  let connectionString: string;
  if (configured) {
    connectionString = configured;
  } else {
    azurite = await startAzurite(options.inMemory ? {} : { location: options.dataDir ?? DEFAULT_DATA_DIR });
    connectionString = azurite.connectionString;
  }
  const endpoint = azurite?.endpoint ?? endpointOf(connectionString);
  try {
    let tables;
    try {
      tables = tableClients(connectionString, options.tablePrefix);
    } catch (err) {
      throw new Error(`${CONNECTION_STRING_VARIABLE} is not a usable connection string (${(err as Error).message})`, { cause: err });
    }
    // One quick attempt at start: a wrong endpoint should fail in seconds, not after retries.
    const probe = tableClients(connectionString, options.tablePrefix, { retryOptions: { maxRetries: 1, retryDelayInMs: 200 } });
    await createTables(probe, AbortSignal.timeout(options.connectTimeoutMs ?? 15_000)).catch((err: unknown) => {
      throw explain(err, endpoint, Boolean(azurite));
    });
    return {
      ...createStore(tables),
      endpoint,
      connectionString,
      embedded: azurite !== undefined,
      close: async () => azurite?.stop(),
    };
  } catch (err) {
    await azurite?.stop();
    throw err;
  }
}

function explain(err: unknown, endpoint: string, embedded: boolean): unknown {
  const source = embedded ? 'the embedded Azurite' : `${CONNECTION_STRING_VARIABLE}`;
  const unreachable = isUnreachable(err) || (err as Error | null)?.name === 'AbortError';
  if (unreachable) {
    return new StoreUnreachableError(
      endpoint,
      `Azure Tables at ${endpoint} could not be reached (${(err as Error).message}; endpoint from ${source}). ` +
        `Set ${CONNECTION_STRING_VARIABLE} to the connection string of a reachable storage account, ` +
        `or leave it unset to use the embedded Azurite.`,
      { cause: err },
    );
  }
  const status = statusOf(err);
  if (status === 401 || status === 403) {
    return new StoreUnreachableError(
      endpoint,
      `Azure Tables at ${endpoint} refused the account in ${source} (HTTP ${status}). Check the key or SAS in ${CONNECTION_STRING_VARIABLE}.`,
      { cause: err },
    );
  }
  return err;
}

/** The table endpoint a connection string points at, for messages (never the key). */
export function endpointOf(connectionString: string): string {
  const parts = new Map<string, string>();
  for (const part of connectionString.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) parts.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).trim());
  }
  if (parts.get('usedevelopmentstorage')?.toLowerCase() === 'true') return 'http://127.0.0.1:10002/devstoreaccount1';
  const explicit = parts.get('tableendpoint');
  if (explicit) return explicit;
  const account = parts.get('accountname');
  if (!account) return '(no endpoint found in the connection string)';
  return `${parts.get('defaultendpointsprotocol') ?? 'https'}://${account}.table.${parts.get('endpointsuffix') ?? 'core.windows.net'}`;
}
