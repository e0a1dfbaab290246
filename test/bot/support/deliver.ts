// Delivering one Teams activity to one of several bot instances, possibly more than once: Teams
// retries an activity it got no answer for, with the same activity id, and a load balancer may
// send the retry to another instance.
import { randomUUID } from 'node:crypto';
import type { Member } from './connector.js';
import type { Conversation, TeamsClient } from './teams.js';

export type Answer = { status: number; body: any };

/** An Action.Execute click as an activity body, with a fixed activity id. */
export function executeActivity(verb: string, data: Record<string, unknown>, id: string = randomUUID()): Record<string, unknown> {
  return { id, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' } };
}

/** A message typed to the bot (with the @mention a group chat needs), with a fixed activity id. */
export function messageActivity(conversation: Conversation, text: string, id: string = randomUUID()): Record<string, unknown> {
  const mention = conversation.conversationType === 'personal' ? '' : '<at>Conference bot</at> ';
  return {
    id,
    type: 'message',
    text: mention + text,
    entities: mention ? [{ type: 'mention', text: '<at>Conference bot</at>', mentioned: { id: '28:cp-conference-bot', name: 'Conference bot' } }] : [],
  };
}

/**
 * Sends the activity to a random instance; with probability `twice` the same activity (same id)
 * goes a second time, at the same moment, to a random instance. Returns every answer.
 */
export async function deliver(instances: readonly TeamsClient[], activity: Record<string, unknown>, from: Member, conversation: Conversation, twice: number, random: () => number): Promise<Answer[]> {
  const pick = () => instances[Math.floor(random() * instances.length)]!;
  const targets = random() < twice ? [pick(), pick()] : [pick()];
  return Promise.all(targets.map((t) => t.post(activity, from, conversation)));
}

/** Runs `jobs` with at most `limit` in flight. */
export async function pool<T>(limit: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

/** A small seeded PRNG (mulberry32), so a failing run can be repeated. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher–Yates) driven by `random` in [0, 1). */
export function shuffle<T>(xs: readonly T[], random: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
