// What handlers are given: the store, the messenger and the settings. Nothing else is shared.
import type { Store } from '../src/store/store.js';
import type { PolicySet } from '../src/policy-files/load.js';
import type { BotConfig } from './config.js';
import type { Directory } from './directory.js';
import type { Messenger } from './messenger.js';

export interface Services {
  store: Store;
  messenger: Messenger;
  config: BotConfig;
  /** The policies this deployment offers for new conferences (each conference keeps its own copy). */
  policies: PolicySet;
  log: (line: string) => void;
  /** The organisation's directory (Microsoft Graph), when configured: finds people by email. */
  directory?: Directory;
  /** The address the bot is reached at, for links in cards (PUBLIC_URL, else where it listens). */
  publicUrl?: () => string | undefined;
}
