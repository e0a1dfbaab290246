// `npm start`: the store (Azure Tables, or the embedded Azurite), then the bot on /api/messages.
import { openStore } from '../src/store/connect.js';
import { loadPolicies } from '../src/policy-files/load.js';
import { startApp } from './app.js';
import { readConfig } from './config.js';

const config = readConfig();
// A malformed policy file stops the start before anything else, naming the file and the field.
const policies = await loadPolicies(config.POLICY_DIR).catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
console.log(`Policies from ${policies.dir}: ${policies.list().map((p) => `${p.id} v${p.version}`).join(', ')}`);
const store = await openStore({ connectionString: config.AZURE_TABLES_CONNECTION_STRING, dataDir: config.DATA_DIR });
console.log(store.embedded ? `Store: embedded Azurite at ${store.endpoint} (data kept on disk)` : `Store: Azure Tables at ${store.endpoint}`);
if (!config.MicrosoftAppId) {
  console.warn('No MicrosoftAppId: running ANONYMOUS for local use only. Set MicrosoftAppId and MicrosoftAppPassword before any real use.');
}
if (config.ADMIN_USER_IDS.length === 0) console.warn('No ADMIN_USER_IDS: anyone may schedule conferences (local use).');
const server = await startApp({ config, store, policies, reminders: true }).catch(async (e: Error) => {
  // e.g. a policy version whose settings changed without a new version number: said plainly.
  console.error(e.message);
  await store.close();
  process.exit(1);
});
console.log(`Bot listening on ${server.url}/api/messages`);

const stop = async () => {
  await server.close();
  await store.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
