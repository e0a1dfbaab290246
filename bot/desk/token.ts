// Teams single sign-on for the desk: the tab gets an Entra access token from Teams
// (teams-js `authentication.getAuthToken`) and sends it as a bearer token. Here it is checked
// with `jose` against the key set Entra publishes (a loopback one in tests — the same code):
// signature, audience (the tab's app), issuer and tenant (an allowed one), expiry, scope.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { DeskConfig } from './config.js';

/** Who the token says the user is, and what Entra says they may be. */
export interface DeskUser {
  /** Entra object id: what conferences record as the chair's user id. */
  userId: string;
  name: string;
  tenantId: string;
  roles: string[];
  groups: string[];
}

/** A token that does not let anyone in; the message says why without echoing the token. */
export class TokenRefused extends Error {
  override name = 'TokenRefused';
}

const Claims = z.object({
  oid: z.string().min(1).max(200),
  tid: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
  preferred_username: z.string().max(200).optional(),
  scp: z.string().max(2000).optional(),
  roles: z.array(z.string().max(200)).max(500).optional(),
  groups: z.array(z.string().max(200)).max(500).optional(),
});

/** Entra's two issuer forms (v2.0 and v1 tokens) for one tenant. */
export const issuersOf = (tenantId: string) => [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];

export type VerifyToken = (token: string) => Promise<DeskUser>;

export function tokenVerifier(config: Pick<DeskConfig, 'audiences' | 'jwksUrl' | 'tenants' | 'scope'>): VerifyToken {
  // The key set is fetched when first needed and again when a token names an unknown key.
  const keys = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  const issuers = config.tenants.flatMap(issuersOf);
  return async (token) => {
    if (config.audiences.length === 0 || config.tenants.length === 0) {
      throw new TokenRefused('The desk is not set up: its app registration (DESK_CLIENT_ID or MicrosoftAppId) and tenant (MicrosoftAppTenantId or ALLOWED_TENANTS) are required.');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        audience: config.audiences,
        issuer: issuers,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'iat', 'oid', 'tid'],
        clockTolerance: 60,
        maxTokenAge: '24h',
      }));
    } catch (err) {
      throw new TokenRefused(reasonOf(err));
    }
    const claims = Claims.safeParse(payload);
    if (!claims.success) throw new TokenRefused('The sign-in token lacks the user or tenant it is for.');
    const c = claims.data;
    // The issuer names the tenant too; both must agree (a token of one tenant cannot claim another).
    if (!config.tenants.includes(c.tid) || !issuersOf(c.tid).includes(String(payload.iss))) {
      throw new TokenRefused('The sign-in token is from an organisation this desk does not serve.');
    }
    const scopes = (c.scp ?? '').split(' ');
    if (!scopes.includes(config.scope)) throw new TokenRefused(`The sign-in token was not issued for this desk (scope ${config.scope} missing).`);
    return { userId: c.oid, name: c.name ?? c.preferred_username ?? 'Unknown user', tenantId: c.tid, roles: c.roles ?? [], groups: c.groups ?? [] };
  };
}

function reasonOf(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'The sign-in token has expired: reopen the tab.';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return 'The sign-in token is for another app.';
    if (err.claim === 'iss') return 'The sign-in token is from an organisation this desk does not serve.';
    if (err.claim === 'iat' || err.claim === 'nbf') return 'The sign-in token is not valid yet, or too old.';
    return `The sign-in token's ${err.claim} claim is not acceptable.`;
  }
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey) return 'The sign-in token is not signed by Microsoft Entra.';
  if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError)) return 'The sign-in keys could not be fetched: try again shortly.';
  return 'The sign-in token could not be read.';
}
