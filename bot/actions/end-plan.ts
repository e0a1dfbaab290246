// A plan ended without a review (RULES.md, The decision): 18, died, left the UK, married, moved
// permanently. Everyone invited to the initial conference is told, 1:1.
import { planEndWithoutReview } from '../../src/rules/plan-end.js';
import type { PlanEndReason } from '../../src/rules/types.js';
import { planEndedCard } from '../../cards/plan-ended.js';
import { audit } from '../audit.js';
import type { Services } from '../services.js';
import { localDate } from '../time.js';
import { UserError, type Reply, type Turn } from '../turn.js';
import { conferencesOfCase } from './queries.js';

export async function endPlan(s: Services, turn: Turn, caseRef: string, reason: PlanEndReason): Promise<Reply> {
  const conferences = await conferencesOfCase(s, caseRef);
  const chairs = conferences.map((c) => c.chair.userId);
  if (!turn.isAdmin && !chairs.includes(turn.actor.aadObjectId)) {
    await audit(s, turn, 'end-plan-refused', { caseRef });
    throw new UserError(`No case ${caseRef} was found among the cases you chair.`, 'Not found');
  }
  const plan = await s.store.plans.current(caseRef);
  if (!plan || plan.plan !== 'cp') throw new UserError(`Case ${caseRef} has no current child protection plan.`, 'No plan');
  const rule = planEndWithoutReview(reason);
  const today = localDate(turn.now);
  const ended = await s.store.plans.end(caseRef, { on: today, reason });
  if (ended.outcome === 'not-found') throw new UserError(`Case ${caseRef} has no current child protection plan.`, 'No plan');
  await audit(s, turn, 'plan-ended', { caseRef, reason });
  const initial = conferences.find((c) => c.id === plan.startedBy) ?? conferences.at(-1);
  let told = 0;
  if (initial) {
    const invitees = await s.store.invitees.list(initial.id);
    // 1:1 to each person invited to the initial conference, so the child may be named.
    const card = planEndedCard({ child: { caseRef, initials: initial.childInitials, fullName: initial.childFullName }, reason, endedOn: today, recordedBy: turn.actor.name, note: rule.afterReceivingAreaConference ? "The plan ends once the receiving area's conference has been held." : undefined });
    for (const teamsId of new Set([initial.chair.teamsId, ...invitees.map((i) => i.teamsId)])) {
      if (!teamsId) continue;
      await s.messenger.toUser({ teamsId, tenantId: turn.tenantId, serviceUrl: turn.context.activity.serviceUrl }, card).then(
        () => (told += 1),
        (e: Error) => s.log(`plan-ended notice failed: ${e.message}`),
      );
    }
  }
  return { text: `The plan for case ${caseRef} has ended (${reason}). ${told} people invited to the initial conference were told.` };
}
