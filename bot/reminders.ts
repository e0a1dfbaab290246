// The scheduled reminder run: what falls due today or tomorrow (report deadlines, core groups,
// minutes, reviews…) is sent 1:1 to each person it concerns. A lease lets one instance run at a
// time, and a per-reminder claim makes each reminder go once even if two runs overlap. The run
// also finishes lifecycle steps whose instance stopped before relaying their outbox (case-changes.ts)
// and messages whose sender died or failed (effects.ts).
import { randomUUID } from 'node:crypto';
import { addCalendarDays } from '../src/rules/calendar.js';
import { reminderCard } from '../cards/reminder.js';
import { finishEffects } from './effects.js';
import type { Services } from './services.js';
import { localDate } from './time.js';

const LEASE = 'reminder-run';
const LEASE_MS = 10 * 60_000;

export interface ReminderRunResult {
  ran: boolean;
  sent: number;
  failed: number;
}

export async function runReminders(s: Services, now: Date, holder: string): Promise<ReminderRunResult> {
  const lease = await s.store.leases.acquire(LEASE, holder, LEASE_MS, now);
  if (!lease.acquired) return { ran: false, sent: 0, failed: 0 };
  let sent = 0;
  let failed = 0;
  try {
    // Lifecycle steps an instance left half-relayed are finished first: the per-day list read next is then whole.
    await s.store.caseChanges.sweep(now).then(
      (relayed) => relayed > 0 && s.log(`finished ${relayed} outbox rows that lifecycle steps had left`),
      (e: Error) => s.log(`case outbox sweep failed: ${e.message}`),
    );
    // Messages whose sender died or failed (invitations, circulation, notices, a result card) go now.
    await finishEffects(s, now).then(
      (sent) => sent > 0 && s.log(`sent ${sent} messages that earlier attempts had left`),
      (e: Error) => s.log(`effects sweep failed: ${e.message}`),
    );
    const today = localDate(now);
    for (const day of [today, addCalendarDays(today, 1)]) {
      for (const item of await s.store.dueItems.dueOn(day)) {
        for (const userId of item.userIds) {
          const id = [item.kind, item.caseRef, item.conferenceId ?? '-', item.due, userId].join('|');
          // People not on Teams (and walk-ins) have no Entra id: the Unit reaches them by other means.
          if (!reachableById(userId)) continue;
          const reference = await s.store.conversations.get(userId);
          if (!(await s.store.reminders.claim(id, holder, now.toISOString()))) continue;
          try {
            const card = reminderCard({ child: { caseRef: item.caseRef, initials: item.title }, what: item.kind, conferenceKind: item.conferenceKind, due: item.due, today });
            if (reference) {
              await s.messenger.post(reference, card);
            } else {
              // Never wrote to the bot: open the 1:1 chat by Entra object id (the app is installed by policy).
              const opened = await s.messenger.toUser({ teamsId: userId, tenantId: s.config.MicrosoftAppTenantId ?? s.config.ALLOWED_TENANTS[0], serviceUrl: s.config.TEAMS_SERVICE_URL }, card);
              await s.store.conversations.save(userId, opened.reference as Record<string, unknown>, now.toISOString());
            }
            sent += 1;
          } catch (e) {
            failed += 1;
            await s.store.reminders.unclaim(id); // at most once, but a later run may try again
            s.log(`reminder ${id} failed: ${(e as Error).message}`);
          }
        }
      }
    }
  } finally {
    await s.store.leases.release(LEASE, holder);
  }
  return { ran: true, sent, failed };
}

/** Ids the bot gave people without an Entra identity (not on Teams, walk-ins) open no chat. */
const reachableById = (userId: string) => !/^(not-on-teams|walk-in):/.test(userId);

/** Runs the reminder job every `everyMs`; returns a stop function. */
export function scheduleReminders(s: Services, now: () => Date, everyMs = 15 * 60_000): () => void {
  const holder = `instance-${randomUUID()}`;
  const tick = () => void runReminders(s, now(), holder).catch((e: Error) => s.log(`reminder run failed: ${e.message}`));
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
