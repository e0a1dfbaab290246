// Valid sample records for tests; each call gives a fresh conference id unless told otherwise.
import { randomUUID } from 'node:crypto';
import type { Conference } from '../../src/store/conferences.js';
import type { Decision } from '../../src/store/decisions.js';
import type { Invitation } from '../../src/store/invitees.js';
import type { Ballot } from '../../src/store/votes.js';

export const newConferenceId = () => `conf-${randomUUID()}`;

export const CHAIR = { userId: 'aad-chair-0001', name: 'Chris Chair' };

export function aConference(overrides: Partial<Conference> = {}): Conference {
  return {
    id: newConferenceId(),
    caseRef: 'CP/2026/0042',
    childInitials: 'AB',
    childFullName: 'Alex Brown',
    kind: 'initial',
    policy: 'bolton',
    scheduledAt: '2026-12-01T10:00:00.000Z',
    triggerDate: '2026-11-16',
    dueBy: '2026-12-07',
    chair: CHAIR,
    status: 'scheduled',
    lookedAfter: false,
    createdAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

export function anInvitation(conferenceId: string, overrides: Partial<Invitation> = {}): Invitation {
  return {
    conferenceId,
    userId: 'aad-user-police-1',
    name: 'Pat Police',
    agency: 'police',
    role: 'professional',
    directContact: true,
    invitedAt: '2026-11-20T09:05:00.000Z',
    ...overrides,
  };
}

export function aBallot(overrides: Partial<Ballot> = {}): Ballot {
  return {
    userId: 'aad-user-police-1',
    name: 'Pat Police',
    agency: 'police',
    role: 'professional',
    choice: 'cp-plan',
    at: '2026-12-01T10:45:00.000Z',
    ...overrides,
  };
}

export function aDecision(conferenceId: string, overrides: Partial<Decision> = {}): Decision {
  return {
    conferenceId,
    outcome: 'cp-plan',
    split: false,
    category: { primary: 'neglect', others: [] },
    dissents: [],
    leadProfessional: { userId: 'aad-sw-1', name: 'Sam Social', agency: 'childrens-social-care' },
    coreGroup: [
      { userId: 'aad-sw-1', name: 'Sam Social', role: 'professional', agency: 'childrens-social-care' },
      { name: 'Mum Brown', role: 'family' },
    ],
    firstCoreGroupDate: '2026-12-14',
    firstReviewDate: '2027-03-01',
    outlinePlan: 'Weekly visits; nursery attendance monitored.',
    contingencyPlan: 'Strategy discussion if attendance drops.',
    safetyScales: [{ agency: 'police', score: 3 }],
    decidedBy: CHAIR,
    decidedAt: '2026-12-01T11:00:00.000Z',
    ...overrides,
  };
}
