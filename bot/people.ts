// Finding the Teams user behind an email address or Teams id typed on the scheduling form.
import { TeamsInfo } from 'botbuilder';
import type { Turn } from './turn.js';

export interface TeamsPerson {
  teamsId: string;
  aadObjectId: string;
  name: string;
  email?: string;
}

/**
 * Teams resolves a user by email (UPN), Teams id or Entra object id among the members it can see
 * from this conversation (the team or chat the bot is installed in, or the tenant's roster).
 */
export async function findPerson(turn: Turn, contact: string): Promise<TeamsPerson | undefined> {
  try {
    const m = await TeamsInfo.getMember(turn.context, contact);
    if (!m?.id) return undefined;
    return { teamsId: m.id, aadObjectId: m.aadObjectId ?? m.id, name: m.name ?? contact, email: m.email ?? m.userPrincipalName ?? undefined };
  } catch {
    return undefined;
  }
}
