// The real CloudAdapter: Bot Framework authentication when an app id is configured,
// anonymous (local use only) without one; plus the tenant guard and the last-resort error reply.
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import type { BotConfig } from './config.js';

export function createAdapter(config: BotConfig, log: (line: string) => void): CloudAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType ?? (config.MicrosoftAppId ? 'MultiTenant' : undefined),
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
  const auth = new ConfigurationBotFrameworkAuthentication(
    { MicrosoftAppId: config.MicrosoftAppId, MicrosoftAppTenantId: config.MicrosoftAppTenantId },
    credentials,
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log(`turn failed: ${error.stack ?? error.message}`);
    // Nothing was confirmed to the user, so say plainly that it did not go through.
    await context
      .sendActivity('Sorry, that could not be completed and nothing was saved. Please try again in a moment.')
      .catch(() => undefined);
  };
  return adapter;
}

/** The tenant of an incoming Teams activity, wherever the channel put it. */
export function tenantOf(context: TurnContext): string | undefined {
  const a = context.activity;
  return (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? a.conversation?.tenantId;
}
