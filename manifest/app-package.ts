// Builds the Teams app package: fill the manifest template from the environment, validate it
// against Microsoft's JSON schema shipped in @microsoft/app-manifest (offline), check the
// icons, zip manifest.json + icons. Bad configuration throws PackageError with a clear message.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { z } from 'zod';
import { MENU_COMMANDS } from '../cards/commands.js';
import { decodeRgbaPng, readPngHeader } from './png.js';

export class PackageError extends Error {
  override name = 'PackageError';
}

export const MANIFEST_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = join(MANIFEST_DIR, '..');
const require = createRequire(import.meta.url);

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const Https = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });

/** What the environment may set; only MicrosoftAppId is required. */
const Config = z.object({
  MicrosoftAppId: z.preprocess(
    blank,
    z
      .string({ error: "MicrosoftAppId is not set: give the bot's Microsoft App ID (a GUID from its Azure Bot registration)" })
      .trim()
      .regex(GUID, 'MicrosoftAppId must be a GUID like 00000000-0000-0000-0000-000000000000'),
  ),
  /** The Teams app's own id; by default the bot's app id (a common choice for a single-bot app). */
  TEAMS_APP_ID: z.preprocess(blank, z.string().trim().regex(GUID, 'TEAMS_APP_ID must be a GUID').optional()),
  APP_NAME: z.preprocess(blank, z.string().trim().min(1).max(30, 'APP_NAME: at most 30 characters (Teams short name)').default('CP Conferences')),
  APP_VERSION: z.preprocess(blank, z.string().regex(/^\d+\.\d+\.\d+$/, 'APP_VERSION must be like 1.2.3').optional()),
  APP_DEVELOPER_NAME: z.preprocess(blank, z.string().trim().min(1).max(32).default('Children\u2019s Social Care')),
  /** The bot's public host name, e.g. cp-bot.example.gov.uk (no scheme): validDomains, and the default website. */
  BOT_DOMAIN: z.preprocess(
    blank,
    z.string().trim().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'BOT_DOMAIN: a host name like cp-bot.example.gov.uk, without https://').optional(),
  ),
  APP_WEBSITE_URL: z.preprocess(blank, Https.optional()),
  APP_PRIVACY_URL: z.preprocess(blank, Https.optional()),
  APP_TERMS_URL: z.preprocess(blank, Https.optional()),
  /** The desk tab's single sign-on app registration; by default the bot's app id. */
  DESK_CLIENT_ID: z.preprocess(blank, z.string().trim().regex(GUID, 'DESK_CLIENT_ID must be a GUID').optional()),
  /** Its Application ID URI; by default api://<host>/<client id>, as Teams SSO expects. */
  DESK_APP_ID_URI: z.preprocess(blank, z.string().trim().regex(/^api:\/\/\S+$/, 'DESK_APP_ID_URI must start with api://').optional()),
}).refine((c) => Boolean(c.BOT_DOMAIN || c.APP_WEBSITE_URL), {
  path: ['BOT_DOMAIN'],
  message: "BOT_DOMAIN (the bot's host name) or APP_WEBSITE_URL is not set: Teams needs the developer's website",
  when: () => true, // report it together with any other problem
});
export type PackageConfig = z.infer<typeof Config>;

export interface PackageOptions {
  env: Record<string, string | undefined>;
  /** Where color.png and outline.png are; default: this folder. */
  iconsDir?: string;
  /** The version when APP_VERSION is not set; default: package.json's. */
  version?: string;
}

export interface AppPackage {
  manifest: Record<string, unknown>;
  zip: Buffer;
}

export const ICONS = { color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } } as const;

function readConfig(env: Record<string, string | undefined>): PackageConfig {
  const parsed = Config.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => {
    const key = String(i.path[0] ?? '');
    return `  - ${i.message.includes(key) ? i.message : `${key}: ${i.message}`}`;
  });
  throw new PackageError(`Bad app package configuration:\n${lines.join('\n')}`);
}

/** Fills `"${{NAME}}"` strings; a placeholder the values lack is an error. */
function fill(x: unknown, values: Record<string, unknown>): unknown {
  if (typeof x === 'string') {
    const whole = /^\$\{\{(\w+)\}\}$/.exec(x);
    if (whole) {
      if (!(whole[1]! in values)) throw new PackageError(`manifest template: no value for ${x}`);
      return values[whole[1]!];
    }
    return x.replace(/\$\{\{(\w+)\}\}/g, (m, k: string) => {
      if (!(k in values)) throw new PackageError(`manifest template: no value for ${m}`);
      return String(values[k]);
    });
  }
  if (Array.isArray(x)) return x.map((v) => fill(v, values));
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, fill(v, values)]));
  return x;
}

