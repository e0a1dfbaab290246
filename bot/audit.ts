// Every state change and every refusal goes to the append-only audit table.
import type { Services } from './services.js';
import type { Turn } from './turn.js';

export async function audit(s: Services, turn: Turn, action: string, details: { conferenceId?: string; [k: string]: unknown } = {}): Promise<void> {
  const { conferenceId, ...rest } = details;
  // The activity id makes a redelivered action's entry land once.
  const activityId = turn.context.activity.id;
  await s.store.audit.append({
    id: activityId ? `${activityId}|${action}` : undefined,
    at: turn.now.toISOString(),
    userId: turn.actor.aadObjectId,
    teamsUserId: turn.actor.teamsId,
    name: turn.actor.name,
    action,
    conferenceId,
    details: rest,
  });
}
