// The chair runs the room (Bolton procedures, Attendance; Quoracy; Disagreement and dissent):
// checking invitees in and out, a briefed deputy for an invited agency, someone not invited,
// and an agency's view given in the room or on the phone. Each is recorded as done by the
// chair for that person, on the cards and in the audit; bad input changes nothing.
import { roleAtTable } from '../../src/rules/quoracy.js';
import type { Agency } from '../../src/rules/types.js';
import type { Conference } from '../../src/store/conferences.js';
import type { ActedBy, CheckIn, Invitee } from '../../src/store/invitees.js';
import { agencyLabel, viewChoiceOf, type ActionOf } from '../../cards/index.js';
import { loadConference, requireChair, requireStatus } from '../access.js';
import { audit, auditAction, followDesk } from '../audit.js';
import type { Services } from '../services.js';
import { UserError, type ActionOutcome, type Turn } from '../turn.js';
import { attendanceViews } from './attendance.js';
import { loadRound, roundViews } from './voting.js';

const byChair = (turn: Turn): ActedBy => ({ userId: turn.actor.aadObjectId, name: turn.actor.name, as: 'chair' });
const agencyOf = (i: Invitee) => i.checkIn?.agency ?? i.agency;
/** The name of whoever is there for this row: the deputy when one attends in the invitee's place. */
export const attendeeName = (i: Invitee) => i.checkIn?.deputyName ?? i.name;
const isProfessional = (conference: Conference, i: Invitee) =>
  roleAtTable({ role: i.checkIn?.role ?? i.role, agency: agencyOf(i), chair: i.userId === conference.chair.userId }) === 'professional';

async function chairsRoom(s: Services, turn: Turn, conferenceId: string, what: string): Promise<Conference> {
  const conference = await loadConference(s, conferenceId);
  requireChair(conference, turn, what);
  requireStatus(conference, ['in-progress'], what);
  return conference;
}

export async function chairCheckIn(s: Services, turn: Turn, a: ActionOf<'chairCheckIn'>): Promise<ActionOutcome> {
  const conference = await chairsRoom(s, turn, a.conferenceId, 'check people in or out');
  const invitee = await s.store.invitees.get(conference.id, a.person);
  if (!invitee) throw new UserError('That person is not on this conference’s list. Someone not invited is checked in with "Someone not invited".', 'Not on the list');
  const here = invitee.checkIn?.present === true;
  if (a.present && here) {
    throw new UserError(`${attendeeName(invitee)} is already checked in${invitee.checkIn?.deputyName ? ` (briefed deputy for ${invitee.name})` : ''}.`, 'Already checked in');
  }
  if (!a.present && !here) throw new UserError(`${invitee.name} is not checked in, so cannot be checked out.`, 'Not checked in');
  const checkIn: CheckIn = {
    present: a.present,
    role: invitee.checkIn?.role ?? invitee.role,
    agency: agencyOf(invitee),
    at: turn.now.toISOString(),
    // Checking in the invitee ends any deputy's stand-in; checking out keeps who it was for the record.
    deputyName: a.present ? undefined : invitee.checkIn?.deputyName,
    how: a.present ? (a.personHow ?? 'room') : invitee.checkIn?.how,
    recordedBy: byChair(turn),
  };
  const name = attendeeName(invitee);
  const entry = auditAction(s, turn, a.present ? 'checked-in' : 'checked-out', {
    conferenceId: conference.id,
    person: name,
    agency: checkIn.agency,
    role: checkIn.role,
    how: checkIn.how,
    recordedBy: `recorded by the chair for ${name}`,
  });
  const result = await s.store.invitees.checkIn(conference.id, invitee.userId, checkIn, { audit: entry });
  if (result.outcome === 'not-invited') throw new UserError('That person is no longer on this conference’s list.', 'Not on the list');
  if (result.outcome === 'unchanged') throw new UserError(`${name} is already ${a.present ? 'checked in' : 'checked out'}.`, 'Nothing to change');
  await followDesk(s, turn, { conferenceId: conference.id });
  if (a.present) await askInOpenRound(s, conference, result.invitee);
  return attendanceViews(s, conference, turn, `${name} is checked ${a.present ? 'in' : 'out'} (recorded by the chair for ${name}).`);
}

