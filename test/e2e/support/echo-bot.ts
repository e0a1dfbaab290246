// A tiny real Teams bot (botbuilder CloudAdapter + restify, anonymous) to prove the harness
// against the playground independently of the product bot:
//   "card"          → a card with an Action.Execute "Press" (Action.Submit fallback) and an
//                     Action.Submit "Submit"; both update the card in place.
//   "invite <id>"   → opens a 1:1 chat with that user (createConversation) and posts a card.
//   anything else   → "echo: <text>".
// It records every activity it receives, so tests can check what the playground sends.
import type { AddressInfo } from 'node:net';
import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import restify from 'restify';

export interface EchoBot {
  endpoint: string;
  received: Partial<Activity>[];
  close(): Promise<void>;
}

function card(title: string, count: number, by?: string): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts: [{ title: 'Presses', value: String(count) }, { title: 'Last by', value: by ?? '—' }] },
    ],
    actions: [
      {
        type: 'Action.Execute',
        title: 'Press',
        verb: 'press',
        data: { count },
        fallback: { type: 'Action.Submit', title: 'Press', data: { verb: 'press', count } },
      },
      { type: 'Action.Submit', title: 'Submit', data: { verb: 'press', count } },
    ],
  };
}

class Echo extends TeamsActivityHandler {
  constructor(private readonly adapter: CloudAdapter) {
    super();
    this.onMessage(async (context, next) => {
      const a = context.activity;
      if (a.value && typeof a.value === 'object') {
        // Action.Submit: the same handling as Execute, then a visible confirmation.
        const value = a.value as { count?: number };
        const updated = card('Card pressed', (value.count ?? 0) + 1, a.from.name);
        if (a.replyToId) await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(updated)), id: a.replyToId });
        await context.sendActivity(`submitted by ${a.from.name}`);
        return next();
      }
      const text = (TurnContext.removeRecipientMention(a) ?? a.text ?? '').trim();
      if (text === 'card') {
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card(`Hello ${a.from.name}`, 0))));
      } else if (text.startsWith('invite ')) {
        const userId = text.slice('invite '.length).trim();
        const tenantId = a.conversation.tenantId;
        await this.adapter.createConversationAsync(
          '',
          'msteams',
          a.serviceUrl,
          '',
          {
            isGroup: false,
            bot: a.recipient,
            members: [{ id: userId, name: '' }],
            tenantId,
            channelData: { tenant: { id: tenantId } },
          } as never,
          async (dm) => {
            await dm.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card(`Invitation from ${a.from.name}`, 0))));
          },
        );
        await context.sendActivity(`invited ${userId}`);
      } else {
        await context.sendActivity(`echo: ${text}`);
      }
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const data = (value.action.data ?? {}) as { count?: number };
    const updated = card('Card pressed', (data.count ?? 0) + 1, context.activity.from.name);
    // Both: the invoke response refreshes the clicker's view; the update reaches everyone else.
    if (context.activity.replyToId) {
      await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(updated)), id: context.activity.replyToId });
    }
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: updated };
  }
}

export async function startEchoBot(): Promise<EchoBot> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const received: Partial<Activity>[] = [];
  adapter.onTurnError = async (context, error) => {
    received.push({ type: 'error', text: String(error) });
    await context.sendActivity(`error: ${error.message}`).catch(() => undefined);
  };
  const bot = new Echo(adapter);
  const server = restify.createServer({ name: 'echo-bot' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    received.push(req.body as Partial<Activity>);
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
