// A loopback Teams host for the desk tab: a page on its own origin that frames the tab, as
// Teams does, and answers the messages @microsoft/teams-js sends its host — `initialize` (frame
// context, client type, runtime config) and `authentication.getAuthToken` (the token this test
// hands the host, as Teams would hand over the user's Entra token). The tab runs unchanged; the
// desk's server validates the token with the production code.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const RUNTIME = {
  apiVersion: 4,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  isLegacyTeams: false,
  supports: { appInitialization: {}, authentication: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teamsCore: {}, logs: {} },
};

function hostPage(tabUrl: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Teams (loopback host)</title>
<style>html,body{margin:0;height:100%}iframe{border:0;width:100%;height:100%}</style></head>
<body><iframe id="tab" title="Child Protection Unit desk" src="${tabUrl}"></iframe>
<script>
const token = decodeURIComponent(location.hash.slice('#token='.length));
const tab = document.getElementById('tab');
window.hostLog = [];
window.addEventListener('message', (e) => {
  if (e.source !== tab.contentWindow || !e.data || typeof e.data.func !== 'string') return;
  const m = e.data;
  window.hostLog.push(m.func);
  const reply = (args) => tab.contentWindow.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, e.origin);
  if (m.func === 'initialize') reply(['content', 'web', ${JSON.stringify(JSON.stringify(RUNTIME))}, '2.58.0']);
  else if (m.func === 'authentication.getAuthToken') reply(token ? [true, token] : [false, 'resourceRequiresConsent']);
});
</script></body></html>`;
}

export class TeamsHost {
  private server?: Server;

  /** The tab's address (the bot's /desk/), set once the bot is listening. */
  tabUrl = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      if (!req.url?.startsWith('/host')) {
        res.statusCode = 404;
        return void res.end();
      }
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(hostPage(this.tabUrl));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** The host page, handing `token` to the tab when it asks (none: Teams refuses to sign in). */
  url(token?: string): string {
    return `${this.origin}/host#token=${encodeURIComponent(token ?? '')}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
