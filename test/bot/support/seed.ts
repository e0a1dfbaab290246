// Conferences written straight through the store API, for tests and benchmarks that need many
// of them quickly; everything after (RSVPs, start, check-in, votes) goes through the bot.
import type { Conference } from '../../../src/store/conferences.js';
import type { Store } from '../../../src/store/store.js';
import type { Member } from './connector.js';
import type { Conversation } from './teams.js';

/** Ten agencies that vote (professionals with direct contact), Children's Social Care first. */
export const TEN_AGENCIES = [
  'childrens-social-care',
  'police',
  'health-visiting',
  'gp',
  'paediatrics',
  'midwifery',
  'mental-health',
  'education',
  'probation',
  'housing',
] as const;

export const person = (key: string, name: string): Member => ({ id: `29:${key}`, aadObjectId: `aad-${key}`, name, email: `${key}@example.gov.uk` });

export interface SeededConference {
  conference: Conference;
  chair: Member;
  /** Each invitee with the agency they represent. */
  invitees: { member: Member; agency: string }[];
  /** The group chat it runs in (once started there). */
  group: Conversation;
  fullName: string;
}

export interface SeedOptions {
  id: string;
  caseRef: string;
  initials?: string;
  fullName: string;
  chair: Member;
  invitees: { member: Member; agency: string; role?: 'professional' | 'family' | 'support-staff' }[];
  scheduledAt?: string;
  status?: Conference['status'];
  policy?: Conference['policy'];
  group?: Conversation;
}

/** A scheduled conference and its invitations, as the scheduling form would have stored them. */
export async function seedConference(store: Store, o: SeedOptions): Promise<SeededConference> {
  const conference: Conference = {
    id: o.id,
    caseRef: o.caseRef,
    childInitials: o.initials ?? 'AB',
    childFullName: o.fullName,
    kind: 'initial',
    policy: o.policy ?? 'bolton',
    scheduledAt: o.scheduledAt ?? '2026-12-07T10:00:00.000Z',
    triggerDate: '2026-11-20',
    dueBy: '2026-12-07',
    chair: { userId: o.chair.aadObjectId, name: o.chair.name, teamsId: o.chair.id },
    status: o.status ?? 'scheduled',
    lookedAfter: false,
    createdAt: '2026-11-20T09:00:00.000Z',
  };
  const created = await store.conferences.create(conference);
  if (created.outcome === 'id-taken') throw new Error(`conference ${o.id} exists already`);
  await Promise.all(
    o.invitees.map((i) =>
      store.invitees.invite({
        conferenceId: conference.id,
        userId: i.member.aadObjectId,
        teamsId: i.member.id,
        name: i.member.name,
        agency: i.agency,
        role: i.role ?? 'professional',
        directContact: (i.role ?? 'professional') === 'professional',
        invitedAt: '2026-11-20T09:05:00.000Z',
      }),
    ),
  );
  return {
    conference,
    chair: o.chair,
    invitees: o.invitees.map(({ member, agency }) => ({ member, agency })),
    group: o.group ?? { id: `19:${o.id}@thread.v2`, conversationType: 'groupChat' },
    fullName: o.fullName,
  };
}

/** A conversation reference for a member's 1:1 chat, as the bot saves it from their first message. */
export function personalReference(member: Member, serviceUrl: string): Record<string, unknown> {
  return {
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: `a:personal-${member.id}`, conversationType: 'personal', isGroup: false },
    user: { id: member.id, aadObjectId: member.aadObjectId, name: member.name },
    bot: { id: '28:cp-conference-bot', name: 'Conference bot' },
  };
}
