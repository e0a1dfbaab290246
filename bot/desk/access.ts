// Who sees what on the desk (issue: "Who sees what"): Child Protection Unit staff — an Entra app
// role, a group, or the bot's admin list — see every conference of their tenant; a chair sees
// the conferences they chair; anyone else sees a message and nothing more.
import type { DeskConfig } from './config.js';
import type { DeskUser } from './token.js';

export type DeskRole = 'unit' | 'chair' | 'none';

export function isUnit(user: DeskUser, config: Pick<DeskConfig, 'unitRole' | 'unitGroups' | 'unitUsers'>): boolean {
  return user.roles.includes(config.unitRole) || user.groups.some((g) => config.unitGroups.includes(g)) || config.unitUsers.includes(user.userId);
}

export const NOT_FOR_YOU =
  'This desk is for the Child Protection Unit and conference chairs. You are neither for any conference here: ask the Child Protection Unit if you should be.';

/** What one request may read: every conference of the tenant, or one chair's. */
export interface Scope {
  role: DeskRole;
  tenantId: string;
  /** Set for a chair: only conferences with this chair. */
  chairId?: string;
}
