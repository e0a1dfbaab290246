// Azurite's table service, started by this process: the embedded default store and the test
// store. It runs in a worker thread, not on the main thread: restify (the bot's server)
// patches http.IncomingMessage.prototype.query at load, which makes Azurite's express layer
// skip parsing the query string — every $filter would be ignored and queries would return
// whole tables. A worker has its own module instances, so nothing the bot loads reaches it.
// azurite's package entry is its VS Code extension, so the table server's own CommonJS
// modules are loaded by path.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/** Azurite's fixed development account (public, documented by Microsoft). */
export const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteOptions {
  /** Folder for Azurite's database file; omitted → in memory, gone when stopped. */
  location?: string;
  host?: string;
  /** 0 (the default) → a free port chosen by the system. */
  port?: number;
}

export interface RunningAzurite {
  /** An account connection string for this server (http, devstoreaccount1). */
  connectionString: string;
  /** e.g. http://127.0.0.1:53211/devstoreaccount1 */
  endpoint: string;
  /** Closes the server (saving its data when it has a location) and ends the worker. */
  stop(): Promise<void>;
}

export function azuriteConnectionString(endpoint: string): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=${endpoint};`;
}

interface WorkerInput {
  serverModule: string;
  configModule: string;
  host: string;
  port: number;
  dbPath: string;
  inMemory: boolean;
}

type WorkerMessage = { type: 'started'; address: string } | { type: 'stopped' } | { type: 'failed'; error: string };

// CommonJS, evaluated in the worker. TableConfiguration's positional arguments: host, port,
// keep-alive timeout, db path, debug log, access log (off: it prints every request), access
// log stream, debug log file, loose, skip API version check, cert, key, pwd, oauth,
// product-style URLs (off: the account is the first path segment), in-memory persistence.
const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const TableServer = require(w.serverModule).default;
const TableConfiguration = require(w.configModule).default;
(async () => {
  const config = new TableConfiguration(w.host, w.port, undefined, w.dbPath, false, false, undefined, undefined,
    false, false, '', '', '', undefined, false, w.inMemory);
  const server = new TableServer(config);
  await server.start();
  parentPort.on('message', async (m) => {
    if (m !== 'stop') return;
    try { await server.close(); parentPort.postMessage({ type: 'stopped' }); }
    catch (e) { parentPort.postMessage({ type: 'failed', error: String((e && e.stack) || e) }); }
  });
  parentPort.postMessage({ type: 'started', address: server.getHttpServerAddress() });
})().catch((e) => parentPort.postMessage({ type: 'failed', error: String((e && e.stack) || e) }));
`;

export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  const require = createRequire(import.meta.url);
  const inMemory = options.location === undefined;
  let dbPath = 'azurite-table-in-memory.json'; // a name only: nothing is written in memory mode
  if (!inMemory) {
    const folder = resolve(options.location!);
    mkdirSync(folder, { recursive: true });
    dbPath = join(folder, '__azurite_db_table__.json');
  }
  const input: WorkerInput = {
    serverModule: require.resolve('azurite/dist/src/table/TableServer'),
    configModule: require.resolve('azurite/dist/src/table/TableConfiguration'),
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    dbPath,
    inMemory,
  };
  // execArgv [] : the worker needs no TypeScript loader or other flags of the main thread.
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input, execArgv: [] });
  const next = () =>
    new Promise<WorkerMessage>((resolvePromise, reject) => {
      const onMessage = (m: WorkerMessage) => (cleanup(), resolvePromise(m));
      const onError = (e: Error) => (cleanup(), reject(e));
      const onExit = (code: number) => (cleanup(), reject(new Error(`the Azurite worker exited (code ${code})`)));
      const cleanup = () => worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });

  const started = await next().catch(async (err: unknown) => {
    await worker.terminate();
    throw err;
  });
  if (started.type !== 'started') {
    await worker.terminate();
    throw new Error(`Azurite's table service did not start: ${started.type === 'failed' ? started.error : started.type}`);
  }
  const endpoint = `${started.address}/${DEV_ACCOUNT}`;
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    const reply = next();
    worker.postMessage('stop');
    const result = await reply.catch((err: unknown) => ({ type: 'failed', error: String(err) }) as const);
    await worker.terminate();
    if (result.type === 'failed') throw new Error(`Azurite did not stop cleanly: ${result.error}`);
  };
  return {
    endpoint,
    connectionString: azuriteConnectionString(endpoint),
    // Idempotent: hooks and process signals may both ask.
    stop: () => (stopping ??= stop()),
  };
}
