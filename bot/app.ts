// Composition: the adapter, the bot and its router over one store, behind the HTTP server.
import { createAdapter } from './adapter.js';
import type { BotConfig } from './config.js';
import { ConferenceBot } from './conference-bot.js';
import { Messenger } from './messenger.js';
import { createRouter } from './router.js';
import { SharedCards } from './shared-cards.js';
import { directoryFromConfig } from './directory.js';
import { mountCalendar } from './actions/not-on-teams.js';
import type { Services } from './services.js';
import { scheduleReminders } from './reminders.js';
import { listen, type RunningServer } from './server.js';
import { mountDeskApi } from './desk/api.js';
import { readDeskConfig, type DeskConfig } from './desk/config.js';
import { mountDeskPage } from './desk/page.js';
import type { Store } from '../src/store/store.js';
import { loadPolicies, PolicyFileError, type PolicySet } from '../src/policy-files/load.js';

export interface AppOptions {
  config: BotConfig;
  store: Store;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  log?: (line: string) => void;
  host?: string;
  /** Run the scheduled reminder job in this instance (every 15 minutes); tests drive it directly. */
  reminders?: boolean;
  /** The desk tab's settings; read from the environment when not given. */
  desk?: DeskConfig;
  /** The policies, if already loaded (npm start loads them before opening the store). */
  policies?: PolicySet;
}

export async function startApp(options: AppOptions): Promise<RunningServer> {
  // First: a malformed policy file stops the start, naming the file and the field.
  const policies = options.policies ?? (await loadPolicies(options.config.POLICY_DIR));
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => new Date());
  await requireVersionsUnchanged(options.store, policies, now());
  const adapter = createAdapter(options.config, log);
  const messenger = new Messenger(adapter, options.config.MicrosoftAppId ?? '');
  let listening: string | undefined;
  const services: Services = { store: options.store, messenger, config: options.config, policies, log, directory: directoryFromConfig(options.config), publicUrl: () => listening };
  const router = createRouter(services);
  const sharedCards = new SharedCards(services);
  const bot = new ConferenceBot({ router, sharedCards, allowedTenants: options.config.ALLOWED_TENANTS, admins: options.config.ADMIN_USER_IDS, now, log });
  const desk = options.desk ?? readDeskConfig();
  const server = await listen(adapter, bot, options.config.PORT, options.host, [
    (srv) => mountDeskApi(srv, { store: options.store, config: desk, now, log }),
    (srv) => mountDeskPage(srv, desk),
    (srv) => mountCalendar(srv, { store: options.store, config: options.config, log }),
  ]);
  listening = server.url;
  const stopReminders = options.reminders ? scheduleReminders(services, now) : () => undefined;
  return { ...server, close: async () => (stopReminders(), server.close()) };
}

/**
 * A version means one set of settings for good: the first use of each id and version is kept in
 * the store, and a file whose settings changed without a new version stops the start, so no two
 * conferences that say "version 1" ran under different rules.
 */
async function requireVersionsUnchanged(store: Store, policies: PolicySet, at: Date): Promise<void> {
  const problems: string[] = [];
  for (const p of policies.list()) {
    const published = await store.policyVersions.publish(p, at);
    if (published.outcome === 'changed') {
      problems.push(`${policies.files.get(p.id) ?? p.id}: version: ${p.version} is already in use (since ${published.stored.firstSeenAt}) with other settings: raise "version" when a setting changes`);
    }
  }
  if (problems.length > 0) throw new PolicyFileError(`Policy files in ${policies.dir} are not valid; the bot does not start until they are:\n  ${problems.join('\n  ')}`);
}
