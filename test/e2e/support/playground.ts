// The playground for a test: on a free port, offline, with the connector tap in front of its
// mock Bot Connector and a connected client. `stop()` ends all of it.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnPlayground } from '../../../dev/lib/playground.js';
import { PlaygroundClient } from './client.js';
import { ConnectorTap } from './connector-tap.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');

export interface StartPlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Defaults to the project's .m365agentsplayground.yml. */
  configPath?: string;
  /** Put the recording tap between bot and connector (default true). */
  tap?: boolean;
  /** Defaults to test/artifacts/playground.log (git-ignored). */
  logFile?: string;
}

export interface TestPlayground {
  /** Base URL of the UI and of the internal routes. */
  url: string;
  port: number;
  client: PlaygroundClient;
  tap?: ConnectorTap;
  logFile: string;
  /** The end of the playground's log, for failure messages. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export async function startPlayground(options: StartPlaygroundOptions): Promise<TestPlayground> {
  const logFile = options.logFile ?? path.join(ARTIFACTS, 'playground.log');
  mkdirSync(path.dirname(logFile), { recursive: true });
  const tap = options.tap === false ? undefined : await ConnectorTap.start();
  let running: Awaited<ReturnType<typeof spawnPlayground>> | undefined;
  try {
    running = await spawnPlayground({
      root: ROOT,
      botEndpoint: options.botEndpoint,
      configPath: options.configPath,
      serviceUrl: tap?.serviceUrl,
      logFile,
    });
    tap?.forwardTo(running.url);
    const client = await PlaygroundClient.connect(running.url, tap);
    const proc = running;
    return {
      url: running.url,
      port: running.port,
      client,
      tap,
      logFile,
      logTail: (lines = 40) => {
        try {
          return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
        } catch {
          return '';
        }
      },
      stop: async () => {
        await client.close();
        await proc.stop();
        await tap?.close();
      },
    };
  } catch (error) {
    await running?.stop();
    await tap?.close();
    throw error;
  }
}
