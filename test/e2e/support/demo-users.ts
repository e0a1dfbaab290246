// Who is who in .m365agentsplayground.yml, in the vocabulary of the rules (agency, role), so a
// walk can say `as('police')` instead of repeating ids. The playground checks the ids against
// the file when it starts (`assertDemoUsers`).
export type DemoRole = 'chair' | 'social-worker' | 'police' | 'health' | 'school' | 'minutes';

export interface DemoUser {
  role: DemoRole;
  /** Teams user id (`from.id`, `members[].id`). */
  id: string;
  /** Entra object id (`from.aadObjectId`): what ADMIN_USER_IDS lists. */
  aadObjectId: string;
  name: string;
  agency: string;
  /** Role in the rules' terms: only professionals vote and count for quoracy. */
  kind: 'chair' | 'professional' | 'support-staff';
}

export const DEMO_USERS: Record<DemoRole, DemoUser> = {
  chair: {
    role: 'chair',
    id: '29:demo-chair',
    aadObjectId: '8d1f0a10-0000-4000-8000-000000000001',
    name: 'Helen Carter (IRO, Chair)',
    agency: 'independent-reviewing-officer',
    kind: 'chair',
  },
  'social-worker': {
    role: 'social-worker',
    id: '29:demo-social-worker',
    aadObjectId: '8d1f0a10-0000-4000-8000-000000000002',
    name: 'Sam Okafor (Social Worker)',
    agency: 'childrens-social-care',
    kind: 'professional',
  },
  police: {
    role: 'police',
    id: '29:demo-police',
    aadObjectId: '8d1f0a10-0000-4000-8000-000000000003',
    name: 'DC Priya Shah (Police)',
    agency: 'police',
    kind: 'professional',
  },
  health: {
    role: 'health',
    id: '29:demo-health',
    aadObjectId: '8d1f0a10-0000-4000-8000-000000000004',
    name: 'Joanne Reid (Health Visitor)',
    agency: 'health',
    kind: 'professional',
  },
  school: {
    role: 'school',
    id: '29:demo-school',
    aadObjectId: '8d1f0a10-0000-4000-8000-000000000005',
    name: 'Mark Evans (School DSL)',
    agency: 'education',
    kind: 'professional',
  },
  minutes: {
    role: 'minutes',
    id: '29:demo-minutes',
    aadObjectId: '8d1f0a10-0000-4000-8000-000000000006',
    name: 'Amy Lloyd (Minute Taker)',
    agency: 'business-support',
    kind: 'support-staff',
  },
};

export const DEMO_TENANT_ID = '7f3c1a2e-0c4b-4d6e-9a51-2b8d6c0e4f10';

/** Fails when the config file and this table have drifted apart. */
export function assertDemoUsers(users: Array<{ id: string; name: string; aadObjectId: string }>): void {
  for (const demo of Object.values(DEMO_USERS)) {
    const user = users.find((u) => u.id === demo.id);
    if (!user || user.name !== demo.name || user.aadObjectId !== demo.aadObjectId) {
      throw new Error(`.m365agentsplayground.yml and demo-users.ts disagree about ${demo.role} (${demo.id})`);
    }
  }
}
