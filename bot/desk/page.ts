// The desk's page, served by the bot's own server: the bundle built from web/ (npm run build),
// and the one setting the page needs before it signs in. Teams shows the page in a frame, so
// only Microsoft's Teams and Microsoft 365 hosts (and any configured host) may frame it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Response, Server } from 'restify';
import type { DeskConfig } from './config.js';

/** Where `npm run build` puts the page (web/build.ts): beside bot/ in the sources, or above dist/. */
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = [path.resolve(HERE, '..', '..', 'web', 'dist'), path.resolve(HERE, '..', '..', '..', 'web', 'dist')].find(existsSync) ?? path.resolve(HERE, '..', '..', 'web', 'dist');

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.txt': 'text/plain; charset=utf-8' };
const FILES = new Set(['index.html', 'desk.js', 'desk.js.LEGAL.txt']);

/** Microsoft's hosts of Teams tabs (Teams, Outlook, Microsoft 365), as the Teams docs list them. */
const TEAMS_HOSTS = ['https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.office.com', 'https://*.microsoft365.com', 'https://*.cloud.microsoft', 'https://outlook.office.com', 'https://*.skype.com'];

export function mountDeskPage(server: Server, config: Pick<DeskConfig, 'hostOrigins' | 'clientId'>): void {
  const headers = (res: Response, type: string) => {
    res.header('Content-Type', type);
    res.header('Content-Security-Policy', `default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors ${[...TEAMS_HOSTS, ...config.hostOrigins].join(' ')}`);
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
  };
  const send = (res: Response, file: string) => {
    const full = path.join(WEB_DIST, file);
    if (!FILES.has(file) || !existsSync(full)) {
      res.send(404, { error: file === 'index.html' ? 'The desk page is not built: run npm run build.' : 'Not found' });
      return;
    }
    headers(res, TYPES[path.extname(file)] ?? 'application/octet-stream');
    res.header('Cache-Control', 'no-cache');
    res.sendRaw(200, readFileSync(full));
  };
  server.get('/desk', (_req, res, next) => {
    res.redirect(302, '/desk/', next);
  });
  server.get('/desk/', async (_req, res) => send(res, 'index.html'));
  server.get('/desk/config.json', async (_req, res) => {
    res.header('Cache-Control', 'no-cache');
    res.send(200, { hostOrigins: config.hostOrigins, clientId: config.clientId ?? null });
  });
  server.get('/desk/:file', async (req, res) => send(res, String(req.params.file)));
}
