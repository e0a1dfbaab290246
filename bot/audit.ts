// Every state change and every refusal goes to the append-only audit table.
import { deskTenantOf, refreshDesk } from './desk/refresh.js';
import type { Services } from './services.js';
import type { Turn } from './turn.js';

export async function audit(s: Services, turn: Turn, action: string, details: { conferenceId?: string; [k: string]: unknown } = {}): Promise<void> {
  const { conferenceId, ...rest } = details;
  // The activity id makes a redelivered action's entry land once.
  const activityId = turn.context.activity.id;
  await s.store.audit.append({
    id: activityId ? `${activityId}|${action}` : undefined,
    // The user's action time (Teams sends it): a redelivery then keys to the same audit row.
    at: activityTime(turn.context.activity.timestamp) ?? turn.now.toISOString(),
    userId: turn.actor.aadObjectId,
    teamsUserId: turn.actor.teamsId,
    name: turn.actor.name,
    action,
    conferenceId,
    details: rest,
  });
  // The desk's indexes follow every audited change (bot/desk/projection.ts); a refusal changes nothing.
  if (!action.endsWith('-refused')) await refreshDesk(s, { conferenceId, caseRef: typeof rest.caseRef === 'string' ? rest.caseRef : undefined }, deskTenantOf(s, turn.tenantId));
}

function activityTime(timestamp: Date | string | undefined): string | undefined {
  if (!timestamp) return undefined;
  const t = new Date(timestamp);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}
