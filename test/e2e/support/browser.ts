// The playground's real UI in Debian's Chromium through playwright-core: open a chat, type,
// click card buttons by title, and photograph cards. Nothing leaves the machine: every
// request to anything but localhost is aborted (the UI asks a CDN for web fonts).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { PlaygroundConfig } from './client.js';
import { ARTIFACTS } from './playground.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumSession {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile that is deleted on close; `scale` is the device pixel ratio of screenshots. */
export async function launchChromium(options: { headless?: boolean; scale?: number } = {}): Promise<ChromiumSession> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'cp-e2e-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: options.headless ?? true,
      args: FLAGS,
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: options.scale ?? 2, // crisp card pictures for the docs
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      timeout: 30_000,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  await context.route((url) => !isLocal(url), (route) => route.abort());
  context.setDefaultTimeout(15_000);
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function isLocal(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:';
}

export type ChatName = 'personal' | 'group' | { channel: string };

/** One browser tab on the playground, seen as the config's current user. */
export class PlaygroundUi {
  /** Uncaught errors in the page, for diagnosis. */
  readonly pageErrors: string[] = [];

  private constructor(
    readonly page: Page,
    readonly config: PlaygroundConfig,
  ) {
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
  }

  static async open(session: ChromiumSession, url: string, config: PlaygroundConfig): Promise<PlaygroundUi> {
    const page = await session.newPage();
    const ui = new PlaygroundUi(page, config);
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    await page.getByRole('treeitem', { name: 'Personal Chat' }).waitFor({ timeout: 30_000 });
    return ui;
  }

  /** Selects a chat in the left rail (the UI then sends the bot its install events once). */
  async openChat(chat: ChatName): Promise<void> {
    const name =
      chat === 'personal'
        ? 'Personal Chat'
        : chat === 'group'
          ? (this.config.groupChats[0]?.name ?? 'Group Chat')
          : `${this.config.teams[0]?.name ?? ''} - ${chat.channel}`;
    await this.page.getByRole('treeitem', { name, exact: true }).click();
    await this.compose.waitFor();
  }

  get compose(): Locator {
    return this.page.getByRole('textbox');
  }

  /** Types into the compose box and sends, optionally @mentioning the bot through the picker. */
  async send(text: string, options: { mentionBot?: boolean } = {}): Promise<void> {
    const box = this.compose;
    await box.click();
    if (options.mentionBot) {
      const botName = this.config.bot.name;
      await box.pressSequentially(`@${botName.slice(0, 4)}`);
      await this.page.getByRole('menuitem', { name: botName }).click();
      await box.pressSequentially(` ${text}`);
    } else {
      await box.fill(text);
    }
    await box.press('Enter');
  }

  /** Bot messages holding an Adaptive Card, optionally only those containing `text`. */
  cards(text?: string | RegExp): Locator {
    const all = this.page.locator('.fai-OutputCard').filter({ has: this.page.locator('.ac-adaptiveCard') });
    return text === undefined ? all : all.filter({ hasText: text });
  }

  /** The newest card (containing `text`), once it is on screen. */
  async waitForCard(text?: string | RegExp, timeoutMs = 15_000): Promise<Locator> {
    const card = this.cards(text).last();
    await card.waitFor({ state: 'visible', timeout: timeoutMs });
    return card;
  }

  /** Clicks the button titled `title` on the newest card (containing `cardText`). */
  async clickButton(title: string, options: { cardText?: string | RegExp; timeoutMs?: number } = {}): Promise<void> {
    const card = await this.waitForCard(options.cardText, options.timeoutMs);
    await card.getByRole('button', { name: title, exact: true }).click();
  }

  /** Fills a card input by its label or placeholder on the newest card (containing `cardText`). */
  async fillInput(label: string, value: string, options: { cardText?: string | RegExp } = {}): Promise<void> {
    const card = await this.waitForCard(options.cardText);
    const byLabel = card.getByLabel(label, { exact: true });
    const input = (await byLabel.count()) > 0 ? byLabel.first() : card.getByPlaceholder(label, { exact: true }).first();
    await input.fill(value);
  }

  /**
   * Saves a PNG of the newest card (containing `cardText`) as test/artifacts/<name>.png and
   * returns the path. Fails if the card shows no text (an empty frame).
   */
  async screenshotCard(name: string, options: { cardText?: string | RegExp } = {}): Promise<string> {
    const card = await this.waitForCard(options.cardText);
    const text = (await card.innerText()).trim();
    if (!text) throw new Error(`card for ${name} rendered empty`);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    await card.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  /** A PNG of the whole window, for failures. */
  async screenshotPage(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
