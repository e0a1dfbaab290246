// The hook from the audit trail to the desk's indexes. A failure here never undoes or fails the
// user's action (it is stored and audited already): it is logged, and the next change of the
// conference writes its desk rows again.
import type { Services } from '../services.js';
import { refreshConference, refreshPlans } from './projection.js';

/** The tenant a conference belongs to on the desk: the turn's, else the bot's own. */
export function deskTenantOf(s: Services, turnTenant: string | undefined): string {
  return turnTenant ?? s.config.MicrosoftAppTenantId ?? s.config.ALLOWED_TENANTS[0] ?? 'default';
}

export async function refreshDesk(s: Services, about: { conferenceId?: string; caseRef?: string }, tenantId: string): Promise<void> {
  try {
    if (about.conferenceId) await refreshConference(s.store, about.conferenceId, tenantId);
    else if (about.caseRef) await refreshPlans(s.store, about.caseRef, tenantId);
  } catch (e) {
    s.log(`desk index not refreshed for ${about.conferenceId ?? about.caseRef}: ${(e as Error).message}`);
  }
}
