// Finding the Teams user behind an email address, UPN, Teams id or Entra object id typed on the
// scheduling form, and whether the bot can reach them (PLATFORM.md, Reaching people).
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Directory } from './directory.js';
import type { Turn } from './turn.js';

export interface TeamsPerson {
  teamsId: string;
  aadObjectId: string;
  name: string;
  email?: string;
}

/** `found`: reachable 1:1. `unreachable`: in the directory, but Teams will not open a chat. `not-found`: nobody. */
export type Lookup = { kind: 'found'; person: TeamsPerson } | { kind: 'unreachable' | 'not-found'; why: string };

interface Member {
  id?: string;
  aadObjectId?: string;
  name?: string;
  email?: string;
  userPrincipalName?: string;
}

/** A Teams user id (29:…) or an Entra object id: what a 1:1 chat can be opened with. */
const USER_ID = /^(29:\S+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** What a Teams admin does so the bot can open a chat (Teams refuses one with someone without the app). */
export const INSTALL_HINT = 'Ask your Teams admin to pre-install the app for child protection staff with an app setup policy (README, Deploy), or ask them to add the app in Teams';

/**
 * Teams resolves a user among the members of this conversation (a team or group chat). The form
 * is filled in a 1:1 chat, where invitees are not members: an email or UPN is then resolved to
 * the person's Entra object id through Microsoft Graph, and a Teams or Entra id is looked up in
 * the bot's 1:1 chat with that user — the chat invitations go to (Teams returns the existing
 * one, and refuses when the app is not installed for the user).
 */
export async function findPerson(turn: Turn, contact: string, directory?: Directory): Promise<Lookup> {
  const here = await inConversation(turn.context, contact);
  if (here?.id) return { kind: 'found', person: personOf(here, contact) };
  if (USER_ID.test(contact)) {
    const chat = await inPersonalChat(turn, contact);
    return chat?.id ? { kind: 'found', person: personOf(chat, contact) } : { kind: 'not-found', why: `${contact} could not be reached in Teams: check the id. ${INSTALL_HINT}.` };
  }
  if (!EMAIL.test(contact)) return { kind: 'not-found', why: `"${contact}" is not an email address or Teams id.` };
  if (!directory) {
    return { kind: 'not-found', why: `${contact} cannot be looked up: finding people by email needs Microsoft Graph, which is not set up for this bot (README, Deploy). Give their Teams id instead.` };
  }
  const user = await directory.user(contact);
  if (user.kind === 'failed') return { kind: 'not-found', why: `${contact} could not be looked up in your organisation's directory (${user.why}). Try again shortly.` };
  if (user.kind === 'none') return { kind: 'not-found', why: `Nobody with the email ${contact} is in your organisation's directory: check the spelling. For someone outside your organisation, go ahead below and the Unit invites them by other means.` };
  const chat = await inPersonalChat(turn, user.id);
  if (!chat?.id) {
    return {
      kind: 'unreachable',
      why: `${user.displayName} (${contact}) is in your organisation's directory, but Teams will not let the bot message them: the app is not installed for them. ${INSTALL_HINT}, then schedule again — or go ahead and invite them by other means.`,
    };
  }
  return { kind: 'found', person: { ...personOf(chat, contact), aadObjectId: user.id, name: chat.name || user.displayName, email: user.mail ?? contact } };
}

function personOf(m: Member, contact: string): TeamsPerson {
  return { teamsId: m.id!, aadObjectId: m.aadObjectId ?? m.id!, name: m.name ?? contact, email: m.email ?? m.userPrincipalName ?? undefined };
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
