// The bot's settings, read once from the environment and validated, so a bad value fails at start.
import { z } from 'zod';

const list = z
  .string()
  .optional()
  .transform((s) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean));

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  MicrosoftAppId: z.string().trim().optional().transform((s) => s || undefined),
  MicrosoftAppPassword: z.string().optional().transform((s) => s || undefined),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: z.string().trim().optional().transform((s) => s || undefined),
  /** Comma-separated Entra tenant ids whose activities are served; empty serves any tenant. */
  ALLOWED_TENANTS: list,
  /** Comma-separated AAD object ids of users who may schedule and see every case. */
  ADMIN_USER_IDS: list,
  /** Where Bot Framework's token signing keys are published; only sovereign clouds (and tests) change it. */
  ToBotFromChannelOpenIdMetadataUrl: z.url().optional(),
  AZURE_TABLES_CONNECTION_STRING: z.string().trim().optional().transform((s) => s || undefined),
  /** Folder of the embedded Azurite store when no connection string is set (default .data/azurite). */
  DATA_DIR: z.string().trim().optional().transform((s) => s || undefined),
  /** Folder of the area's policy files (docs/policies.md); default: the four shipped in policies/. */
  POLICY_DIR: z.string().trim().optional().transform((s) => s || undefined),
  /** Microsoft Graph, to find people by email (GET /users/{upn}; User.Read.All, application). */
  GRAPH_ENDPOINT: z.url().default('https://graph.microsoft.com'),
  /** Where tokens for Graph come from (the Entra authority host). */
  GRAPH_AUTHORITY: z.url().default('https://login.microsoftonline.com'),
  /** The app registration that reads the directory; default: the bot's own (MicrosoftAppId, -Password, -TenantId). */
  DIRECTORY_CLIENT_ID: z.string().trim().optional().transform((s) => s || undefined),
  DIRECTORY_CLIENT_SECRET: z.string().optional().transform((s) => s || undefined),
  DIRECTORY_TENANT_ID: z.string().trim().optional().transform((s) => s || undefined),
  /** Where the bot opens 1:1 chats it was never written in (reminders): Teams' Bot Connector service. */
  TEAMS_SERVICE_URL: z.url().default('https://smba.trafficmanager.net/teams/'),
  /** The bot's public address, for links in cards (calendar files); default: the address it listens on. */
  PUBLIC_URL: z.url().optional(),
  /** Signs calendar-file links; default: MicrosoftAppPassword (links are off in production without either). */
  LINK_SECRET: z.string().min(16).optional(),
});

export type BotConfig = z.infer<typeof Env>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
