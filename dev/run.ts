// `npm run dev`: the bot (with its embedded Azurite store) and the Microsoft 365 Agents
// Playground pointed at it, for clicking through a conference in a browser with no Azure
// account and no network. Ctrl-C stops both.
//
//   node --import tsx dev/run.ts [--port N] [--playground-port N] [-- <bot command...>]
//
// The bot command defaults to `node --import tsx bot/index.ts`; it gets PORT in its
// environment. Unless already set, ADMIN_USER_IDS is the demo chair (so the chair may
// schedule) and ALLOWED_TENANTS the demo tenant, both read from .m365agentsplayground.yml
// through the running playground.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './lib/ports.js';
import { spawnPlayground, type RunningPlayground } from './lib/playground.js';
import { spawnManaged, waitUntil, type ManagedProcess } from './lib/proc.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
  botPort?: number;
  playgroundPort?: number;
  botCommand: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { botCommand: [process.execPath, '--import', 'tsx', 'bot/index.ts'] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new Error(`${a} needs a port number`);
      return n;
    };
    if (a === '--port') args.botPort = num();
    else if (a === '--playground-port') args.playgroundPort = num();
    else if (a === '--') {
      const rest = argv.slice(i + 1);
      if (rest.length === 0) throw new Error('-- must be followed by the bot command');
      args.botCommand = rest;
      break;
    } else if (a === '--help' || a === '-h') {
      console.log('usage: dev/run.ts [--port N] [--playground-port N] [-- <bot command...>]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (try --help)`);
  }
  return args;
}

/** The preferred port when it is free (stable URLs for people), else any free one. */
async function portOr(preferred: number): Promise<number> {
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  return free ? preferred : freePort();
}

interface DemoUser {
  id: string;
  name: string;
  aadObjectId: string;
}

interface TestConfig {
  config: { tenantId: string; currentUser: DemoUser; users: DemoUser[]; bot: { name: string } };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const botPort = args.botPort ?? (process.env.PORT ? Number(process.env.PORT) : await portOr(3978));
  const dataDir = path.join(root, '.data');
  mkdirSync(dataDir, { recursive: true });

  let playground: RunningPlayground | undefined;
  let bot: ManagedProcess | undefined;
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await Promise.allSettled([bot?.stop(), playground?.stop()]);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  // The playground first: it needs nothing from the bot to start, and its config tells us
  // the demo chair and tenant.
  playground = await spawnPlayground({
    root,
    botEndpoint: `http://127.0.0.1:${botPort}/api/messages`,
    port: args.playgroundPort ?? (await portOr(56150)),
    logFile: path.join(dataDir, 'playground.log'),
  });
  void playground.proc.exited.then((code) => {
    if (!stopping) {
      console.error(`The playground stopped (${code}); see ${playground?.logFile}`);
      void stopAll(1);
    }
  });
  const { config } = (await (await fetch(`${playground.url}/_internal/v1/testConfig`)).json()) as TestConfig;

  const [command, ...commandArgs] = args.botCommand;
  if (!command) throw new Error('empty bot command');
  bot = spawnManaged('bot', command, commandArgs, {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(botPort),
      ADMIN_USER_IDS: process.env.ADMIN_USER_IDS ?? config.currentUser.aadObjectId,
      ALLOWED_TENANTS: process.env.ALLOWED_TENANTS ?? config.tenantId,
    },
    onLine: (line, stream) => (stream === 'stderr' ? console.error : console.log)(`[bot] ${line}`),
  });
  void bot.exited.then((code) => {
    if (!stopping) {
      console.error(`The bot stopped (${code}).`);
      void stopAll(1);
    }
  });
  // Any HTTP answer means it is listening.
  await waitUntil('bot', async () => ((await fetch(`http://127.0.0.1:${botPort}/api/messages`)) ? true : undefined), {
    proc: bot,
    timeoutMs: 60_000,
    intervalMs: 250,
  });

  const ui = `http://localhost:${playground.port}`;
  const width = Math.max(...config.users.map((u) => u.id.length));
  console.log(
    [
      '',
      `  ${config.bot.name} is running on http://127.0.0.1:${botPort}/api/messages`,
      `  Open ${ui} in a browser — you are ${config.currentUser.name}.`,
      '  Personal Chat: type "help" or "schedule". In the group chat, @mention the bot first.',
      '  On the scheduling form, give people by Teams id (the playground looks people up by id only):',
      `    ${config.currentUser.id.padEnd(width)}  ${config.currentUser.name} (you)`,
      ...config.users.map((u) => `    ${u.id.padEnd(width)}  ${u.name}`),
      '  The others can act only through the playground\'s routes (docs/e2e.md, "Acting as several users").',
      `  Playground log: ${playground.logFile}`,
      '  Ctrl-C stops both.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
