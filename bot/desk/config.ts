// The desk's settings (the Child Protection Unit's Teams tab), read from the environment and
// validated once. Token checks: which app the token is for, which tenants, where the keys are.
import { z } from 'zod';

const list = z
  .string()
  .optional()
  .transform((s) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean));
const optional = z.string().trim().optional().transform((s) => s || undefined);

const Env = z.object({
  /** The Entra app registration of the tab's single sign-on (webApplicationInfo.id); the bot's app id by default. */
  DESK_CLIENT_ID: optional,
  MicrosoftAppId: optional,
  /** Its Application ID URI (`api://host/<client id>`), when it is not `api://<client id>`. */
  DESK_APP_ID_URI: optional,
  /** Where Entra publishes its token-signing keys; only sovereign clouds (and tests) change it. */
  DESK_JWKS_URL: z.url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  /** The delegated scope the tab asks for. */
  DESK_SCOPE: z.string().trim().min(1).default('access_as_user'),
  /** The Entra app role that marks Child Protection Unit staff. */
  DESK_UNIT_ROLE: z.string().trim().min(1).default('ChildProtectionUnit'),
  /** Entra group object ids whose members are Unit staff (the token's `groups` claim). */
  DESK_UNIT_GROUP_IDS: list,
  /** Unit staff by Entra object id (the bot's own admin list). */
  ADMIN_USER_IDS: list,
  /** Tenants whose people may open the desk; the bot's tenant is always one. */
  ALLOWED_TENANTS: list,
  MicrosoftAppTenantId: optional,
  /**
   * Pages allowed to host the tab besides Microsoft's Teams, Outlook and Microsoft 365 origins
   * (teams-js refuses messages from any other window). Empty in production.
   */
  DESK_HOST_ORIGINS: list,
});

export interface DeskConfig {
  clientId?: string;
  audiences: string[];
  jwksUrl: string;
  scope: string;
  unitRole: string;
  unitGroups: string[];
  unitUsers: string[];
  tenants: string[];
  hostOrigins: string[];
}

export function readDeskConfig(env: NodeJS.ProcessEnv = process.env): DeskConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid desk configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const clientId = e.DESK_CLIENT_ID ?? e.MicrosoftAppId;
  const audiences = clientId ? [clientId, `api://${clientId}`, ...(e.DESK_APP_ID_URI ? [e.DESK_APP_ID_URI] : [])] : [];
  return {
    clientId,
    audiences,
    jwksUrl: e.DESK_JWKS_URL,
    scope: e.DESK_SCOPE,
    unitRole: e.DESK_UNIT_ROLE,
    unitGroups: e.DESK_UNIT_GROUP_IDS,
    unitUsers: e.ADMIN_USER_IDS,
    tenants: [...new Set([...e.ALLOWED_TENANTS, ...(e.MicrosoftAppTenantId ? [e.MicrosoftAppTenantId] : [])])],
    hostOrigins: e.DESK_HOST_ORIGINS,
  };
}