export async function checkInDeputy(s: Services, turn: Turn, a: ActionOf<'checkInDeputy'>): Promise<ActionOutcome> {
  const conference = await chairsRoom(s, turn, a.conferenceId, 'check in a deputy');
  const invitees = await s.store.invitees.list(conference.id);
  const label = agencyLabel(a.deputyAgency);
  const ofAgency = invitees.filter((i) => !i.walkIn && agencyOf(i) === a.deputyAgency && isProfessional(conference, i));
  if (ofAgency.length === 0) {
    throw new UserError(`Nobody from ${label} was invited to this conference, so nobody can attend as their deputy. If they attend anyway, check them in with "Someone not invited".`, 'Agency not invited');
  }
  const standing = ofAgency.find((i) => i.checkIn?.present && i.checkIn.deputyName);
  if (standing?.checkIn?.deputyName?.toLowerCase() === a.deputyName.toLowerCase()) {
    throw new UserError(`${a.deputyName} is already checked in as deputy for ${standing.name}.`, 'Already checked in');
  }
  if (standing) throw new UserError(`${standing.checkIn!.deputyName} is already checked in for ${label} as deputy for ${standing.name}. Check them out first.`, 'Deputy already here');
  const present = ofAgency.find((i) => i.checkIn?.present);
  if (present) throw new UserError(`${present.name} is here for ${label}: a briefed deputy attends only in place of an absent invitee.`, 'Invitee present');
  // The invitee who said they would send a deputy, else the first invited for the agency.
  const absent = ofAgency.find((i) => i.rsvp?.response === 'deputy') ?? ofAgency[0]!;
  const checkIn: CheckIn = {
    present: true,
    role: 'professional',
    agency: a.deputyAgency,
    at: turn.now.toISOString(),
    deputyName: a.deputyName,
    how: a.deputyHow ?? 'room',
    recordedBy: byChair(turn),
  };
  const entry = auditAction(s, turn, 'deputy-checked-in', {
    conferenceId: conference.id,
    deputy: a.deputyName,
    for: absent.name,
    agency: a.deputyAgency,
    how: checkIn.how,
    recordedBy: `recorded by the chair for ${a.deputyName}`,
  });
  const result = await s.store.invitees.checkIn(conference.id, absent.userId, checkIn, { audit: entry });
  if (result.outcome === 'not-invited') throw new UserError(`${absent.name} is no longer on this conference’s list.`, 'Not on the list');
  if (result.outcome !== 'unchanged') await followDesk(s, turn, { conferenceId: conference.id });
  await askInOpenRound(s, conference, result.invitee);
  return attendanceViews(s, conference, turn, `${a.deputyName} is checked in as briefed deputy for ${absent.name} (${label}).`);
}

export async function checkInWalkIn(s: Services, turn: Turn, a: ActionOf<'checkInWalkIn'>): Promise<ActionOutcome> {
  const conference = await chairsRoom(s, turn, a.conferenceId, 'check in someone not invited');
  const label = agencyLabel(a.walkInAgency);
  const invitees = await s.store.invitees.list(conference.id);
  const invited = invitees.find((i) => !i.walkIn && i.name.toLowerCase() === a.walkInName.toLowerCase() && agencyOf(i) === a.walkInAgency);
  if (invited) throw new UserError(`${invited.name} (${label}) was invited: check them in with "Check someone in or out".`, 'Invited');
  const checkIn: CheckIn = { present: true, role: a.walkInRole, agency: a.walkInAgency, at: turn.now.toISOString(), how: a.walkInHow ?? 'room', recordedBy: byChair(turn) };
  const person: Invitee = {
    conferenceId: conference.id,
    userId: walkInId(a.walkInName, a.walkInAgency),
    name: a.walkInName,
    agency: a.walkInAgency,
    role: a.walkInRole,
    directContact: a.walkInDirect,
    invitedAt: turn.now.toISOString(),
    walkIn: true,
    reach: 'not-on-teams',
    checkIn,
  };
  const entry = auditAction(s, turn, 'walk-in-checked-in', {
    conferenceId: conference.id,
    person: a.walkInName,
    agency: a.walkInAgency,
    role: a.walkInRole,
    directContact: a.walkInDirect,
    how: checkIn.how,
    recordedBy: `recorded by the chair for ${a.walkInName}`,
  });
  const arrived = await s.store.invitees.arrive(person, { audit: entry });
  let stored = arrived.invitee;
  if (arrived.outcome === 'exists') {
    if (stored.checkIn?.present) throw new UserError(`${stored.name} (${label}) is already checked in.`, 'Already checked in');
    const again = await s.store.invitees.checkIn(conference.id, stored.userId, checkIn, { audit: entry });
    if (again.outcome === 'not-invited') throw new UserError('That person could not be checked in: please try again.');
    stored = again.invitee;
  }
  await followDesk(s, turn, { conferenceId: conference.id });
  await askInOpenRound(s, conference, stored);
  return attendanceViews(s, conference, turn, `${a.walkInName} (${label}) is checked in, not invited (recorded by the chair).`);
}

