// Pictures of cards the playground's UI never shows: other users' 1:1 cards (invitations,
// circulated decisions) and the answer a click returns to someone else (a voter's own view).
// The card JSON the bot sent is rendered in Chromium by Microsoft's own `adaptivecards`
// renderer in a local page, with the playground's host config (read from its pinned bundle;
// a close copy otherwise), so these pictures look like the ones taken in the playground.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ChromiumSession } from './browser.js';
import { ARTIFACTS, ROOT } from './playground.js';

const require = createRequire(path.join(ROOT, 'package.json'));

/** Teams' light theme as the playground 0.2.28 configures the renderer (the fallback). */
const FALLBACK_HOST_CONFIG = {
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#EEEEEE' },
  fontTypes: {
    default: {
      fontFamily: "'Segoe UI', Tahoma, Geneva, Verdana, sans-serif",
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 200, default: 400, bolder: 600 },
    },
  },
  containerStyles: {
    default: { backgroundColor: '#ffffff', foregroundColors: { default: { default: '#252424', subtle: '#bf252424' }, attention: { default: '#c4314b', subtle: '#e5c4314b' }, good: { default: '#237b4b', subtle: '#e5237b4b' }, warning: { default: '#835c00', subtle: '#e5835c00' }, accent: { default: '#6264a7', subtle: '#8b8cc7' } } },
    emphasis: { backgroundColor: '#f9f8f7' },
  },
  actions: { maxActions: 6, buttonSpacing: 8, showCard: { actionMode: 'Inline', inlineTopMargin: 16, style: 'emphasis' }, actionsOrientation: 'Horizontal', actionAlignment: 'Left', allowButtonsToWrap: true },
  factSet: { title: { weight: 'Bolder', wrap: true }, value: { wrap: true }, spacing: 16 },
};

/** The host config the playground's UI gives the renderer, from its bundled client. */
function playgroundHostConfig(): unknown {
  try {
    const dir = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'dist/client/static/js');
    const bundle = readFileSync(path.join(dir, readdirSync(dir).find((f) => /^main\..*\.js$/.test(f)) ?? ''), 'utf8');
    const literal = /JSON\.parse\('(\{"choiceSetInputValueSeparator"(?:[^'\\]|\\.)*)'\)/.exec(bundle)?.[1];
    if (literal) return JSON.parse(literal.replace(/\\(.)/g, '$1'));
  } catch {
    /* fall back */
  }
  return FALLBACK_HOST_CONFIG;
}

/** Buttons and inputs roughly as Teams draws them (the playground uses Fluent UI controls). */
const CSS = `
  body { margin: 0; padding: 24px; background: #f5f5f5; font-family: 'Segoe UI', Tahoma, Geneva, Verdana, sans-serif; }
  #frame { width: 520px; background: #fff; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.15); overflow: hidden; }
  #caption { font-size: 12px; color: #616161; margin: 0 0 8px 2px; }
  .ac-pushButton { font: 600 14px 'Segoe UI', Tahoma, Geneva, Verdana, sans-serif; color: #242424; background: #fff;
    border: 1px solid #d1d1d1; border-radius: 4px; padding: 5px 12px; min-height: 32px; overflow: hidden; text-overflow: ellipsis; }
  .ac-pushButton.style-positive { background: #5b5fc7; border-color: #5b5fc7; color: #fff; }
  .ac-pushButton.style-destructive { color: #c4314b; border-color: #c4314b; }
  .ac-pushButton.expanded { background: #e8ebfa; }
  .ac-input { font: 14px 'Segoe UI', Tahoma, Geneva, Verdana, sans-serif; border: 1px solid #d1d1d1; border-bottom-color: #616161;
    border-radius: 4px; padding: 5px 8px; min-height: 32px; box-sizing: border-box; width: 100%; }
  textarea.ac-input { min-height: 60px; }
  .ac-input.ac-toggleInput input { width: 16px; height: 16px; }
`;

const MARKDOWN = `
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
    var html = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    html = html.replace(/\\*\\*([^*]+)\\*\\*/g, '<strong>$1</strong>').replace(/\\n/g, '<br>');
    result.outputHtml = '<p style="margin:0">' + html + '</p>';
    result.didProcess = true;
  };
`;

export interface RenderedCard {
  file: string;
  /** The card's visible text, for assertions. */
  text: string;
}

/** One page reused for every picture; errors in parsing the card fail the picture. */
export class CardRenderer {
  private page?: Page;
  private readonly hostConfig = playgroundHostConfig();

  /** `returnTo`: the tab to bring back to the front after each picture (the playground's). */
  constructor(
    private readonly session: ChromiumSession,
    private readonly returnTo?: Page,
  ) {}

  /** Renders `card` and saves test/artifacts/<name>.png; `caption` says whose view it is. */
  async render(name: string, card: unknown, caption?: string): Promise<RenderedCard> {
    const page = await this.open();
    await page.bringToFront();
    const outcome = await page.evaluate(
      ({ card, hostConfig, caption }) => {
        const AC = (window as unknown as { AdaptiveCards: any }).AdaptiveCards;
        document.getElementById('caption')!.textContent = caption ?? '';
        const frame = document.getElementById('frame')!;
        frame.replaceChildren();
        const adaptiveCard = new AC.AdaptiveCard();
        adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
        const context = new AC.SerializationContext(AC.Versions.v1_5);
        adaptiveCard.parse(card, context);
        const problems: string[] = [];
        for (let i = 0; i < context.eventCount; i++) {
          const event = context.getEventAt(i);
          if (event.event !== AC.ValidationEvent.Hint && event.event !== AC.ValidationEvent.Deprecated) problems.push(event.message);
        }
        const element = adaptiveCard.render();
        if (!element) return { problems: [...problems, 'render() returned nothing'], text: '' };
        frame.appendChild(element);
        return { problems, text: frame.innerText.trim() };
      },
      { card, hostConfig: this.hostConfig, caption },
    );
    if (!outcome.text) throw new Error(`card ${name} rendered empty${outcome.problems.length ? `: ${outcome.problems.join('; ')}` : ''}`);
    if (outcome.problems.length) throw new Error(`card ${name} did not parse cleanly: ${outcome.problems.join('; ')}`);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    await page.locator('#shot').screenshot({ path: file, animations: 'disabled' });
    // Headless Chromium draws only the tab in front at full speed: give the front back.
    await this.returnTo?.bringToFront();
    return { file, text: outcome.text };
  }

  private async open(): Promise<Page> {
    if (this.page) return this.page;
    const page = await this.session.newPage();
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head>
      <body><div id="shot" style="display:inline-block"><div id="caption"></div><div id="frame"></div></div></body></html>`);
    await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
    // The cards use **bold** only; Teams renders that markdown, the bare renderer does not.
    // (Plain script text: functions handed to page.evaluate would carry the test loader's helpers.)
    await page.addScriptTag({ content: MARKDOWN });
    this.page = page;
    return page;
  }
}
