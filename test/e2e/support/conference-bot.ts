// The product bot for an end-to-end walk: the same composition as `bot/index.ts` (CloudAdapter,
// restify, the router) started in this process over a fresh in-memory Azurite store, with a
// clock the test moves (scheduling day, conference day) and its log kept for failure messages.
import { startApp } from '../../../bot/app.js';
import { readConfig } from '../../../bot/config.js';
import type { RunningServer } from '../../../bot/server.js';
import { openStore, type OpenedStore } from '../../../src/store/connect.js';

export interface ConferenceBotOptions {
  /** Entra object ids allowed to schedule (ADMIN_USER_IDS). */
  admins: string[];
  /** ALLOWED_TENANTS. */
  tenants: string[];
  /** The bot's clock at start; move it with `bot.now = …`. */
  now: Date;
}

export interface RunningConferenceBot {
  endpoint: string;
  store: OpenedStore;
  /** The bot's clock: every turn reads it. */
  now: Date;
  /** What the bot logged (turn failures, fallbacks), newest last. */
  log: string[];
  close(): Promise<void>;
}

export async function startConferenceBot(options: ConferenceBotOptions): Promise<RunningConferenceBot> {
  const store = await openStore({ inMemory: true, connectTimeoutMs: 20_000 });
  const log: string[] = [];
  let server: RunningServer | undefined;
  // Only what is given here: a developer's own settings (an app id...) must not leak into the walk.
  const config = readConfig({ PORT: '0', ADMIN_USER_IDS: options.admins.join(','), ALLOWED_TENANTS: options.tenants.join(',') });
  const bot: RunningConferenceBot = {
    endpoint: '',
    store,
    now: options.now,
    log,
    close: async () => {
      await server?.close();
      await store.close();
    },
  };
  try {
    server = await startApp({ config, store, now: () => bot.now, log: (line) => log.push(line), host: '127.0.0.1' });
  } catch (error) {
    await store.close();
    throw error;
  }
  bot.endpoint = `${server.url}/api/messages`;
  return bot;
}
