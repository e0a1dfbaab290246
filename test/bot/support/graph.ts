// A loopback stand-in for Entra ID (the token endpoint of the client-credentials flow, with its
// OpenID metadata) and Microsoft Graph (`GET /v1.0/users/{upn}`), over HTTPS as the real ones are:
// the bot's directory reaches it through @azure/identity and the Graph client unchanged. Its
// certificate (test/support/tls) is trusted by this test process only.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import type { Member } from './connector.js';

const TLS_DIR = new URL('../../support/tls/', import.meta.url);
const cert = readFileSync(new URL('loopback.crt', TLS_DIR), 'utf8');
const key = readFileSync(new URL('loopback.key', TLS_DIR), 'utf8');
let trusted = false;

/** Trusts the stand-in's certificate in this process, beside the usual roots. */
function trustLoopback(): void {
  if (trusted) return;
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), cert]);
  trusted = true;
}

export const DIRECTORY_APP = { clientId: 'cp-bot-directory-app', secret: 'directory-secret-for-tests' };

export class FakeGraph {
  private server?: Server;
  private readonly tokens = new Set<string>();
  /** Every token request and every user look-up, in order. */
  readonly requests: { path: string; auth?: string; form?: Record<string, string> }[] = [];
  /** When set, every Graph call answers this status (e.g. 503, 429). */
  failWith?: number;

  constructor(private readonly people: Member[]) {}

  get url(): string {
    return `https://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    trustLoopback();
    this.server = createServer({ cert, key }, (req, res) => void this.handle(req, res).catch((e: Error) => send(res, 500, { error: { code: 'Fake', message: e.message } })));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  /** User look-ups made (the UPNs asked for). */
  lookups(): string[] {
    return this.requests.filter((r) => r.path.startsWith('/v1.0/users/')).map((r) => decodeURIComponent(r.path.slice('/v1.0/users/'.length).split('?')[0]!));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const body = await readBody(req);
    const parts = url.pathname.split('/').filter(Boolean);
    // Entra: /{tenant}/v2.0/.well-known/openid-configuration and /{tenant}/oauth2/v2.0/token
    if (req.method === 'GET' && url.pathname.endsWith('/v2.0/.well-known/openid-configuration')) {
      const tenant = parts[0]!;
      const base = `${this.url}/${tenant}`;
      return send(res, 200, {
        issuer: `${base}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post'],
        tenant_region_scope: null,
        cloud_instance_name: '127.0.0.1',
      });
    }
    if (req.method === 'POST' && url.pathname.endsWith('/oauth2/v2.0/token')) {
      const form = Object.fromEntries(new URLSearchParams(body));
      this.requests.push({ path: url.pathname, form });
      if (form.grant_type !== 'client_credentials' || form.client_id !== DIRECTORY_APP.clientId || form.client_secret !== DIRECTORY_APP.secret) {
        return send(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
      }
      const token = `graph-token-${randomUUID()}`;
      this.tokens.add(token);
      return send(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
    }
    if (req.method === 'GET' && parts[0] === 'v1.0' && parts[1] === 'users' && parts[2]) {
      const auth = req.headers.authorization;
      this.requests.push({ path: url.pathname + url.search, auth });
      if (!auth?.startsWith('Bearer ') || !this.tokens.has(auth.slice(7))) return send(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty or invalid.' } });
      if (this.failWith) return send(res, this.failWith, { error: { code: 'ServiceUnavailable', message: 'Try again later.' } });
      const upn = decodeURIComponent(parts[2]).toLowerCase();
      const m = this.people.find((p) => p.email.toLowerCase() === upn || p.userPrincipalName?.toLowerCase() === upn || p.aadObjectId === upn);
      if (!m) return send(res, 404, { error: { code: 'Request_ResourceNotFound', message: `Resource '${upn}' does not exist.` } });
      return send(res, 200, { id: m.aadObjectId, displayName: m.name, mail: m.email, userPrincipalName: m.userPrincipalName ?? m.email });
    }
    return send(res, 404, { error: { code: 'NotFound', message: url.pathname } });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
