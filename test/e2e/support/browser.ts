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
  // Several tabs (the playground, the card renderer): a tab in the background must not be
  // throttled, or every screenshot and keystroke there waits seconds for a frame.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
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
   * returns the path. Fails if the card shows no text (an empty frame) or an error banner. A card
   * taller than the window is photographed whole: the window grows for the picture.
   */
  async screenshotCard(name: string, options: { cardText?: string | RegExp } = {}): Promise<string> {
    const card = await this.waitForCard(options.cardText);
    const text = (await card.innerText()).trim();
    if (!text) throw new Error(`card for ${name} rendered empty`);
    const banner = await this.errorBanner(card);
    if (banner) throw new Error(`card for ${name} shows an error: ${banner}`);
    await this.dismissNotes(card);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    const viewport = this.page.viewportSize();
    const height = Math.ceil((await card.boundingBox())?.height ?? 0);
    const grow = viewport && height + 320 > viewport.height;
    try {
      if (grow) await this.page.setViewportSize({ width: viewport.width, height: height + 320 });
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: file, animations: 'disabled' });
    } finally {
      if (grow) await this.page.setViewportSize(viewport);
    }
    return file;
  }

  /**
   * The text of an error the playground shows under a card when the bot answers a click with an
   * error, if any. (0.2.28 draws that answer, and the "Your response was sent to the app" note
   * after a card update, as a bar with a "Dismiss Invoke Message" button; only the note is
   * labelled "Display Invoked Message".)
   */
  async errorBanner(card: Locator): Promise<string | undefined> {
    const bars = card.locator('div:has(> button[aria-label="Dismiss Invoke Message"])');
    for (let i = 0; i < (await bars.count()); i++) {
      const bar = bars.nth(i);
      if ((await bar.getAttribute('aria-label')) !== 'Display Invoked Message') return (await bar.innerText()).trim() || 'an error bar';
    }
    return undefined;
  }

  /** Closes the "Your response was sent to the app" notes under a card (for a clean picture). */
  async dismissNotes(card: Locator): Promise<void> {
    const dismiss = card.locator('div[aria-label="Display Invoked Message"] > button[aria-label="Dismiss Invoke Message"]');
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  }

  /** The inputs of the newest card (containing `cardText`), to fill them in as a person does. */
  async form(cardText?: string | RegExp): Promise<CardForm> {
    return new CardForm(await this.waitForCard(cardText), this.page);
  }

  /** A PNG of the whole window, for failures. */
  async screenshotPage(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Filling in one card in the playground, whose renderer draws inputs with Fluent UI controls:
 * text boxes, comboboxes for Input.ChoiceSet, a date picker that reads typed US dates
 * (M/D/YYYY) and a time picker. Inputs are found by their label, as a person finds them;
 * `nth` picks among repeated labels (rows of a form).
 */
export class CardForm {
  constructor(
    readonly card: Locator,
    private readonly page: Page,
  ) {}

  /** The control a label is for (the label's text exactly, a required marker ignored). */
  async control(label: string, nth = 0): Promise<Locator> {
    const pattern = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?\\s*$`);
    const labels = this.card.locator('label').filter({ hasText: pattern });
    try {
      await labels.nth(nth).waitFor({ state: 'attached', timeout: 10_000 });
    } catch {
      throw new Error(`no input labelled "${label}"${nth ? ` (#${nth + 1})` : ''} on the card (found ${await labels.count()})`);
    }
    const id = await labels.nth(nth).getAttribute('for');
    if (!id) throw new Error(`the label "${label}" is not tied to an input`);
    return this.card.locator(`[id="${id}"]`);
  }

  async text(label: string, value: string, nth = 0): Promise<void> {
    await (await this.control(label, nth)).fill(value);
  }

  /**
   * Picks options of an Input.ChoiceSet by their titles (several for a multi-select): a
   * combobox when the set is compact, radio buttons or checkboxes when it is expanded.
   */
  async choose(label: string, options: string | string[], nth = 0): Promise<void> {
    const box = await this.control(label, nth);
    if ((await box.getAttribute('role')) !== 'combobox') {
      for (const option of [options].flat()) {
        // Radio buttons are named by their choice; checkboxes carry it as aria-label (their
        // accessible name also includes the set's label).
        const radio = box.getByRole('radio', { name: option, exact: true });
        await radio.or(box.locator(`input[type="checkbox"][aria-label=${JSON.stringify(option)}]`)).check();
      }
      return;
    }
    await box.click();
    for (const option of [options].flat()) {
      await this.page.getByRole('option', { name: option, exact: true }).click();
    }
    if (Array.isArray(options)) await box.press('Escape');
    const value = await box.inputValue();
    for (const option of [options].flat()) {
      if (!value.includes(option)) throw new Error(`"${label}" shows "${value}" after choosing "${option}"`);
    }
  }

  /** Types an ISO date into an Input.Date and checks the picker understood it. */
  async date(label: string, iso: string, nth = 0): Promise<void> {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    const box = await this.control(label, nth);
    await box.fill(`${m}/${d}/${y}`);
    await box.press('Enter');
    await box.press('Escape');
    const shown = await box.inputValue();
    const expected = `${d} ${MONTHS[m - 1]} ${y}`;
    if (!shown.includes(expected)) throw new Error(`"${label}" shows "${shown}" after typing ${iso}`);
  }

  async time(label: string, hhmm: string, nth = 0): Promise<void> {
    const box = await this.control(label, nth);
    await box.fill(hhmm);
    await box.press('Enter');
    await box.press('Escape');
    const shown = await box.inputValue();
    if (shown !== hhmm) throw new Error(`"${label}" shows "${shown}" after typing ${hhmm}`);
  }

  /** Ticks an Input.Toggle (its title is its label). */
  async check(label: string, nth = 0): Promise<void> {
    await this.card.getByRole('checkbox', { name: label, exact: true }).nth(nth).check();
  }

  /** Clicks a button of this card (an Action.Execute sends the card's inputs with it). */
  async click(title: string): Promise<void> {
    await this.card.getByRole('button', { name: title, exact: true }).click();
  }
}
