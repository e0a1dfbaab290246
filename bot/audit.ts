// Every state change and every refusal goes to the append-only audit table. A change of a
// conference writes its entry in its own transaction (`auditAction`; which ones:
// src/store/README.md), a lifecycle step in its case's transaction (bot/lifecycle.ts). Refusals
// and what is sent are audited after (`audit`): a failure to write such an entry must not turn a saved action into
// "Not saved": it is retried in the background (with back-off) and logged, never thrown at the user.
import type { TransactionAction } from '@azure/data-tables';
import type { AuditInput } from '../src/store/audit.js';
import { deskTenantOf, refreshDesk } from './desk/refresh.js';
import type { Services } from './services.js';
import type { Turn } from './turn.js';

type Details = { conferenceId?: string; [k: string]: unknown };

/** The entry for this turn's action (keyed by the activity, so a redelivery lands on the same row). */
export function auditEntry(turn: Turn, action: string, details: Details = {}): AuditInput {
  const { conferenceId, ...rest } = details;
  const activityId = turn.context.activity.id;
  return {
    id: activityId ? `${activityId}|${action}` : undefined,
    // The user's action time (Teams sends it): a redelivery then keys to the same audit row.
    at: activityTime(turn.context.activity.timestamp) ?? turn.now.toISOString(),
    userId: turn.actor.aadObjectId,
    teamsUserId: turn.actor.teamsId,
    name: turn.actor.name,
    action,
    conferenceId,
    details: rest,
  };
}

/** The id this turn's entry for `action` has (undefined without an activity id): what names a change done again. */
export const actionId = (turn: Turn, action: string): string | undefined => auditEntry(turn, action).id;

/**
 * The entry as one more action of the change's own transaction (a conference's trail is in its
 * partition): the change and its entry are stored together or not at all. The caller follows
 * the desk once the change is stored (`followDesk`).
 */
export function auditAction(s: Services, turn: Turn, action: string, details: Details & { conferenceId: string }): TransactionAction {
  return s.store.audit.entryAction({ ...auditEntry(turn, action, details), conferenceId: details.conferenceId });
}

const RETRIES_MS = [200, 1_000, 5_000, 30_000];

export async function audit(s: Services, turn: Turn, action: string, details: Details = {}): Promise<void> {
  const entry = auditEntry(turn, action, details);
  try {
    await s.store.audit.append(entry);
  } catch (e) {
    s.log(`audit of ${action} failed, retrying in the background: ${(e as Error).message}`);
    void retryInBackground(
      () => s.store.audit.append(entry),
      () => s.log(`AUDIT LOST after ${RETRIES_MS.length} retries: ${JSON.stringify(entry).slice(0, 2_000)}`),
    );
  }
  if (!action.endsWith('-refused')) await followDesk(s, turn, details);
}

/** The desk's indexes follow every audited change (bot/desk/projection.ts); a refusal changes nothing. */
export async function followDesk(s: Services, turn: Turn, details: Details): Promise<void> {
  try {
    await refreshDesk(s, { conferenceId: details.conferenceId, caseRef: typeof details.caseRef === 'string' ? details.caseRef : undefined }, deskTenantOf(s, turn.tenantId));
  } catch (e) {
    // The change is saved; the desk catches up with the next change of the case.
    s.log(`desk not refreshed: ${(e as Error).message}`);
  }
}

/**
 * Work whose failure must not fail the action that caused it (it is saved), tried again in the
 * background with back-off and jitter; `givenUp` says what is left when the retries run out.
 */
export async function retryInBackground(work: () => Promise<unknown>, givenUp: () => void, attempt = 0): Promise<void> {
  const wait = RETRIES_MS[attempt];
  if (wait === undefined) return givenUp();
  await new Promise((r) => setTimeout(r, wait * (0.5 + Math.random())).unref());
  await work().catch(() => retryInBackground(work, givenUp, attempt + 1));
}

function activityTime(timestamp: Date | string | undefined): string | undefined {
  if (!timestamp) return undefined;
  const t = new Date(timestamp);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}
