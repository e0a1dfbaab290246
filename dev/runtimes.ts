// `npm run check:runtimes [-- 22 24 26]`: builds the bot once, then for each Node line fetches that
// line's binary from the npm registry's `node` package (kept in .cache/node-lines/) and checks
// that the bot starts with the embedded store and answers `help`, with no deprecation warning.
// `--write` records the results in docs/runtimes.md.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkRuntime, type RuntimeResult } from './lib/runtime-check.js';
import { startCommand } from './lib/start-command.js';

const project = resolve(import.meta.dirname, '..');
const start = startCommand(project);
const args = process.argv.slice(2);
const write = args.includes('--write');
const lines = args.filter((a) => /^\d+$/.test(a));
const majors = lines.length ? lines : ['22', '24', '26'];

function nodeBinary(major: string): string {
  const dir = join(project, '.cache', 'node-lines', major);
  const bin = join(dir, 'node_modules', '.bin', 'node');
  if (!existsSync(bin)) {
    execFileSync('mkdir', ['-p', dir]);
    // The `node` package installs its binary from a preinstall script, which npm runs only when allowed.
    execFileSync('sh', ['-c', `echo '{"private":true,"allowScripts":{"node":true}}' > package.json`], { cwd: dir });
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', `node@${major}`], { cwd: dir, stdio: 'inherit' });
  }
  return bin;
}

execFileSync('npm', ['run', 'build'], { cwd: project, stdio: 'inherit' });
const results: (RuntimeResult & { ok: boolean; error?: string })[] = [];
for (const major of majors) {
  try {
    const r = await checkRuntime(nodeBinary(major), project);
    results.push({ ...r, ok: r.warnings.length === 0 });
  } catch (e) {
    results.push({ node: `${major}.x`, startMs: NaN, helpTitle: '', warnings: [], ok: false, error: (e as Error).message });
  }
}

const table = [
  '| Node | starts in | answers `help` | deprecation warnings | result |',
  '|---|---|---|---|---|',
  ...results.map((r) => `| ${r.node} | ${Number.isNaN(r.startMs) ? '—' : `${(r.startMs / 1000).toFixed(1)} s`} | ${r.helpTitle ? `yes ("${r.helpTitle}")` : 'no'} | ${r.warnings.length ? r.warnings.join('<br>') : 'none'} | ${r.ok ? 'pass' : `FAIL${r.error ? `: ${r.error.split('\n')[0]}` : ''}`} |`),
].join('\n');
console.log(table);
if (write) {
  await mkdir(join(project, 'docs'), { recursive: true });
  await writeFile(
    join(project, 'docs', 'runtimes.md'),
    `# Supported Node.js lines\n\nThe bot needs **Node.js 22 or later** (\`engines\` \`>=22\`); it is tested on **Node 24 LTS**, which \`npm install\` brings as the \`node\` dev dependency, so \`npm test\` and \`npm start\` run on it whatever the system's Node is.\n\n\`npm run check:runtimes\` builds the bot, then starts what \`npm start\` runs (\`node ${[...start.nodeFlags, start.entry].join(' ')}\`, with the embedded Azurite store) under each line's binary from the npm registry's \`node\` package, and sends it a 1:1 \`help\` the way Teams does (replies returned in the HTTP answer). Last run (${new Date().toISOString().slice(0, 10)}, 2 cores):\n\n${table}\n`,
  );
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
