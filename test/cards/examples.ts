// Every card filled with realistic data, the way the bot fills them. Each example passes the
// child's full name in its data: cards for groups must drop it (see cards.test.ts).
import type { AdaptiveCard } from '../../cards/fill.js';
import * as C from '../../cards/index.js';
import * as F from './fixtures.js';

export type Audience = 'group' | 'personal';
export interface Example {
  card: AdaptiveCard;
  /** `group`: may be posted in a group chat or channel, so it must never show the full name. */
  audience: Audience;
}

const ids = { conferenceId: F.CONFERENCE_ID, roundId: F.ROUND_ID };
const child = F.NAMED_CHILD; // extra field on purpose
const agencies = F.AGENCIES.map((agency, i) => ({ agency, voted: i < 5 }));

export const EXAMPLES: Record<string, Example> = {
  help: { audience: 'group', card: C.helpCard({ canSchedule: true }) },
  'help-unknown-text': { audience: 'group', card: C.helpCard({ note: 'I did not understand "shedule".' }) },
  error: {
    audience: 'group',
    card: C.errorCard({
      message: 'Your answer was not recorded.',
      problems: ["Deputy's name: is required for a briefed deputy"],
      hint: 'Open "Briefed deputy" again and enter the name.',
    }),
  },
  invitation: {
    audience: 'personal',
    card: C.invitationCard({
      conferenceId: F.CONFERENCE_ID,
      child,
      kind: 'initial',
      startsAt: '2025-03-04T10:00',
      location: 'Teams meeting, link in the calendar invite',
      chair: F.CHAIR.name,
      policy: 'bolton',
      invitedAs: F.PROFESSIONALS[1]!,
      reportDeadline: { what: 'Send your report to the chair', by: '2025-03-03T10:00' },
    }),
  },
  'invitation-answered': {
    audience: 'personal',
    card: C.invitationCard({
      conferenceId: F.CONFERENCE_ID,
      child,
      kind: 'first-review',
      startsAt: '2025-06-03T14:30',
      chair: F.CHAIR.name,
      policy: 'barnsley',
      invitedAs: F.PROFESSIONALS[3]!,
      reportDeadline: { what: 'Share your report with the family', by: '2025-06-01T14:30' },
      answer: { rsvp: 'deputy', deputyName: 'Jo Marsh' },
    }),
  },
  'invitation-closed': {
    audience: 'personal',
    card: C.invitationCard({
      conferenceId: F.CONFERENCE_ID,
      child,
      kind: 'initial',
      startsAt: '2025-03-04T10:00',
      chair: F.CHAIR.name,
      policy: 'bolton',
      invitedAs: F.FAMILY[0]!,
      reportDeadline: { what: 'Send your report to the chair', by: '2025-03-03T10:00' },
      answer: { rsvp: 'attending' },
      open: false,
    }),
  },
  'vote-everyone': { audience: 'group', card: C.voteCard({ ...ids, child, question: 'initial', agencies, refreshUserIds: F.USER_IDS }) },
  'vote-voter': {
    audience: 'group',
    card: C.voteCard({
      ...ids,
      child,
      question: 'initial',
      agencies,
      viewer: { kind: 'voter', name: 'DC Rachel Holt', agency: 'police', current: { choice: 'no-cp-plan', recommendation: 'child-in-need', reason: 'Risk is managed by the CIN plan' } },
      refreshUserIds: F.USER_IDS,
    }),
  },
  'vote-chair': {
    audience: 'group',
    card: C.voteCard({ ...ids, child, question: 'initial', agencies, counts: { 'cp-plan': 4, 'no-cp-plan': 1 }, viewer: { kind: 'chair' }, refreshUserIds: F.USER_IDS }),
  },
  'vote-observer': {
    audience: 'group',
    card: C.voteCard({ ...ids, child, question: 'review', round: 2, agencies, viewer: { kind: 'observer', why: 'family members do not vote; the chair will ask for your views.' } }),
  },
  'vote-closed': { audience: 'group', card: C.voteCard({ ...ids, child, question: 'review', open: false, agencies }) },
  'result-majority': {
    audience: 'group',
    card: C.resultCard({
      ...ids,
      child,
      question: 'initial',
      outcome: { kind: 'decided', choice: 'cp-plan', basis: 'majority' },
      counts: { 'cp-plan': 6, 'no-cp-plan': 2 },
      dissents: [
        { name: 'Tom Reid', agency: 'housing', choice: 'no-cp-plan', recommendation: 'child-in-need', reason: 'The family has engaged with support since January.' },
        { name: 'Lucy Evans', agency: 'probation', choice: 'no-cp-plan', recommendation: 'child-in-need' },
      ],
      excluded: [
        { name: 'Karen Smithson', agency: 'family', role: 'family', why: 'family members do not vote' },
        { name: 'Paul Smithson', agency: 'family', role: 'family', why: 'family members do not vote' },
        { name: 'Beth Lowe', agency: 'childrens-social-care', role: 'support-staff', why: 'attending to support a colleague' },
      ],
      warnings: ['The child is looked after: a plan needs exceptional circumstances, recorded by the chair.'],
    }),
  },
  'result-bolton-split': {
    audience: 'group',
    card: C.resultCard({
      ...ids,
      child,
      question: 'initial',
      outcome: { kind: 'decided', choice: 'cp-plan', basis: 'split-plan' },
      counts: { 'cp-plan': 4, 'no-cp-plan': 4 },
      dissents: F.PROFESSIONALS.slice(4).map((p) => ({ name: p.name, agency: p.agency, choice: 'no-cp-plan' as const, recommendation: 'child-in-need' as const, reason: 'Needs are met by a CIN plan.' })),
      split: { rule: 'plan-and-referral', referralBy: '2025-03-11', panelBy: '2025-04-01' },
    }),
  },
  'result-barnsley-awaiting': {
    audience: 'group',
    card: C.resultCard({ ...ids, child, question: 'review', outcome: { kind: 'awaiting-chair' }, counts: { continue: 4, discontinue: 4 }, split: { rule: 'chair-decides' } }),
  },
  'result-deferred': {
    audience: 'group',
    card: C.resultCard({ ...ids, child, question: 'initial', outcome: { kind: 'deferred', reason: 'the paediatric assessment is not yet available', reconveneBy: '2025-06-04' } }),
  },
};
