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
import { z } from 'zod';
import { escapeMarkdown } from '../cards/text.js';
import type { SharedCards } from './shared-cards.js';
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
  /** Sends a card to the actor's 1:1 chat (an answer meant for them alone, asked for in a shared chat). */
  privately?(turn: Turn, card: AdaptiveCard): Promise<void>;
}

export interface BotOptions {
  router: Router;
  allowedTenants: readonly string[];
  admins: readonly string[];
  now: () => Date;
  log: (line: string) => void;
  /** The one writer of cards posted in shared chats (a bot without one leaves them as posted). */
  sharedCards?: SharedCards;
  /**
   * How long a card action (Action.Execute) may run before Teams is answered "still saving"
   * and the work finishes in the background (default 4 s: Teams gives up after a few seconds).
   */
  invokeAnswerMs?: number;
}

const CARD = 'application/vnd.microsoft.card.adaptive';
/** Teams shows an error when an invoke is not answered within a few seconds: answer well before. */
const INVOKE_ANSWER_MS = 4_000;

type Settled = { ok: true; outcome: ActionOutcome } | { ok: false; error: unknown };

export class ConferenceBot extends TeamsActivityHandler {
  constructor(private readonly options: BotOptions) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      const turn = this.turn(context);
      if (turn.conversation.type === 'personal') await options.router.remember(turn);
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

  /**
   * Teams shows a card action's error message only when the HTTP answer is 200 with the error in
   * the body (`statusCode` 4xx, `application/vnd.microsoft.error`); botbuilder would send the 4xx as
   * the HTTP status, which clients show as a generic failure.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    // A card action the SDK cannot read (value `[]`, a string, `action: null`…) would crash inside
    // it: refuse it here, before anything reads or writes, with what was wrong.
    if (context.activity.name === 'adaptiveCard/action') {
      const value = CardActionValue.safeParse(context.activity.value);
      if (!value.success) return { status: 400, body: errorBody(`Malformed card action: ${value.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}.`, 400, 'BadRequest') };
    }
    const response = await super.onInvokeActivity(context);
    // Invokes this bot does not handle (message extensions, task modules, …) get a plain 501 that says so.
    if (response.status === 501 && !response.body) {
      return { status: 501, body: errorBody(`This bot does not handle "${String(context.activity.name).slice(0, 60)}" requests.`, 501, 'NotImplemented') };
    }
    const body = response.body as { type?: string } | undefined;
    const refusal = context.activity.name === 'adaptiveCard/action' && body?.type === 'application/vnd.microsoft.error' && response.status >= 400 && response.status < 500;
    return refusal ? { status: 200, body: response.body } : response;
  }

  /**
   * Action.Execute. Teams must be answered within a few seconds, so the handler races a timer:
   * if the store is slow, the clicker is told the action is still being saved and the card is
   * updated when the work is done. A failure is never answered as a success: bad input or a
   * refusal gets an invoke error saying why, a storage failure a "Not saved" card to try again.
   */
  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    // The work may outlive this turn (and its revocable context): give it a context of its own.
    const live = detach(context);
    const turn = this.turn(live);
    const payload = { ...(value.action.data ?? {}), verb: value.action.verb };
    const work: Promise<Settled> = this.options.router.action(turn, payload).then(
      (outcome) => ({ ok: true, outcome }),
      (error: unknown) => ({ ok: false, error }),
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.options.invokeAnswerMs ?? INVOKE_ANSWER_MS);
      timer.unref();
    });
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first === 'late') {
      this.options.log(`${verbOf(value)} is taking long: answered "still saving", finishing in the background`);
      void work.then((settled) => this.finishLater(live, turn, settled)).catch((e: Error) => this.options.log(`background completion failed: ${e.message}`));
      return { statusCode: 200, type: CARD, value: stillSavingCard() as never };
    }
    if (!first.ok) {
      if (first.error instanceof UserError) return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: first.error.message } as never };
      this.options.log(`${verbOf(value)} failed: ${(first.error as Error)?.stack ?? String(first.error)}`);
      return { statusCode: 200, type: CARD, value: notSavedCard(payload) as never };
    }
    if (first.outcome.sharedCard) this.keepInStep(live, turn, first.outcome);
    else await this.updateShared(live, first.outcome.shared);
    return { statusCode: 200, type: CARD, value: first.outcome.own as never };
  }

  /** The end of an action that outlived its invoke: show the result in place, or say it was not saved. */
  private async finishLater(live: TurnContext, turn: Turn, settled: Settled): Promise<void> {
    const personal = turn.conversation.type === 'personal';
    if (!settled.ok) {
      const refusal = settled.error instanceof UserError ? settled.error : undefined;
      if (!refusal) this.options.log(`background action failed: ${(settled.error as Error)?.stack ?? String(settled.error)}`);
      const card = refusal ? this.options.router.errorCard(refusal.title, refusal.message) : notSavedCard();
      // In a 1:1 chat the card itself says so; in a shared chat a new message does, for everyone to see.
      if (personal && (await this.updateCard(live, turn.replyToId, card))) return;
      await live.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      return;
    }
    const { own, shared, notice } = settled.outcome;
    if (settled.outcome.sharedCard) this.keepInStep(live, turn, settled.outcome);
    const inPlace = personal ? own : settled.outcome.sharedCard ? undefined : shared;
    if (inPlace) {
      const updated = await this.updateCard(live, turn.replyToId, inPlace);
      if (!updated) await live.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(inPlace)));
    }
    if (!personal && notice) await live.sendActivity(escapeMarkdown(notice));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = this.turn(context);
    if (context.activity.value !== undefined && context.activity.value !== null) return this.handleSubmit(context, turn);
    // Only a 1:1 chat is remembered: reminders and summaries sent "to the user" must never land
    // in a group chat or channel the user happened to write in last.
    if (turn.conversation.type === 'personal') await this.options.router.remember(turn);
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const reply = await this.guard(() => this.options.router.command(turn, text.replace(/<[^>]+>/g, '').trim()));
    await send(context, reply);
  }

  /** Action.Submit: the same handlers as Action.Execute, shown by updating the clicked card. */
  private async handleSubmit(context: TurnContext, turn: Turn): Promise<void> {
    try {
      const outcome = await this.options.router.action(turn, context.activity.value);
      const personal = turn.conversation.type === 'personal';
      if (outcome.sharedCard) this.keepInStep(context, turn, outcome);
      // In a shared chat a person's own view never replaces the card everyone sees: an answer
      // meant for the clicker alone (Action.Submit has no per-user answer) goes to their 1:1 chat.
      if (!personal && !outcome.shared && !outcome.sharedCard && this.options.router.privately) {
        await this.options.router.privately(turn, outcome.own);
        await context.sendActivity(escapeMarkdown(outcome.notice ?? 'I have sent that to you in our 1:1 chat.'));
        return;
      }
      const inPlace = personal ? outcome.own : outcome.sharedCard ? undefined : outcome.shared ?? outcome.own;
      if (inPlace) {
        const updated = await this.updateCard(context, context.activity.replyToId, inPlace);
        if (!updated) await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(inPlace)));
      }
      if (turn.conversation.type !== 'personal' && outcome.notice) await context.sendActivity(escapeMarkdown(outcome.notice));
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

  /** Hands a changed shared card to its one writer; the click is answered without waiting for it. */
  private keepInStep(context: TurnContext, turn: Turn, outcome: ActionOutcome): void {
    const activity = context.activity;
    // The clicked card is the shared card only when the click came from the shared chat.
    const place = { reference: TurnContext.getConversationReference(activity), activityId: turn.conversation.type === 'personal' ? undefined : activity.replyToId };
    void this.options.sharedCards?.changed(outcome.sharedCard!, place);
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
  // A message's text is markdown in Teams too, and notices carry names: text, never markup.
  if (reply.text) await context.sendActivity(escapeMarkdown(reply.text));
}

