// Builds the desk's page: web/src bundled with esbuild into web/dist (desk.js, desk.css and
// index.html), which the bot's server serves at /desk/. Run by `npm run build` and the tests.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const WEB = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.join(WEB, 'dist');

export async function buildDeskPage(): Promise<string> {
  mkdirSync(DIST, { recursive: true });
  await build({
    entryPoints: { desk: path.join(WEB, 'src', 'main.tsx') },
    outdir: DIST,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    logLevel: 'warning',
  });
  copyFileSync(path.join(WEB, 'index.html'), path.join(DIST, 'index.html'));
  return DIST;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDeskPage();
  console.log(`Desk page built in ${path.relative(process.cwd(), DIST)}`);
}
