// People the bot cannot message (PLATFORM.md, Reaching people): parents, the child, partners in
// another organisation. They are kept with a contact line; the Child Protection Unit is shown what
// to send them (a plain-English invitation and a calendar file) and records their answer for them.
import type restify from 'restify';
import { reportDeadline } from '../../src/rules/reports.js';
import type { Conference } from '../../src/store/conferences.js';
import { ConferenceId } from '../../src/store/schema.js';
import type { Invitee } from '../../src/store/invitees.js';
import type { Store } from '../../src/store/store.js';
import { sendInvitationCard, type ActionOf, type SendInvitationView } from '../../cards/index.js';
import { isChair, loadConference, requireStatus } from '../access.js';
import { auditAction, followDesk } from '../audit.js';
import { calendarFile, calendarLink, signatureMatches } from '../calendar.js';
import type { BotConfig } from '../config.js';
import type { Services } from '../services.js';
import { UserError, type ActionOutcome, type Turn } from '../turn.js';
import { namedChild, startsAt } from '../views.js';
import { policyFor } from '../policy.js';
import { refreshChairSummary } from './invitations.js';

/** The secret that signs calendar links: its own setting, else the bot's password; locally a fixed one. */
export function linkSecret(config: BotConfig): string | undefined {
  return config.LINK_SECRET ?? config.MicrosoftAppPassword ?? (config.MicrosoftAppId ? undefined : 'local-development-only-link-secret');
}

export function sendInvitationView(s: Services, conference: Conference, invitee: Invitee): SendInvitationView {
  const secret = linkSecret(s.config);
  const base = s.config.PUBLIC_URL ?? s.publicUrl?.();
  return {
    conferenceId: conference.id,
    child: namedChild(conference),
    kind: conference.kind,
    startsAt: startsAt(conference),
    location: conference.location,
    chair: conference.chair.name,
    reportsBy: reportDeadline(startsAt(conference), policyFor(conference), conference.kind).sendBy,
    person: { id: invitee.userId, name: invitee.name, agency: invitee.agency, role: invitee.role, contactLine: invitee.contactLine ?? 'no contact given' },
    answer: invitee.rsvp && { rsvp: invitee.rsvp.response, deputyName: invitee.rsvp.deputyName, recordedBy: invitee.rsvp.recordedBy?.name ?? invitee.name },
    calendarUrl: secret && base ? calendarLink(base, secret, conference.id, invitee.userId) : undefined,
  };
}

/** After scheduling: one card per person not on Teams, to the scheduler, with what to send them. */
export async function showNotOnTeams(s: Services, turn: Turn, conference: Conference): Promise<void> {
  const offline = (await s.store.invitees.list(conference.id)).filter((i) => i.reach === 'not-on-teams' && !i.walkIn);
  for (const invitee of offline) await s.messenger.reply(turn.context, sendInvitationCard(sendInvitationView(s, conference, invitee)));
}

/** The Unit (or the chair) records the answer of someone the bot cannot reach, on their behalf. */
export async function answerFor(s: Services, turn: Turn, a: ActionOf<'answerFor'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  const chair = isChair(conference, turn);
  if (!chair && !turn.isAdmin) throw new UserError('Only the Child Protection Unit or the chair can record an answer on someone’s behalf.', 'Not allowed');
  requireStatus(conference, ['scheduled', 'in-progress'], 'record an answer');
  const invitee = await s.store.invitees.get(conference.id, a.person);
  if (!invitee) throw new UserError('That person is not invited to this conference.', 'Not invited');
  if (invitee.reach !== 'not-on-teams') throw new UserError(`${invitee.name} is on Teams and answers their own invitation.`, 'Answers for themselves');
  const entry = auditAction(s, turn, 'rsvp-recorded-for', {
    conferenceId: conference.id,
    person: invitee.name,
    answer: a.answer,
    deputyName: a.deputyName,
    recordedBy: `recorded by the ${chair ? 'chair' : 'Child Protection Unit'} for ${invitee.name}`,
  });
  const result = await s.store.invitees.rsvp(
    conference.id,
    invitee.userId,
    {
      response: a.answer,
      deputyName: a.answer === 'deputy' ? a.deputyName : undefined,
      at: turn.now.toISOString(),
      recordedBy: { userId: turn.actor.aadObjectId, name: turn.actor.name, as: chair ? 'chair' : 'unit' },
    },
    { audit: entry },
  );
  if (result.outcome === 'not-invited') throw new UserError('That person is not invited to this conference.', 'Not invited');
  if (result.outcome !== 'unchanged') {
    await followDesk(s, turn, { conferenceId: conference.id });
    await refreshChairSummary(s, conference);
  }
  return { own: sendInvitationCard(sendInvitationView(s, conference, result.invitee)), notice: `${invitee.name}'s answer is recorded.` };
}

/** GET /calendar/{conference}/{person}/{signature}.ics — only links the bot signed open a file. */
export function mountCalendar(server: restify.Server, deps: { store: Store; config: BotConfig; log: (line: string) => void }): void {
  server.get('/calendar/:conferenceId/:person/:file', async (req, res) => {
    const { conferenceId, person, file } = req.params as Record<string, string>;
    const secret = linkSecret(deps.config);
    const sig = /^([A-Za-z0-9_-]{32})\.ics$/.exec(file ?? '')?.[1];
    const refuse = () => {
      res.status(404);
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('No such calendar file.');
    };
    if (!secret || !sig || !conferenceId || !person || !ConferenceId.safeParse(conferenceId).success || !signatureMatches(secret, conferenceId, person, sig)) return refuse();
    try {
      const [conference, invitee] = await Promise.all([deps.store.conferences.get(conferenceId), deps.store.invitees.get(conferenceId, person)]);
      if (!conference || !invitee) return refuse();
      res.status(200);
      res.setHeader('content-type', 'text/calendar; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="conference-${conference.scheduledAt.slice(0, 10)}.ics"`);
      res.setHeader('cache-control', 'no-store');
      res.end(calendarFile(conference, invitee, conference.location));
    } catch (e) {
      deps.log(`calendar file failed: ${(e as Error).message}`);
      res.status(503);
      res.end('Please try again shortly.');
    }
  });
}
