// Starts the compiled bot (what `npm start` runs) under a given Node binary with the embedded
// store, and asks it for `help` the way Teams would, with the replies returned in the HTTP answer
// (deliveryMode expectReplies), so no Bot Connector is needed. Used by `npm run check:runtimes`
// for each supported Node line and by the test suite for the Node it runs under.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnManaged } from './proc.js';
import { startCommand } from './start-command.js';

export interface RuntimeResult {
  node: string;
  /** Milliseconds from spawning the process to "Bot listening". */
  startMs: number;
  /** The help card's first heading, as the bot answered it. */
  helpTitle: string;
  /** Deprecation warnings the process printed (none expected). */
  warnings: string[];
}

const LISTENING = /Bot listening on (http:\/\/\S+)\/api\/messages/;

export async function checkRuntime(nodeBinary: string, projectDir: string, timeoutMs = 30_000): Promise<RuntimeResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cp-bot-runtime-'));
  let url = '';
  const warnings: string[] = [];
  let ready: () => void = () => undefined;
  const listening = new Promise<void>((resolve) => (ready = resolve));
  const started = performance.now();
  const start = startCommand(projectDir);
  const bot = spawnManaged('bot', nodeBinary, [...start.nodeFlags, start.entry], {
    cwd: projectDir,
    // Only what the bot needs: a clean environment shows warnings the project itself causes.
    env: { PATH: process.env.PATH, PORT: '0', DATA_DIR: dataDir },
    onLine: (line) => {
      const m = LISTENING.exec(line);
      if (m?.[1]) {
        url = m[1];
        ready();
      }
      if (/DeprecationWarning|ExperimentalWarning|\bDEP\d{4}\b/.test(line)) warnings.push(line.trim());
    },
  });
  try {
    const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no "Bot listening" within ${timeoutMs} ms:\n${bot.output()}`)), timeoutMs).unref());
    const exited = bot.exited.then((code) => Promise.reject(new Error(`the bot exited (${code}):\n${bot.output()}`)));
    await Promise.race([listening, timer, exited]);
    const startMs = performance.now() - started;
    if (!(await fetch(`${url}/healthz`)).ok) throw new Error('healthz did not answer');
    const helpTitle = await askHelp(url);
    const node = execFileSync(nodeBinary, ['--version'], { encoding: 'utf8' }).trim();
    return { node, startMs, helpTitle, warnings };
  } finally {
    await bot.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A 1:1 `help` from a Teams user; the replies come back in the HTTP answer. */
async function askHelp(url: string): Promise<string> {
  const tenant = '11111111-2222-3333-4444-555555555555';
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: 'runtime-check',
      text: 'help',
      deliveryMode: 'expectReplies',
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/', // never called: replies are returned, not sent
      from: { id: '29:runtime-check', aadObjectId: '00000000-0000-0000-0000-00000000c0de', name: 'Runtime check' },
      recipient: { id: '28:cp-conference-bot', name: 'Conference bot' },
      conversation: { id: 'a:runtime-check', conversationType: 'personal', tenantId: tenant },
      channelData: { tenant: { id: tenant } },
      locale: 'en-GB',
    }),
  });
  if (res.status !== 200) throw new Error(`help answered HTTP ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { activities?: { attachments?: { contentType: string; content: { body?: { type: string; text?: string }[] } }[] }[] };
  const card = body.activities?.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  const title = card?.content.body?.find((b) => b.type === 'TextBlock')?.text;
  if (!title) throw new Error(`help did not answer with a card: ${JSON.stringify(body).slice(0, 500)}`);
  return title;
}
