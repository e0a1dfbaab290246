// A form that records one step of a case from "my reviews" (a core group met, the receiving
// area's conference held): recorded, the person's list comes back with what is now due; a date
// the procedures refuse brings the form back as filled in, with the reason, and nothing is stored.
import { RuleError } from '../../src/rules/errors.js';
import { audit } from '../audit.js';
import type { Services } from '../services.js';
import type { ActionOutcome, Reply, Turn } from '../turn.js';
import { myReviews } from './queries.js';

export async function recordFromForm(
  s: Services,
  turn: Turn,
  form: { verb: string; caseRef: string },
  record: () => Promise<unknown>,
  again: (problem: string) => Promise<Reply>,
  recorded: string,
): Promise<ActionOutcome> {
  try {
    await record();
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    await audit(s, turn, 'action-refused', { verb: form.verb, caseRef: form.caseRef, why: e.message });
    return { own: firstCard(await again(e.message)), notice: e.message };
  }
  return { own: firstCard(await myReviews(s, turn)), notice: recorded };
}

function firstCard(reply: Reply) {
  if (!reply.cards?.[0]) throw new Error('a form answered without a card');
  return reply.cards[0];
}
