// Anything sent outside the turn happens exactly once across instances: claimed in the store
// first (src/store/effects.ts), done, then marked done. A second delivery, a second instance or
// a retry finds it done or taken; a claim whose holder died expires and the next attempt
// finishes it. A failure gives the claim up at once, so that trying again does it.
// A message (`sendOnce`) is kept with its claim as data — the card, where it goes, what to keep
// of it — so that the sweep (`finishEffects`, run with the reminders) finishes it unprompted when
// its holder died or failed, from any instance, without the action coming again.
import { randomUUID } from 'node:crypto';
import type { ConversationReference, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Services } from './services.js';
import type { AdaptiveCard } from './turn.js';

/** Long enough for a slow send with its retries; a claim older than this is taken over. */
export const CLAIM_MS = 2 * 60_000;
/** A message that failed this many times (the person blocked the bot, left the tenant) is left, logged. */
export const MAX_SEND_ATTEMPTS = 5;

export type OnceOutcome = 'done-now' | 'done-before' | 'taken';

export async function once(
  s: Services,
  now: Date,
  conferenceId: string,
  effect: string,
  work: () => Promise<Record<string, unknown> | void>,
  pending?: Outgoing,
): Promise<OnceOutcome> {
  // Each attempt holds in its own name: two deliveries in one process are as distinct as two instances.
  const holder = `attempt-${randomUUID()}`;
  const claim = await s.store.effects.claim(conferenceId, effect, holder, now, CLAIM_MS, pending);
  if (claim.outcome === 'done') return 'done-before';
  if (claim.outcome === 'taken') return 'taken';
  if (claim.takenOver) s.log(`effect ${effect} of ${conferenceId}: an earlier holder did not finish it; finishing it now`);
  let result: Record<string, unknown> | void;
  try {
    result = await work();
  } catch (e) {
    await s.store.effects.release(conferenceId, effect, holder).catch(() => undefined);
    throw e;
  }
  await s.store.effects.done(conferenceId, effect, holder, new Date(), result ?? undefined);
  return 'done-now';
}

/** A message as data: the card, where it goes, and what is kept of it once sent. */
export const Outgoing = z.object({
  card: z.record(z.string(), z.unknown()),
  to: z.discriminatedUnion('kind', [
    /** 1:1 to a person, opening the chat if need be. */
    z.object({ kind: z.literal('user'), teamsId: z.string().min(1).max(200), tenantId: z.string().max(100).optional(), serviceUrl: z.string().min(1).max(500) }),
    /** Into a known conversation (the conference's chat): a reply within the turn, a proactive post after it. */
    z.object({ kind: z.literal('conversation'), reference: z.record(z.string(), z.unknown()) }),
  ]),
  /** Where the posted card is kept, to be updated in place later (e.g. an invitation). */
  keep: z.object({ card: z.string().min(1).max(40), audience: z.string().min(1).max(200) }).optional(),
  /** The 1:1 chat remembered for this user: where summaries and reminders reach them. */
  remember: z.string().min(1).max(200).optional(),
});
export type Outgoing = z.infer<typeof Outgoing>;

/** Sends `message` once, whatever the deliveries and instances; `context`: the turn, to reply within it. */
export function sendOnce(s: Services, now: Date, conferenceId: string, effect: string, message: Outgoing, context?: TurnContext): Promise<OnceOutcome> {
  return once(s, now, conferenceId, effect, () => deliver(s, conferenceId, message, now, context), message);
}

async function deliver(s: Services, conferenceId: string, m: Outgoing, now: Date, context?: TurnContext): Promise<{ activityId: string }> {
  const card = m.card as AdaptiveCard;
  let activityId: string;
  let reference: Partial<ConversationReference>;
  if (m.to.kind === 'user') {
    ({ activityId, reference } = await s.messenger.toUser(m.to, card));
  } else {
    reference = m.to.reference as Partial<ConversationReference>;
    activityId = context ? await s.messenger.reply(context, card) : await s.messenger.post(reference, card);
  }
  if (m.remember) await s.store.conversations.save(m.remember, reference as Record<string, unknown>, now.toISOString());
  if (m.keep) {
    await s.store.cards.save({
      conferenceId,
      card: m.keep.card,
      audience: m.keep.audience,
      conversationId: reference.conversation?.id ?? '',
      activityId: activityId || 'unknown',
      reference: reference as Record<string, unknown>,
      updatedAt: now.toISOString(),
    });
  }
  return { activityId };
}

/**
 * Finishes the messages whose holder died or failed: for each conference marked as having one,
 * every claimed message past its expiry is taken over and sent from its data (at most
 * MAX_SEND_ATTEMPTS claims in all); a conference with nothing left is unmarked. Returns how
 * many it sent.
 */
export async function finishEffects(s: Services, now: Date): Promise<number> {
  let sent = 0;
  for (const mark of await s.store.effects.marks.marked()) {
    const conferenceId = mark.value.id;
    let open = false;
    for (const e of await s.store.effects.list(conferenceId)) {
      if (e.status !== 'claimed' || !e.pending) continue;
      if ((e.attempts ?? 1) >= MAX_SEND_ATTEMPTS) continue;
      // Its holder may still be at it.
      if (Date.parse(e.expiresAt) > now.getTime()) {
        open = true;
        continue;
      }
      const message = Outgoing.safeParse(e.pending);
      if (!message.success) {
        s.log(`effect ${e.effect} of ${conferenceId}: its message does not read back, left unsent`);
        continue;
      }
      try {
        if ((await once(s, now, conferenceId, e.effect, () => deliver(s, conferenceId, message.data, now))) === 'done-now') sent += 1;
      } catch (err) {
        open = true;
        s.log(`effect ${e.effect} of ${conferenceId} still not sent: ${(err as Error).message}`);
      }
    }
    if (!open) await s.store.effects.marks.unmark(mark);
  }
  return sent;
}
