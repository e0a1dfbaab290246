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
