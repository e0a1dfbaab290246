// `npm run package`: writes build/appPackage.zip, or exits 1 with what is wrong.
// Reads .env when present (process.loadEnvFile), then the environment.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_DIR, PackageError, buildAppPackage } from './app-package.js';

const root = join(MANIFEST_DIR, '..');
const out = join(root, 'build', 'appPackage.zip');

try {
  if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
  const { manifest, zip } = await buildAppPackage({ env: process.env });
  await mkdir(join(root, 'build'), { recursive: true });
  await writeFile(out, zip);
  const name = (manifest.name as { short: string }).short;
  console.log(`Wrote ${out}: "${name}" ${String(manifest.version)}, manifest ${String(manifest.manifestVersion)}, bot ${(manifest.bots as { botId: string }[])[0]!.botId}.`);
} catch (e) {
  console.error(e instanceof PackageError ? e.message : e);
  process.exitCode = 1;
}
