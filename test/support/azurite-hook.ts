// Mocha root hook (registered in .mocharc.json): one in-memory Azurite table service for the
// whole test run, on a free port, stopped at the end. Tests reach it through
// process.env.AZURE_TABLES_CONNECTION_STRING (so openStore() finds it like the bot would) or
// azuriteConnectionString(); each test keeps apart with its own table prefix or conference ids.
import { startAzurite, type RunningAzurite } from '../../src/store/azurite.js';
import { CONNECTION_STRING_VARIABLE } from '../../src/store/connect.js';

let azurite: RunningAzurite | undefined;

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(30_000);
    azurite = await startAzurite();
    process.env[CONNECTION_STRING_VARIABLE] = azurite.connectionString;
  },
  async afterAll() {
    await azurite?.stop();
    azurite = undefined;
  },
};

/** The test Azurite's connection string (only inside tests: the root hook has started it). */
export function azuriteConnectionString(): string {
  if (!azurite) throw new Error('the Azurite root hook has not run: is test/support/azurite-hook.ts in .mocharc.json "require"?');
  return azurite.connectionString;
}
