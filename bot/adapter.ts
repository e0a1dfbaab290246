// The real CloudAdapter: Bot Framework authentication when an app id is configured,
// anonymous (local use only) without one; plus the tenant guard and the last-resort error reply.
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import { CallerIdConstants, type Activity } from 'botbuilder';
import type { BotConfig } from './config.js';

/** Bot Framework's public-cloud endpoints (the SDK's own defaults). */
const PUBLIC_CLOUD = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
  ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
  ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  OAuthUrl: AuthenticationConstants.OAuthUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  CallerId: CallerIdConstants.PublicAzureChannel,
};

/**
 * The SDK lets a token with a bad signature escape as a plain error (HTTP 500); a forged or
 * malformed token is an authentication failure and is answered 401 like any other.
 */
class StrictAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (e) {
      const name = (e as Error).name;
      if (name === 'JsonWebTokenError' || name === 'NotBeforeError' || name === 'TokenExpiredError') {
        throw new AuthenticationError(`Unauthorized: ${(e as Error).message}`, 401);
      }
      throw e;
    }
  }
}

export function createAdapter(config: BotConfig, log: (line: string) => void): CloudAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType ?? (config.MicrosoftAppId ? 'MultiTenant' : undefined),
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
  const auth = new StrictAuthentication(
    {
      MicrosoftAppId: config.MicrosoftAppId,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId,
      // Overriding one endpoint makes the SDK take every endpoint from the options: give the rest.
      ...(config.ToBotFromChannelOpenIdMetadataUrl ? { ...PUBLIC_CLOUD, ToBotFromChannelOpenIdMetadataUrl: config.ToBotFromChannelOpenIdMetadataUrl } : {}),
    },
    credentials,
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log(`turn failed: ${error.stack ?? error.message}`);
    // Nothing was confirmed to the user, so say plainly that it did not go through. An invoke is
    // answered with an error (not left to the SDK's bare 501); a message gets a reply saying so.
    const reply =
      context.activity.type === 'invoke'
        ? { type: 'invokeResponse', value: { status: 500, body: { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'NotSaved', message: NOT_SAVED } } } }
        : { type: 'message', text: NOT_SAVED };
    await context.sendActivity(reply).catch(() => undefined);
  };
  return adapter;
}

export const NOT_SAVED = 'Not saved — that could not be completed. Please try again in a moment.';

/** The tenant of an incoming Teams activity, wherever the channel put it. */
export function tenantOf(context: TurnContext): string | undefined {
  const a = context.activity;
  return (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? a.conversation?.tenantId;
}
