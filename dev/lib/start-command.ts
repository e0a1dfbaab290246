// What `npm start` runs, read from package.json so that the bench, the runtime check and the
// tests start the bot exactly as it is shipped (same entry, same Node flags).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const START = /&& node ((?:--[\w-]+(?:=\S+)? )*)(\S+\.js)$/;

export interface StartCommand {
  /** Node's own flags, e.g. `--optimize-for-size`. */
  nodeFlags: string[];
  /** The compiled entry, relative to the project. */
  entry: string;
}

export function startCommand(projectDir: string): StartCommand {
  const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return parseStart(pkg.scripts.start);
}

/** `npm run build && node --flag dist/bot/index.js` → its Node flags and entry. */
export function parseStart(script: string): StartCommand {
  const m = START.exec(script);
  if (!m?.[2]) throw new Error(`package.json's start script is not "… && node [flags] entry.js": ${script}`);
  return { nodeFlags: (m[1] ?? '').split(' ').filter(Boolean), entry: m[2] };
}
