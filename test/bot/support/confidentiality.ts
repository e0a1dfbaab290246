// The confidentiality scan (RULES.md, Confidentiality): a child's full name may go only into 1:1
// cards to invitees. Every activity the bot sent to a group chat or channel — anything whose
// conversation is not a personal chat (`a:personal-…`) — is searched for each full name.
import { expect } from 'chai';
import type { FakeConnector } from './connector.js';

export interface Leak {
  name: string;
  conversationId: string;
  activityId: string;
}

/** Every group or channel activity that contains one of `fullNames` (case-insensitive, JSON-escaped text included). */
export function groupLeaks(connector: FakeConnector, fullNames: readonly string[]): Leak[] {
  const leaks: Leak[] = [];
  for (const out of connector.outgoing) {
    if (out.conversationId.startsWith('a:personal-')) continue;
    const text = JSON.stringify(out.activity).toLowerCase();
    for (const name of fullNames) if (text.includes(name.toLowerCase())) leaks.push({ name, conversationId: out.conversationId, activityId: out.activityId });
  }
  return leaks;
}

/** How many activities went to group chats or channels (so a scan of nothing is noticed). */
export function groupActivityCount(connector: FakeConnector): number {
  return connector.outgoing.filter((o) => !o.conversationId.startsWith('a:personal-')).length;
}

/** Fails on any full name in a group chat or channel; `atLeast` guards against scanning an empty log. */
export function expectNoFullNamesInGroups(connector: FakeConnector, fullNames: readonly string[], atLeast = 1): void {
  expect(fullNames.length, 'names to scan for').to.be.greaterThan(0);
  expect(groupActivityCount(connector), 'group activities scanned').to.be.at.least(atLeast);
  expect(groupLeaks(connector, fullNames), 'full names in group chats or channels').to.deep.equal([]);
}
