// The organisation's directory through Microsoft Graph: an email or UPN → the person's Entra
// object id (`GET /users/{upn}`, application permission User.Read.All), with the bot's own app
// registration (client-credentials flow through @azure/identity). The Graph endpoint and the
// authority are settings, so a sovereign cloud — or a loopback stand-in in tests — can be used.
import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import type { BotConfig } from './config.js';

export type DirectoryUser =
  | { kind: 'user'; id: string; displayName: string; mail?: string }
  | { kind: 'none' }
  /** Graph could not be asked (refused token, throttled, down): not the same as "nobody". */
  | { kind: 'failed'; why: string };

export interface Directory {
  user(upnOrEmail: string): Promise<DirectoryUser>;
}

interface GraphUser {
  id?: string;
  displayName?: string;
  mail?: string | null;
  userPrincipalName?: string;
}

/** The directory when its settings are complete; undefined otherwise (people are then found by Teams id only). */
export function directoryFromConfig(config: BotConfig): Directory | undefined {
  const tenant = config.DIRECTORY_TENANT_ID ?? config.MicrosoftAppTenantId;
  const clientId = config.DIRECTORY_CLIENT_ID ?? config.MicrosoftAppId;
  const secret = config.DIRECTORY_CLIENT_SECRET ?? config.MicrosoftAppPassword;
  if (!tenant || !clientId) return undefined;
  const credential: TokenCredential | undefined = secret
    ? new ClientSecretCredential(tenant, clientId, secret, { authorityHost: config.GRAPH_AUTHORITY, disableInstanceDiscovery: config.GRAPH_AUTHORITY !== DEFAULT_AUTHORITY })
    : config.MicrosoftAppType === 'UserAssignedMSI'
      ? new ManagedIdentityCredential({ clientId })
      : undefined;
  return credential ? new GraphDirectory(credential, config.GRAPH_ENDPOINT) : undefined;
}

export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';
export const DEFAULT_GRAPH = 'https://graph.microsoft.com';

export class GraphDirectory implements Directory {
  private readonly client: Client;

  constructor(credential: TokenCredential, endpoint = DEFAULT_GRAPH) {
    const base = new URL(endpoint);
    this.client = Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: [`${base.origin}/.default`] }),
      baseUrl: `${base.origin}/`,
      // The token goes only to the Graph host configured (a sovereign cloud, or a stand-in).
      customHosts: new Set([base.hostname]),
      defaultVersion: 'v1.0',
    });
  }

  async user(upnOrEmail: string): Promise<DirectoryUser> {
    try {
      const u = (await this.client.api(`/users/${encodeURIComponent(upnOrEmail)}`).select(['id', 'displayName', 'mail', 'userPrincipalName']).get()) as GraphUser;
      if (!u.id) return { kind: 'none' };
      return { kind: 'user', id: u.id, displayName: u.displayName ?? upnOrEmail, mail: u.mail ?? u.userPrincipalName ?? undefined };
    } catch (e) {
      if (e instanceof GraphError && e.statusCode === 404) return { kind: 'none' };
      const status = e instanceof GraphError ? `Graph answered ${e.statusCode} ${e.code ?? ''}`.trim() : (e as Error).message;
      return { kind: 'failed', why: status.slice(0, 200) };
    }
  }
}
