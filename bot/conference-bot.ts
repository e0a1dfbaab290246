// The Teams activity handler: turns typed commands and card clicks into handler calls, and their
// answers into replies, invoke responses and card updates. No rule or storage logic lives here.
import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
} from 'botbuilder';
import { turnOf, UserError, type ActionOutcome, type AdaptiveCard, type Reply, type Turn } from './turn.js';

export interface Router {
  command(turn: Turn, text: string): Promise<Reply>;
  action(turn: Turn, payload: unknown): Promise<ActionOutcome>;
  /** A refusal or failure as a card, so bad input always gets a readable answer. */
  errorCard(title: string, message: string): AdaptiveCard;
  /** Called for every turn refused before it reached a handler (foreign tenant). */
  refused(turn: Turn, why: string): Promise<void>;
  /** First contact: remember how to reach the user 1:1 (installation, first message). */
  remember(turn: Turn): Promise<void>;
}

export interface BotOptions {
  router: Router;
  allowedTenants: readonly string[];
  admins: readonly string[];
  now: () => Date;
  log: (line: string) => void;
}

const CARD = 'application/vnd.microsoft.card.adaptive';

export class ConferenceBot extends TeamsActivityHandler {
  constructor(private readonly options: BotOptions) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await options.router.remember(this.turn(context));
      await next();
    });
  }

  /** Tenant guard before any handler: a foreign tenant gets nothing but a refusal. */
  override async run(context: TurnContext): Promise<void> {
    const tenant = this.turn(context).tenantId;
    const allowed = this.options.allowedTenants;
    if (allowed.length > 0 && (!tenant || !allowed.includes(tenant))) {
      await this.options.router.refused(this.turn(context), `tenant ${tenant ?? '(none)'} is not allowed`);
      if (context.activity.type === 'invoke') {
        await context.sendActivity({ type: 'invokeResponse', value: { status: 403, body: errorBody('This organisation may not use this bot.') } });
      }
      return;
    }
    await super.run(context);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const turn = this.turn(context);
    try {
      const outcome = await this.options.router.action(turn, { ...(value.action.data ?? {}), verb: value.action.verb });
      await this.updateShared(context, outcome.shared);
      return { statusCode: 200, type: CARD, value: outcome.own as never };
    } catch (e) {
      if (e instanceof UserError) return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: e.message } as never };
      throw e;
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = this.turn(context);
    if (context.activity.value !== undefined && context.activity.value !== null) return this.handleSubmit(context, turn);
    await this.options.router.remember(turn);
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const reply = await this.guard(() => this.options.router.command(turn, text.replace(/<[^>]+>/g, '').trim()));
    await send(context, reply);
  }

  /** Action.Submit: the same handlers as Action.Execute, shown by updating the clicked card. */
  private async handleSubmit(context: TurnContext, turn: Turn): Promise<void> {
    try {
      const outcome = await this.options.router.action(turn, context.activity.value);
      const inPlace = turn.conversation.type === 'personal' ? outcome.own : outcome.shared ?? outcome.own;
      const updated = await this.updateCard(context, context.activity.replyToId, inPlace);
      if (!updated) await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(inPlace)));
      if (turn.conversation.type !== 'personal' && outcome.notice) await context.sendActivity(outcome.notice);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      await send(context, { cards: [this.options.router.errorCard(e.title, e.message)] });
    }
  }

  private async guard(work: () => Promise<Reply>): Promise<Reply> {
    try {
      return await work();
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      return { cards: [this.options.router.errorCard(e.title, e.message)] };
    }
  }

  private async updateShared(context: TurnContext, card: AdaptiveCard | undefined): Promise<void> {
    if (card && context.activity.replyToId) await this.updateCard(context, context.activity.replyToId, card);
  }

  /** Replaces a posted card; false when Teams has lost the activity (then the caller posts anew). */
  private async updateCard(context: TurnContext, activityId: string | undefined, card: AdaptiveCard): Promise<boolean> {
    if (!activityId) return false;
    try {
      await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: activityId });
      return true;
    } catch (e) {
      this.options.log(`card update failed, posting a fresh one: ${(e as Error).message}`);
      return false;
    }
  }

  private turn(context: TurnContext): Turn {
    return turnOf(context, this.options.now(), this.options.admins);
  }
}

async function send(context: TurnContext, reply: Reply): Promise<void> {
  for (const card of reply.cards ?? []) await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  if (reply.text) await context.sendActivity(reply.text);
}

function errorBody(message: string): InvokeResponse['body'] {
  return { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden', message } };
}
