// Finding the Teams user behind an email address or Teams id typed on the scheduling form.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Turn } from './turn.js';

export interface TeamsPerson {
  teamsId: string;
  aadObjectId: string;
  name: string;
  email?: string;
}

interface Member {
  id?: string;
  aadObjectId?: string;
  name?: string;
  email?: string;
  userPrincipalName?: string;
}

/** A Teams user id (29:…) or an Entra object id: what a 1:1 chat can be opened with. */
const USER_ID = /^(29:\S+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Teams resolves a user by email (UPN), Teams id or Entra object id among the members of this
 * conversation (the team or chat the bot is installed in). The form is filled in the chair's
 * 1:1 chat, where the invitees are not members: a Teams or Entra id is then looked up in the
 * bot's 1:1 chat with that user — the chat the invitation goes to (Teams returns the existing
 * one, and refuses when the bot cannot reach the user).
 */
export async function findPerson(turn: Turn, contact: string): Promise<TeamsPerson | undefined> {
  const m = (await inConversation(turn.context, contact)) ?? (USER_ID.test(contact) ? await inPersonalChat(turn, contact) : undefined);
  if (!m?.id) return undefined;
  return { teamsId: m.id, aadObjectId: m.aadObjectId ?? m.id, name: m.name ?? contact, email: m.email ?? m.userPrincipalName ?? undefined };
}

async function inConversation(context: TurnContext, contact: string): Promise<Member | undefined> {
  try {
    return await TeamsInfo.getMember(context, contact);
  } catch {
    return undefined;
  }
}

async function inPersonalChat(turn: Turn, userId: string): Promise<Member | undefined> {
  try {
    const client = turn.context.turnState.get<ConnectorClient | undefined>(turn.context.adapter.ConnectorClientKey);
    if (!client) return undefined;
    const chat = await client.conversations.createConversation({
      isGroup: false,
      bot: turn.context.activity.recipient,
      members: [{ id: userId, name: '' }],
      tenantId: turn.tenantId,
      channelData: turn.tenantId ? { tenant: { id: turn.tenantId } } : undefined,
    } as never);
    if (!chat.id) return undefined;
    const member = (await client.conversations.getConversationMember(chat.id, userId)) as Member;
    return member.id ? member : undefined;
  } catch {
    return undefined;
  }
}