const verbOf = (value: AdaptiveCardInvokeValue) => (typeof value.action.verb === 'string' ? value.action.verb.slice(0, 40) : 'card action');

/**
 * A context for work that may continue after the turn: the SDK revokes the turn's context when
 * the turn ends, but its connector client (kept in turn state) stays valid for replies and updates.
 */
function detach(context: TurnContext): TurnContext {
  const copy = new TurnContext(context);
  for (const [key, value] of context.turnState) copy.turnState.set(key, value);
  return copy;
}

/** The answer when saving takes longer than Teams waits. */
function stillSavingCard(): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Still saving…', weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: 'Your action is being processed. The card will update when it is done.', wrap: true },
    ],
  };
}

/** The answer when the store failed: nothing is claimed as saved, and the same action can be sent again. */
function notSavedCard(payload?: Record<string, unknown>): AdaptiveCard {
  const retry = payload && typeof payload.verb === 'string' && JSON.stringify(payload).length <= 8_000 ? [{ type: 'Action.Execute', title: 'Try again', verb: payload.verb, data: payload }] : [];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Not saved — please try again', weight: 'Bolder', size: 'Medium', color: 'Attention', wrap: true },
      { type: 'TextBlock', text: 'The conference record could not be reached, so this was not saved. Please try again in a moment.', wrap: true },
    ],
    ...(retry.length ? { actions: retry } : {}),
  };
}

function errorBody(message: string, statusCode = 403, code = 'Forbidden'): InvokeResponse['body'] {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}

/** What an `adaptiveCard/action` invoke must carry before its payload is looked at. */
const CardActionValue = z.object(
  {
    action: z.object(
      {
        type: z.literal('Action.Execute', 'expected an Action.Execute'),
        verb: z.string('a verb is required').min(1).max(100),
        data: z.record(z.string(), z.unknown(), 'data must be an object').optional(),
      },
      'an action object is required',
    ),
  },
  'the value must be an object',
);
