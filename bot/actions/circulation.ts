// Circulation (RULES.md, Other timescales): the decision, plan outline, category, lead professional
// and core group go 1:1 to everyone invited within one working day — sent at once, here.
import type { Conference } from '../../src/store/conferences.js';
import { decisionSummaryCard } from '../../cards/decision-summary.js';
import { audit } from '../audit.js';
import { sendOnce } from '../effects.js';
import type { Services } from '../services.js';
import type { Turn } from '../turn.js';
import { decisionSummaryView } from '../views.js';

export async function circulate(s: Services, turn: Turn, conference: Conference): Promise<void> {
  const [decision, invitees] = await Promise.all([s.store.decisions.get(conference.id), s.store.invitees.list(conference.id)]);
  if (!decision) return;
  const card = decisionSummaryCard(decisionSummaryView(conference, decision));
  const recipients = [...invitees.map((i) => i.teamsId), conference.chair.teamsId].filter((x): x is string => Boolean(x));
  const failed: string[] = [];
  let sent = 0;
  const version = circulationStage(decision);
  for (const teamsId of new Set(recipients)) {
    try {
      // Once per person, whatever the deliveries and instances (claimed in the store first).
      // Keyed by what is sent: the decision goes out again when it gains its plan, once each time.
      const outcome = await sendOnce(s, turn.now, conference.id, `circulated|${teamsId}|${version}`, { card, to: { kind: 'user', teamsId, tenantId: turn.tenantId, serviceUrl: turn.context.activity.serviceUrl } });
      if (outcome === 'done-now') sent += 1;
    } catch (e) {
      failed.push(teamsId);
      s.log(`circulation to ${teamsId} failed: ${(e as Error).message}`);
    }
  }
  if (sent > 0 || failed.length > 0) await audit(s, turn, 'decision-circulated', { conferenceId: conference.id, sent, failed });
}

/**
 * Finishes a circulation an earlier attempt left unfinished (a holder that died mid-way): only
 * when some person's claim is still open, so that a repeated close costs one partition read.
 */
export async function finishCirculation(s: Services, turn: Turn, conference: Conference): Promise<void> {
  const open = (await s.store.effects.list(conference.id)).some((e) => e.effect.startsWith('circulated|') && e.status === 'claimed');
  if (open) await circulate(s, turn, conference);
}

/** What a circulation sends, as a word: the decision alone, then again once it has its plan (or its exceptional reason). */
export function circulationStage(d: { outcome: string; firstReviewDate?: string; exceptionalCircumstances?: string }): string {
  return [d.outcome, d.firstReviewDate ? 'plan' : '', d.exceptionalCircumstances ? 'exceptional' : ''].filter(Boolean).join('-');
}
