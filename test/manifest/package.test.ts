import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { MENU_COMMANDS } from '../../cards/commands.js';
import { MANIFEST_DIR, PackageError, buildAppPackage } from '../../manifest/app-package.js';
import { colorIcon, outlineIcon } from '../../manifest/make-icons.js';
import { decodeRgbaPng, encodePng, readPngHeader } from '../../manifest/png.js';

const APP_ID = '6f1c2f7e-3a1b-4c5d-9e8f-0a1b2c3d4e5f';
const ENV = { MicrosoftAppId: APP_ID, BOT_DOMAIN: 'cp-bot.example.gov.uk' };

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    expect(e).to.be.instanceOf(PackageError);
    return (e as Error).message;
  }
  throw new Error('expected the package to be refused');
}

function iconsDirWith(file: string, png: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'icons-'));
  writeFileSync(join(dir, 'color.png'), readFileSync(join(MANIFEST_DIR, 'color.png')));
  writeFileSync(join(dir, 'outline.png'), readFileSync(join(MANIFEST_DIR, 'outline.png')));
  writeFileSync(join(dir, file), png);
  return dir;
}

describe('Teams app package', () => {
  it('zips manifest.json and both icons; the manifest validates against the official schema', async () => {
    const { manifest, zip } = await buildAppPackage({ env: ENV, version: '1.4.2' });
    const files = await JSZip.loadAsync(zip);
    expect(Object.keys(files.files).sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(await files.file('manifest.json')!.async('string')) as Record<string, any>;
    expect(packed).to.deep.equal(manifest);
    expect(Number(packed.manifestVersion)).to.be.at.least(1.17);
    expect(await AppManifestUtils.validateAgainstSchema(packed as AppManifest)).to.deep.equal([]);
    expect(packed.id).to.equal(APP_ID);
    expect(packed.version).to.equal('1.4.2');
    expect(packed.validDomains).to.deep.equal(['cp-bot.example.gov.uk']);
    const bot = packed.bots[0];
    expect(bot.botId).to.equal(APP_ID);
    expect(bot.scopes).to.deep.equal(['personal', 'team', 'groupChat']);
    expect(bot.commandLists[0].commands.map((c: { title: string }) => c.title)).to.deep.equal(MENU_COMMANDS.map((c) => c.title));
    expect(readPngHeader(Buffer.from(await files.file('color.png')!.async('uint8array')))).to.include({ width: 192, height: 192 });
    expect(readPngHeader(Buffer.from(await files.file('outline.png')!.async('uint8array')))).to.include({ width: 32, height: 32 });
  });

  it('has the desk as a personal static tab on the bot\'s host, with Teams single sign-on (webApplicationInfo)', async () => {
    const { manifest } = await buildAppPackage({ env: ENV });
    expect(manifest.staticTabs).to.deep.equal([{ entityId: 'cpu-desk', name: 'Desk', contentUrl: 'https://cp-bot.example.gov.uk/desk/', websiteUrl: 'https://cp-bot.example.gov.uk/desk/', scopes: ['personal'] }]);
    expect(manifest.webApplicationInfo).to.deep.equal({ id: APP_ID, resource: `api://cp-bot.example.gov.uk/${APP_ID}` });
    const own = '0d9a7c1e-1111-4222-8333-944455556666';
    const { manifest: separate } = await buildAppPackage({ env: { ...ENV, DESK_CLIENT_ID: own, DESK_APP_ID_URI: `api://desk.example.gov.uk/${own}` } });
    expect(separate.webApplicationInfo).to.deep.equal({ id: own, resource: `api://desk.example.gov.uk/${own}` });
    expect(await AppManifestUtils.validateAgainstSchema(separate as unknown as AppManifest)).to.deep.equal([]);
    expect(await failure(buildAppPackage({ env: { ...ENV, DESK_CLIENT_ID: 'desk' } }))).to.match(/DESK_CLIENT_ID must be a GUID/);
  });

  it('takes the name, version and Teams app id from the environment', async () => {
    const teamsAppId = '0d9a7c1e-1111-4222-8333-944455556666';
    const { manifest } = await buildAppPackage({ env: { ...ENV, APP_NAME: 'Conference Bot', APP_VERSION: '2.0.1', TEAMS_APP_ID: teamsAppId } });
    expect(manifest).to.deep.include({ id: teamsAppId, version: '2.0.1' });
    expect((manifest.name as { short: string }).short).to.equal('Conference Bot');
  });

  it('a missing MicrosoftAppId is refused with a clear message', async () => {
    expect(await failure(buildAppPackage({ env: { BOT_DOMAIN: 'cp-bot.example.gov.uk' } }))).to.match(/MicrosoftAppId is not set/);
  });

  it('a MicrosoftAppId that is not a GUID is refused with a clear message', async () => {
    expect(await failure(buildAppPackage({ env: { ...ENV, MicrosoftAppId: 'my-bot' } }))).to.match(/MicrosoftAppId must be a GUID/);
  });

  it('a colour icon of the wrong size is refused, naming the sizes', async () => {
    const small = encodePng(100, 100, new Uint8Array(100 * 100 * 4).fill(200));
    const message = await failure(buildAppPackage({ env: ENV, iconsDir: iconsDirWith('color.png', small) }));
    expect(message).to.equal('color.png is 100×100; Teams needs 192×192');
  });

  it('an outline icon that is not white on transparent is refused', async () => {
    const opaque = encodePng(32, 32, new Uint8Array(32 * 32 * 4).fill(255));
    expect(await failure(buildAppPackage({ env: ENV, iconsDir: iconsDirWith('outline.png', opaque) }))).to.match(/transparent background/);
    const blue = new Uint8Array(32 * 32 * 4);
    blue.set([0, 0, 255, 255], 0);
    expect(await failure(buildAppPackage({ env: ENV, iconsDir: iconsDirWith('outline.png', encodePng(32, 32, blue)) }))).to.match(/white on transparent/);
  });

  it('the committed icons are the ones the script draws', () => {
    expect(readFileSync(join(MANIFEST_DIR, 'color.png')).equals(colorIcon())).to.equal(true);
    expect(readFileSync(join(MANIFEST_DIR, 'outline.png')).equals(outlineIcon())).to.equal(true);
    const { rgba } = decodeRgbaPng(outlineIcon());
    expect(rgba.some((_, i) => i % 4 === 3 && rgba[i] === 0)).to.equal(true);
  });

  it('npm run package exits non-zero and says what is wrong', () => {
    const env = { ...process.env, MicrosoftAppId: 'not-a-guid', BOT_DOMAIN: 'cp-bot.example.gov.uk' };
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(MANIFEST_DIR, 'package.ts')], { env, encoding: 'utf8' });
    expect(run.status).to.equal(1);
    expect(run.stderr).to.match(/MicrosoftAppId must be a GUID/);
  });
});