/** The chair records an agency's view for its representative in the room or on the phone. */
export async function recordView(s: Services, turn: Turn, a: ActionOf<'recordView'>): Promise<ActionOutcome> {
  const { conference, round } = await loadRound(s, a.conferenceId, a.roundId);
  requireChair(conference, turn, "record an agency's view");
  if (round.status === 'closed') throw new UserError(`Voting in round ${round.round} has closed.`, 'Round closed');
  const label = agencyLabel(a.viewAgency);
  const [invitees, votes] = await Promise.all([s.store.invitees.list(conference.id), s.store.votes.list(conference.id, round.round)]);
  const reps = invitees.filter((i) => i.checkIn?.present && agencyOf(i) === a.viewAgency && isProfessional(conference, i));
  if (reps.length === 0) {
    throw new UserError(`Nobody from ${label} is checked in. A view is recorded only for an agency present in the room or on the phone: check its representative in first.`, 'Agency not present');
  }
  const given = votes.find((v) => v.agency === a.viewAgency);
  const { choice, recommendation } = viewChoiceOf(a.viewChoice);
  const rep = given?.recordedBy ? reps.find((r) => r.userId === given.userId) ?? reps[0]! : reps.find((r) => r.checkIn?.how !== 'teams') ?? reps[0]!;
  const name = attendeeName(rep);
  const ballot = { userId: rep.userId, name, agency: a.viewAgency, role: 'professional' as const, choice, recommendation, reason: a.viewReason, at: turn.now.toISOString(), recordedBy: { userId: turn.actor.aadObjectId, name: turn.actor.name } };
  if (given && !(given.recordedBy && given.userId === ballot.userId && given.choice === choice && given.reason === a.viewReason && given.recommendation === recommendation)) {
    throw new UserError(`${label} has already given its view in this round (${given.name}${given.recordedBy ? ', recorded by the chair' : ''}): one view per agency.`, 'View already given');
  }
  if (!round.agencies.includes(a.viewAgency)) {
    const added = await s.store.votes.addAgency(conference.id, round.round, a.viewAgency);
    if (added.outcome === 'round-closed' || added.outcome === 'no-such-round') throw new UserError(`Voting in round ${round.round} has closed.`, 'Round closed');
  }
  // The view and its audit entry are one transaction, as a vote is.
  const entry = auditAction(s, turn, 'vote-recorded-by-chair', {
    conferenceId: conference.id,
    round: round.round,
    agency: a.viewAgency,
    choice,
    recommendation,
    reason: a.viewReason,
    for: name,
    how: rep.checkIn?.how,
    recordedBy: `recorded by the chair for ${name}`,
  });
  const result = await s.store.votes.cast(conference.id, round.round, ballot, { audit: () => entry });
  if (!result.ok) {
    await audit(s, turn, 'vote-refused', { conferenceId: conference.id, round: round.round, agency: a.viewAgency, why: result.refusal });
    throw new UserError(result.message, 'View not recorded');
  }
  const fresh = (await s.store.votes.getRound(conference.id, round.round)) ?? round;
  return roundViews(s, conference, fresh, turn, `${label}'s view is recorded by the chair for ${name}.`);
}

/** Someone who arrives while a vote round is open is asked too, if their agency gives a view. */
async function askInOpenRound(s: Services, conference: Conference, invitee: Invitee): Promise<void> {
  if (!invitee.checkIn?.present || !isProfessional(conference, invitee)) return;
  const open = await s.store.votes.openRoundOf(conference.id);
  if (open && !open.agencies.includes(agencyOf(invitee))) await s.store.votes.addAgency(conference.id, open.round, agencyOf(invitee) as Agency);
}

/** A stable id for someone not invited: the same name and agency checked in twice is one person. */
function walkInId(name: string, agency: string): string {
  return `walk-in:${agency}:${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`.slice(0, 200);
}
