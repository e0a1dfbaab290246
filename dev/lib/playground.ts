// Starts the Microsoft 365 Agents Playground (a Teams-like client) pointed at a bot, offline:
// no browser opened, no telemetry, no statsbeat, nothing proxied. Shared by `npm run dev` and
// the end-to-end harness. The harness also uses the playground's internal routes, which are
// only known for this exact version — so a different version fails loudly here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort } from './ports.js';
import { spawnManaged, waitUntil, type ManagedProcess } from './proc.js';

export const PLAYGROUND_PACKAGE = '@microsoft/m365agentsplayground';
export const PLAYGROUND_VERSION = '0.2.28';

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Project root: where node_modules and `.m365agentsplayground.yml` are. */
  root: string;
  /** Port for the playground; a free one when omitted. */
  port?: number;
  /** Config file (users, chats, team); defaults to `<root>/.m365agentsplayground.yml`. */
  configPath?: string;
  /** Service URL given to the bot instead of the playground's own `/_connector`. */
  serviceUrl?: string;
  /** Where the playground writes its log (it writes nothing useful to a non-TTY stdout). */
  logFile: string;
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  readyTimeoutMs?: number;
}

export interface RunningPlayground {
  proc: ManagedProcess;
  port: number;
  /** Base URL of the UI and of the internal routes, e.g. http://127.0.0.1:56150. */
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

/** Path of the playground's CLI script, after checking the installed version is the pinned one. */
export function playgroundCli(root: string): string {
  const require = createRequire(path.join(root, 'package.json'));
  const pkgJson = require.resolve(`${PLAYGROUND_PACKAGE}/package.json`);
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
  if (version !== PLAYGROUND_VERSION) {
    throw new Error(
      `${PLAYGROUND_PACKAGE} ${version} is installed but ${PLAYGROUND_VERSION} is pinned: ` +
        'its internal routes may differ; re-check docs/e2e.md before changing the pin.',
    );
  }
  return path.join(path.dirname(pkgJson), 'cli.js');
}

/** The environment that keeps the playground from reaching outside this machine. */
export function playgroundEnv(options: Pick<PlaygroundOptions, 'configPath' | 'logFile' | 'root'>): NodeJS.ProcessEnv {
  const noProxy = [process.env.NO_PROXY ?? process.env.no_proxy, 'localhost', '127.0.0.1'].filter(Boolean).join(',');
  return {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: 'none',
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath ?? path.join(options.root, '.m365agentsplayground.yml'),
    M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile,
    NO_PROXY: noProxy,
    no_proxy: noProxy,
    // Settings that would otherwise override the command line.
    TEAMSAPPTESTER_PORT: undefined,
    M365_AGENTS_PLAYGROUND_SERVICE_URL: undefined,
    M365_AGENTS_PLAYGROUND_CONVERSATION_ID: undefined,
    M365_AGENTS_PLAYGROUND_DELIVERY_MODE: undefined,
  };
}

export async function spawnPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const cli = playgroundCli(options.root);
  const wanted = options.port ?? (await freePort());
  const args = [cli, '-e', options.botEndpoint, '-c', 'msteams', '--disable-telemetry', '-p', String(wanted)];
  if (options.serviceUrl) args.push('--service-url', options.serviceUrl);

  // It falls back to a random port when the wanted one is taken, and says so on stdout.
  let announced: number | undefined;
  const proc = spawnManaged('playground', process.execPath, args, {
    cwd: options.root,
    env: playgroundEnv(options),
    onLine: (line, stream) => {
      const m = /^Listening on (\d+)/.exec(line);
      if (m?.[1]) announced = Number(m[1]);
      options.onLine?.(line, stream);
    },
  });
  const logTail = () => {
    try {
      return readFileSync(options.logFile, 'utf8').split('\n').slice(-40).join('\n');
    } catch {
      return '';
    }
  };
  try {
    const port = await waitUntil('playground port', async () => announced, {
      proc,
      timeoutMs: options.readyTimeoutMs ?? 20_000,
    });
    const url = `http://127.0.0.1:${port}`;
    // `testConfig` answers at once; `config` (what the UI calls) first waits for the bot.
    await waitUntil(
      'playground routes',
      async () => ((await fetch(`${url}/_internal/v1/testConfig`)).ok ? true : undefined),
      { proc, timeoutMs: options.readyTimeoutMs ?? 20_000 },
    );
    return { proc, port, url, logFile: options.logFile, stop: () => proc.stop() };
  } catch (error) {
    await proc.stop();
    throw new Error(`${(error as Error).message}\n--- playground log ---\n${logTail()}`);
  }
}
