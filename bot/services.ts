// What handlers are given: the store, the messenger and the settings. Nothing else is shared.
import type { Store } from '../src/store/store.js';
import type { BotConfig } from './config.js';
import type { Messenger } from './messenger.js';

export interface Services {
  store: Store;
  messenger: Messenger;
  config: BotConfig;
  log: (line: string) => void;
}
