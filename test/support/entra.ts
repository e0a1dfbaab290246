// A loopback stand-in for Microsoft Entra's token service: an RSA key set published over HTTP
// (as Entra publishes its keys) and tokens signed with it carrying the claims a Teams SSO
// token has. The desk validates them with the same code as in production, pointed here.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { DeskConfig } from '../../bot/desk/config.js';

/** The tenant the bot's tests run in: a desk of this tenant sees their conferences. */
export { TENANT } from '../bot/support/teams.js';
import { TENANT } from '../bot/support/teams.js';
export const OTHER_TENANT = '99999999-8888-4777-8666-555555555555';
export const CLIENT_ID = '6b1b4f3e-1c1a-4e39-9a55-0d3f7a2b9c10';

export interface TokenClaims {
  oid: string;
  name: string;
  tid?: string;
  roles?: string[];
  groups?: string[];
  aud?: string;
  iss?: string;
  scp?: string;
  /** Seconds from now; negative for a token already expired. */
  expiresIn?: number;
  /** Sign with a key that is not in the published set. */
  foreignKey?: boolean;
}

export class LoopbackEntra {
  private server?: Server;
  private key!: CryptoKey;
  private foreign!: CryptoKey;
  private jwk!: JWK;
  /** How many times the key set was fetched (the validator caches it). */
  fetches = 0;

  async start(): Promise<void> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    this.key = pair.privateKey;
    this.foreign = (await generateKeyPair('RS256')).privateKey;
    this.jwk = { ...(await exportJWK(pair.publicKey)), kid: 'loopback-key-1', use: 'sig', alg: 'RS256' };
    this.server = createServer((req, res) => {
      if (req.url !== '/discovery/v2.0/keys') {
        res.statusCode = 404;
        return void res.end();
      }
      this.fetches++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [this.jwk] }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  get jwksUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/discovery/v2.0/keys`;
  }

  /** The desk's settings as an authority would set them, with this key set. */
  deskConfig(extra: Partial<DeskConfig> = {}): DeskConfig {
    return {
      clientId: CLIENT_ID,
      audiences: [CLIENT_ID, `api://${CLIENT_ID}`, `api://desk.example.gov.uk/${CLIENT_ID}`],
      jwksUrl: this.jwksUrl,
      scope: 'access_as_user',
      unitRole: 'ChildProtectionUnit',
      unitGroups: [],
      unitUsers: [],
      tenants: [TENANT],
      hostOrigins: [],
      ...extra,
    };
  }

  /** A token as Teams SSO hands it to the tab (Entra v2.0, audience the app's ID URI). */
  async token(c: TokenClaims): Promise<string> {
    const tid = c.tid ?? TENANT;
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = c.expiresIn ?? 3600;
    const payload: Record<string, unknown> = { oid: c.oid, tid, name: c.name, scp: c.scp ?? 'access_as_user', ver: '2.0' };
    if (c.roles) payload.roles = c.roles;
    if (c.groups) payload.groups = c.groups;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: 'loopback-key-1', typ: 'JWT' })
      .setIssuer(c.iss ?? `https://login.microsoftonline.com/${tid}/v2.0`)
      .setAudience(c.aud ?? `api://desk.example.gov.uk/${CLIENT_ID}`)
      .setIssuedAt(expiresIn < 0 ? now + expiresIn - 3600 : now)
      .setNotBefore(expiresIn < 0 ? now + expiresIn - 3600 : now)
      .setExpirationTime(now + expiresIn)
      .setSubject(`sub-${c.oid}`)
      .sign(c.foreignKey ? this.foreign : this.key);
  }
}
