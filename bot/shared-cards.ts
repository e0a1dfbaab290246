// One writer for each card posted in a shared chat (the vote and attendance cards): after a
// change, the card is updated from what is stored *then*, never from the snapshot of the click
// that caused it. Per card at most one update is in flight across all instances (a hold in the
// store); changes arriving meanwhile make the holder look again before it lets go (one trailing
// update); updates are paced within Teams' per-conversation limits and retried with back-off and
// jitter on 429 (Retry-After), 412, 502 and 504; a version read from the store with the state
// decides, so an older view never replaces a newer one; when Teams has lost the activity a fresh
// card is posted once and its id stored. Clicks only say "this card's state changed".
import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { CardActivity, CardKey } from '../src/store/cards.js';
import type { Services } from './services.js';
import type { AdaptiveCard } from './turn.js';

export interface SharedCard {
  key: CardKey;
  /** Reads the stored state now and fills the shared card; `version` only ever goes up with the state. */
  render(): Promise<{ card: AdaptiveCard; version: number }>;
}

/** Where the card is, as the click that changed it knows it (used when the store does not know the card yet). */
export interface CardPlace {
  reference: Partial<ConversationReference>;
  activityId?: string;
}

/** A hold outlives a slow update with its retries; a holder that died is taken over after it. */
const HOLD_MS = 15_000;
/** One card is updated at most every 350 ms (about 3 a second): the chat's other messages need room too. */
const CARD_GAP_MS = 350;
/** Teams: 7 operations a second, 8 in 2 s, 60 in 30 s per conversation. Kept well under: replies and other cards share them. */
const WINDOWS = [
  { ms: 1_000, max: 4 },
  { ms: 2_000, max: 5 },
  { ms: 30_000, max: 45 },
];
const RETRY_STATUSES = new Set([412, 429, 502, 504]);
const MAX_ATTEMPTS = 7;

export class SharedCards {
  /** In-process coalescing only (an optimisation): correctness comes from the hold in the store. */
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly sentAt = new Map<string, number[]>();

  constructor(
    private readonly s: Services,
    private readonly holder = `instance-${randomUUID()}`,
    private readonly sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref()),
  ) {}

  /** This card's state changed: bring the posted card in step with the store. Resolves when done (or given up). */
  changed(ref: SharedCard, place: CardPlace): Promise<void> {
    const id = `${ref.key.conferenceId}|${ref.key.card}|${ref.key.audience}`;
    const running = this.running.get(id);
    if (running) {
      running.again = true;
      return running.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = this.persist(id, ref, place, entry).finally(() => this.running.delete(id));
    this.running.set(id, entry);
    return entry.done;
  }

  /** A failed attempt (Teams or the store out of breath) is tried again, with back-off, a few times. */
  private async persist(id: string, ref: SharedCard, place: CardPlace, local: { again: boolean }): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.converge(ref, place, local);
      } catch (e) {
        if (attempt >= 5) return this.s.log(`shared card ${id} not updated: ${(e as Error).message}`);
        await this.sleep(backoff(attempt + 3));
      }
    }
  }

  private async converge(ref: SharedCard, place: CardPlace, local: { again: boolean }): Promise<void> {
    for (let pass = 0; pass < 50; pass++) {
      const first = place.activityId && place.reference.conversation?.id
        ? { conversationId: place.reference.conversation.id, activityId: place.activityId, reference: place.reference as Record<string, unknown>, version: 0 }
        : undefined;
      const hold = await this.s.store.cards.hold(ref.key, first, this.holder, new Date(), HOLD_MS);
      // Unknown: nothing posted to update. Held by another instance: it looks at the store again before it lets go.
      if (hold.outcome !== 'held') return;
      let { card, etag } = hold;
      try {
        do {
          local.again = false;
          const view = await ref.render();
          if (view.version <= (card.version ?? 0)) continue;
          ({ card, etag } = await this.apply(card, etag, view));
        } while (local.again);
      } finally {
        await this.s.store.cards.release(card, etag);
      }
      // A change that met our hold (on another instance) was stored before it saw the hold, so it is visible now.
      const after = await ref.render();
      if (after.version <= (card.version ?? 0)) return;
    }
  }

  /** Puts one view on the card, paced and retried; records the version (and a new activity id) in the store. */
  private async apply(card: CardActivity, etag: string, view: { card: AdaptiveCard; version: number }): Promise<{ card: CardActivity; etag: string }> {
    const reference = (card.reference ?? {}) as Partial<ConversationReference>;
    let activityId = card.activityId;
    for (let attempt = 1; ; attempt++) {
      await this.pace(card);
      try {
        await this.s.messenger.update(reference, activityId, view.card);
        break;
      } catch (e) {
        const status = statusOf(e);
        if (status === 404 || status === 400) {
          // Teams has lost the activity: post the card afresh, once (we hold the card), and keep its id.
          activityId = await this.s.messenger.post(reference, view.card);
          this.s.log(`shared card ${card.card} was lost by Teams: posted afresh as ${activityId}`);
          break;
        }
        if (!RETRY_STATUSES.has(status ?? 0) || attempt >= MAX_ATTEMPTS) throw e;
        await this.sleep(retryAfterMs(e) ?? backoff(attempt));
      }
    }
    const at = new Date().toISOString();
    const next: CardActivity = { ...card, version: Math.max(card.version ?? 0, view.version), activityId, lastUpdateAt: at, updatedAt: at };
    // A 412 here: our hold expired and another instance took the card over; it carries on from the store.
    return { card: next, etag: await this.s.store.cards.applied(next, etag) };
  }

  /** Waits until this card and its conversation have room within Teams' limits. */
  private async pace(card: CardActivity): Promise<void> {
    const last = card.lastUpdateAt ? Date.parse(card.lastUpdateAt) : 0;
    const gap = last + CARD_GAP_MS - Date.now();
    if (gap > 0) await this.sleep(gap);
    const times = this.sentAt.get(card.conversationId) ?? [];
    for (;;) {
      const now = Date.now();
      const wait = Math.max(0, ...WINDOWS.map((w) => {
        const inWindow = times.filter((t) => t > now - w.ms);
        return inWindow.length < w.max ? 0 : inWindow[inWindow.length - w.max]! + w.ms - now + 5;
      }));
      if (wait === 0) break;
      await this.sleep(wait);
    }
    const now = Date.now();
    this.sentAt.set(card.conversationId, [...times.filter((t) => t > now - 30_000), now]);
  }
}

function statusOf(e: unknown): number | undefined {
  const x = e as { statusCode?: number; status?: number; response?: { status?: number } };
  return x?.statusCode ?? x?.status ?? x?.response?.status;
}

function retryAfterMs(e: unknown): number | undefined {
  const headers = (e as { response?: { headers?: { get?: (n: string) => string | undefined } } })?.response?.headers;
  const value = headers?.get?.('retry-after');
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) ? Math.min(seconds * 1000, 30_000) : undefined;
}

/** Exponential back-off with full jitter: 100 ms, 200 ms, 400 ms … (at most 5 s), times a random factor. */
const backoff = (attempt: number) => Math.random() * Math.min(5_000, 100 * 2 ** attempt);