/** The schema for the template's manifestVersion, from the package's own copy (never fetched). */
async function officialSchema(manifestVersion: string): Promise<object> {
  const pkg = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = join(pkg, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new PackageError(`@microsoft/app-manifest ships no schema for manifest version ${manifestVersion}`);
  });
  return JSON.parse(text) as object;
}

/** Size from the PNG header; the outline must also be white on transparent. */
export function checkIcon(name: keyof typeof ICONS, png: Buffer): void {
  const { file, size } = ICONS[name];
  let header;
  try {
    header = readPngHeader(png);
  } catch {
    throw new PackageError(`${file} is not a PNG file`);
  }
  if (header.width !== size || header.height !== size) {
    throw new PackageError(`${file} is ${header.width}×${header.height}; Teams needs ${size}×${size}`);
  }
  if (name === 'outline') {
    let pixels;
    try {
      pixels = decodeRgbaPng(png).rgba;
    } catch {
      throw new PackageError(`${file} must be an 8-bit RGBA PNG (white on a transparent background)`);
    }
    let transparent = false;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3]! < 255) transparent = true;
      if (pixels[i + 3]! > 0 && (pixels[i]! < 250 || pixels[i + 1]! < 250 || pixels[i + 2]! < 250)) {
        throw new PackageError(`${file} must be white on transparent; pixel ${i / 4} is not white`);
      }
    }
    if (!transparent) throw new PackageError(`${file} must have a transparent background`);
  }
}

export async function buildAppPackage(options: PackageOptions): Promise<AppPackage> {
  const config = readConfig(options.env);
  const version = config.APP_VERSION ?? options.version ?? (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const site = config.APP_WEBSITE_URL ?? `https://${config.BOT_DOMAIN!.replace(/^\*\./, '')}/`;
  // The desk tab is served by the bot's own server (bot/desk/page.ts), signed in through Teams SSO.
  const host = config.BOT_DOMAIN?.replace(/^\*\./, '') ?? new URL(site).host;
  const deskClientId = config.DESK_CLIENT_ID ?? config.MicrosoftAppId;
  const template = JSON.parse(await readFile(join(MANIFEST_DIR, 'manifest.template.json'), 'utf8')) as { manifestVersion: string };
  const manifest = fill(template, {
    MicrosoftAppId: config.MicrosoftAppId,
    TEAMS_APP_ID: config.TEAMS_APP_ID ?? config.MicrosoftAppId,
    APP_NAME: config.APP_NAME,
    APP_VERSION: version,
    APP_DEVELOPER_NAME: config.APP_DEVELOPER_NAME,
    APP_WEBSITE_URL: site,
    APP_PRIVACY_URL: config.APP_PRIVACY_URL ?? site,
    APP_TERMS_URL: config.APP_TERMS_URL ?? site,
    COMMANDS: MENU_COMMANDS.map(({ title, description }) => ({ title, description })),
    VALID_DOMAINS: config.BOT_DOMAIN ? [config.BOT_DOMAIN] : [host],
    STATIC_TABS: [{ entityId: 'cpu-desk', name: 'Desk', contentUrl: `https://${host}/desk/`, websiteUrl: `https://${host}/desk/`, scopes: ['personal'] }],
    WEB_APPLICATION_INFO: { id: deskClientId, resource: config.DESK_APP_ID_URI ?? `api://${host}/${deskClientId}` },
  }) as Record<string, unknown>;

  const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, (await officialSchema(template.manifestVersion)) as never);
  if (errors.length > 0) throw new PackageError(`manifest.json does not match the Teams manifest schema ${template.manifestVersion}:\n  - ${errors.join('\n  - ')}`);

  const iconsDir = options.iconsDir ?? MANIFEST_DIR;
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2));
  for (const name of Object.keys(ICONS) as (keyof typeof ICONS)[]) {
    const file = ICONS[name].file;
    const png = await readFile(join(iconsDir, file)).catch(() => {
      throw new PackageError(`${file} is missing from ${iconsDir}`);
    });
    checkIcon(name, png);
    zip.file(file, png);
  }
  return { manifest, zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }) };
}
