// Every card filled with realistic data, the way the bot fills them. Each example passes the
// child's full name in its data: cards for groups must drop it (see cards.test.ts).
import type { AdaptiveCard } from '../../cards/fill.js';
import * as C from '../../cards/index.js';
import * as F from './fixtures.js';

export type Audience = 'group' | 'personal';
export interface Example {
  card: AdaptiveCard;
  /** How the card was filled, so tests can fill it again with other data (text.test.ts). */
  fill: (view: unknown) => AdaptiveCard;
  view: unknown;
  /** `group`: may be posted in a group chat or channel, so it must never show the full name. */
  audience: Audience;
}

function ex<V>(fill: (view: V) => AdaptiveCard, view: V): Pick<Example, 'card' | 'fill' | 'view'> {
  return { card: fill(view), fill: fill as (view: unknown) => AdaptiveCard, view };
}

const ids = { conferenceId: F.CONFERENCE_ID, roundId: F.ROUND_ID };
const child = F.NAMED_CHILD; // extra field on purpose
const agencies = F.AGENCIES.map((agency, i) => ({ agency, voted: i < 5 }));
const when = { kind: 'initial' as const, startsAt: '2025-03-04T10:00' };
const quorate = { quorate: true, counting: ['childrens-social-care', 'police', 'gp', 'health-visiting'], missing: [] };
const notQuorate = { quorate: false, counting: ['childrens-social-care', 'police'], missing: ['1 more agency that has had direct contact with the child'] };
const people = F.EVERYONE.map((p, i) => ({ id: `person-${i + 1}`, ...p }));
const plan = {
  leadProfessional: { name: 'Sam Patel', agency: 'childrens-social-care' },
  coreGroup: [...F.PROFESSIONALS.slice(0, 5), ...F.FAMILY],
  firstCoreGroup: '2025-03-14',
  firstReview: '2025-06-03',
  outlinePlan: 'Weekly home visits by the social worker; health visitor checks weight fortnightly; school reports attendance daily.',
  contingencyPlan: 'If the home conditions deteriorate or visits are refused, a legal planning meeting within 5 working days.',
  safetyScales: [{ agency: 'police', scale: 3 }, { agency: 'gp', scale: 4 }],
};
const dissents = [
  { name: 'Tom Reid', agency: 'housing', choice: 'no-cp-plan' as const, recommendation: 'child-in-need' as const, reason: 'The family has engaged with support since January.' },
  { name: 'Lucy Evans', agency: 'probation', choice: 'no-cp-plan' as const, recommendation: 'child-in-need' as const },
];
const excluded = [
  { name: 'Karen Smithson', agency: 'family', role: 'family' as const, why: 'family members do not vote' },
  { name: 'Paul Smithson', agency: 'family', role: 'family' as const, why: 'family members do not vote' },
  { name: 'Beth Lowe', agency: 'childrens-social-care', role: 'support-staff' as const, why: 'attending to support a colleague' },
];
const scheduleAgencies = [...new Set([...F.AGENCIES, 'midwifery', 'education', 'youth-justice', 'adult-mental-health', 'substance-misuse', 'domestic-abuse', 'early-years', 'family'])];

export const EXAMPLES: Record<string, Example> = {
  help: { audience: 'group', ...ex(C.helpCard, { canSchedule: true }) },
  'help-unknown-text': { audience: 'group', ...ex(C.helpCard, { note: 'I did not understand "shedule".' }) },
  error: {
    audience: 'group',
    ...ex(C.errorCard, {
      message: 'Your answer was not recorded.',
      problems: ["Deputy's name: is required for a briefed deputy"],
      hint: 'Open "Briefed deputy" again and enter the name.',
    }),
  },
  invitation: {
    audience: 'personal',
    ...ex(C.invitationCard, {
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
    ...ex(C.invitationCard, {
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
  'send-invitation-family': {
    audience: 'personal',
    ...ex(C.sendInvitationCard, {
      conferenceId: F.CONFERENCE_ID,
      child: { ...child, fullName: 'Jamie Smithson' },
      kind: 'initial',
      startsAt: '2025-03-04T10:00',
      location: 'Room 2, Town Hall',
      chair: 'Helen Ward',
      reportsBy: '2025-03-02T10:00',
      person: { id: 'not-on-teams:0123456789abcdef01234567', name: 'Karen Smithson', agency: 'family', role: 'family', contactLine: '07700 900123, 4 Elm Road' },
      calendarUrl: 'https://bot.example.gov.uk/calendar/c1/p1/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics',
    }),
  },
  'send-invitation-professional-answered': {
    audience: 'personal',
    ...ex(C.sendInvitationCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      kind: 'first-review',
      startsAt: '2025-06-03T14:30',
      chair: 'Helen Ward',
      person: { id: 'not-on-teams:abcdef0123456789abcdef01', name: 'DC Olu Outside', agency: 'police', role: 'professional', contactLine: 'olu.outside@police.example' },
      answer: { rsvp: 'deputy', deputyName: 'DC Dan Deputy', recordedBy: 'Carol Unit' },
    }),
  },
  'invitation-closed': {
    audience: 'personal',
    ...ex(C.invitationCard, {
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
  'change-conference': {
    audience: 'personal',
    ...ex(C.changeConferenceCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      kind: 'initial',
      startsAt: '2025-03-04T10:00',
      location: 'Room 2, Town Hall',
      dueBy: '2025-03-11',
      status: 'scheduled',
      chair: F.CHAIR.name,
      invitees: F.EVERYONE.map((p, i) => ({ ...p, userId: `aad-user-${i + 1}`, answered: i % 2 === 0 })),
    }),
  },
  'change-conference-refused': {
    audience: 'personal',
    ...ex(C.changeConferenceCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      kind: 'initial',
      startsAt: '2025-03-04T10:00',
      dueBy: '2025-03-11',
      status: 'scheduled',
      chair: F.CHAIR.name,
      invitees: F.EVERYONE.map((p, i) => ({ ...p, userId: `aad-user-${i + 1}`, answered: true })),
      note: 'Nothing was changed. Please check the field marked below.',
      errors: { addLine: 'Pat Shah is already invited.' },
      values: { addLine: 'Pat Shah, pat@police.example, Police', newDate: '2025-03-06' },
    }),
  },
  'invitation-family': {
    audience: 'personal',
    ...ex(C.invitationCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      kind: 'initial',
      startsAt: '2025-03-04T10:00',
      location: 'Room 2, Town Hall',
      chair: F.CHAIR.name,
      policy: 'bolton',
      invitedAs: F.FAMILY[0]!,
      reportDeadline: { what: 'Send your report to the chair', by: '2025-03-03T10:00' },
    }),
  },
  'invitation-late-report': {
    audience: 'personal',
    ...ex(C.invitationCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      kind: 'initial',
      startsAt: '2025-03-04T10:00',
      chair: F.CHAIR.name,
      policy: 'bolton',
      invitedAs: F.PROFESSIONALS[2]!,
      reportDeadline: { what: 'Send your report to the chair', by: '2025-03-03T10:00', passed: true },
      change: 'The date has changed: it was Tue 25 Feb 2025, 10:00.',
    }),
  },
  'invitation-held': {
    audience: 'personal',
    ...ex(C.invitationCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      kind: 'initial',
      startsAt: '2025-03-04T10:00',
      chair: F.CHAIR.name,
      policy: 'bolton',
      invitedAs: F.PROFESSIONALS[1]!,
      reportDeadline: { what: 'Send your report to the chair', by: '2025-03-03T10:00' },
      answer: { rsvp: 'attending' },
      outcome: { kind: 'held', on: '2025-03-04' },
    }),
  },
  'invitation-cancelled': {
    audience: 'personal',
    ...ex(C.invitationCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      kind: 'initial',
      startsAt: '2025-03-04T10:00',
      chair: F.CHAIR.name,
      policy: 'bolton',
      invitedAs: F.PROFESSIONALS[1]!,
      reportDeadline: { what: 'Send your report to the chair', by: '2025-03-03T10:00' },
      outcome: { kind: 'cancelled', reason: 'The family has moved to another area; the receiving authority will convene.' },
    }),
  },
  'vote-everyone': { audience: 'group', ...ex(C.voteCard, { ...ids, child, question: 'initial', agencies, refreshUserIds: F.USER_IDS }) },
  'vote-voter': {
    audience: 'group',
    ...ex(C.voteCard, {
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
    ...ex(C.voteCard, { ...ids, child, question: 'initial', agencies, counts: { 'cp-plan': 4, 'no-cp-plan': 1 }, viewer: { kind: 'chair' }, refreshUserIds: F.USER_IDS }),
  },
  'vote-observer': {
    audience: 'group',
    ...ex(C.voteCard, { ...ids, child, question: 'review', round: 2, agencies, viewer: { kind: 'observer', why: 'family members do not vote; the chair will ask for your views.' } }),
  },
  'vote-chair-recorded': {
    audience: 'group',
    ...ex(C.voteCard, {
      ...ids,
      child,
      question: 'initial',
      agencies: agencies.map((a, i) => (i === 1 ? { ...a, voted: true, recordedFor: 'Dan Deputy' } : a)),
      viewer: { kind: 'chair' },
      refreshUserIds: F.USER_IDS,
    }),
  },
  'vote-closed': { audience: 'group', ...ex(C.voteCard, { ...ids, child, question: 'review', open: false, agencies }) },
  'result-majority': {
    audience: 'group',
    ...ex(C.resultCard, {
      ...ids,
      child,
      question: 'initial',
      outcome: { kind: 'decided', choice: 'cp-plan', basis: 'majority' },
      counts: { 'cp-plan': 6, 'no-cp-plan': 2 },
      dissents,
      excluded,
      warnings: ['The child is looked after: a plan needs exceptional circumstances, recorded by the chair.'],
    }),
  },
  'result-bolton-split': {
    audience: 'group',
    ...ex(C.resultCard, {
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
    ...ex(C.resultCard, { ...ids, child, question: 'review', outcome: { kind: 'awaiting-chair' }, counts: { continue: 4, discontinue: 4 }, split: { rule: 'chair-decides' } }),
  },
  'result-deferred': {
    audience: 'group',
    ...ex(C.resultCard, { ...ids, child, question: 'initial', outcome: { kind: 'deferred', reason: 'the paediatric assessment is not yet available', reconveneBy: '2025-06-04' } }),
  },
  'schedule-form': { audience: 'personal', ...ex(C.scheduleFormCard, { agencies: scheduleAgencies }) },
  'schedule-form-refused': {
    audience: 'personal',
    ...ex(C.scheduleFormCard, {
      agencies: scheduleAgencies,
      problems: ['Date of the conference: after the statutory due date (Tue 11 Mar 2025): record why, or choose an earlier date'],
      dueDate: '2025-03-11',
      errors: {
        date: 'The conference must be held by Tue 11 Mar 2025. Choose an earlier date, or record why it is later.',
        invitee2Contact: 'Not found in Teams: check the email, or ask them to install the app.',
        inviteeLines: 'Mary Parent was not found in Teams: check the email, or ask them to install the app.',
      },
      values: {
        caseRef: F.CHILD.caseRef,
        childInitials: F.CHILD.initials,
        childFullName: F.FULL_NAME,
        kind: 'initial',
        triggerDate: '2025-02-18',
        date: '2025-03-14',
        time: '10:00',
        location: 'Room 2, Town Hall',
        policy: 'bolton',
        chairName: F.CHAIR.name,
        chairContact: 'helen.ward@council.example',
        lookedAfter: 'true',
        inviteeLines: 'Pat Shah, pat.shah@police.example, Police\nMary Parent, mary@example.com, Family, family',
        ...Object.fromEntries(
          F.EVERYONE.slice(0, 4).flatMap((p, i) => [
            [`invitee${i + 1}Name`, p.name],
            [`invitee${i + 1}Contact`, `person${i + 1}@agency.example.org`],
            [`invitee${i + 1}Agency`, p.agency],
            [`invitee${i + 1}Role`, p.role === 'chair' ? 'professional' : p.role],
            [`invitee${i + 1}Direct`, String(p.role === 'professional')],
          ]),
        ),
      },
    }),
  },
  'schedule-confirmation': {
    audience: 'personal',
    ...ex(C.scheduleConfirmationCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      kind: 'pre-birth',
      startsAt: '2025-03-04T10:00',
      triggerDate: '2025-02-18',
      dueDate: '2025-03-11',
      expectedDeliveryDate: '2025-07-20',
      policy: 'bolton',
      chair: F.CHAIR.name,
      invitees: F.EVERYONE.map((p) => ({ ...p, directContact: p.role === 'professional' })),
      warnings: ['The first review (by Wed 4 Jun 2025) would fall before the expected delivery date (Sun 20 Jul 2025).'],
    }),
  },
  'rsvp-summary': {
    audience: 'group',
    ...ex(C.rsvpSummaryCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      ...when,
      reportDeadline: '2025-03-03T10:00',
      invitees: F.EVERYONE.map((p, i) => ({
        ...p,
        directContact: p.role === 'professional',
        answer: (['attending', 'apologies', 'written-report', 'deputy', undefined] as const)[i % 5],
        deputyName: i % 5 === 3 ? 'Jo Marsh' : undefined,
      })),
      forecast: notQuorate,
    }),
  },
  agenda: {
    audience: 'group',
    ...ex(C.agendaCard, {
      child,
      ...when,
      policy: 'cumbria',
      items: [
        'Rules and procedures',
        'Introductions and apologies',
        'Family and network (genogram)',
        'What has got us to this point',
        "What are we worried about / what's working well",
        "Child and parents' involvement",
        'Analysis and judgement: danger statements, safety goals, safety scales',
        'Conference decision',
        'What needs to happen: safety plan, contingency, actions, core group',
      ],
    }),
  },
  'attendance-everyone': {
    audience: 'group',
    ...ex(C.attendanceCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      ...when,
      present: [F.PROFESSIONALS[0]!, F.PROFESSIONALS[1]!, F.FAMILY[0]!, { ...F.PROFESSIONALS[3]!, name: 'Jo Marsh', deputyFor: 'Claire Dunn' }],
      awaited: [F.PROFESSIONALS[2]!, F.SUPPORT_WORKER],
      quoracy: notQuorate,
      refreshUserIds: F.USER_IDS,
    }),
  },
  'attendance-member': {
    audience: 'group',
    ...ex(C.attendanceCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      ...when,
      present: F.EVERYONE.slice(0, 6),
      quoracy: quorate,
      viewer: { kind: 'member', ...F.PROFESSIONALS[6]!, checkedIn: false },
      refreshUserIds: F.USER_IDS,
    }),
  },
  'attendance-chair-room': {
    audience: 'group',
    ...ex(C.attendanceCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      ...when,
      present: [
        { ...F.PROFESSIONALS[0]!, how: 'teams' },
        { ...F.PROFESSIONALS[1]!, name: 'Dan Deputy', deputyFor: F.PROFESSIONALS[1]!.name, how: 'room', byChair: true },
        { ...F.PROFESSIONALS[2]!, name: 'Wendy Walkin', how: 'phone', byChair: true, walkIn: true },
      ],
      quoracy: quorate,
      viewer: { kind: 'chair' },
      chairTools: { people: F.EVERYONE.map((p, i) => ({ id: `aad-${i + 1}`, name: p.name, agency: p.agency, present: i < 1 })), agencies: F.AGENCIES },
      refreshUserIds: F.USER_IDS,
    }),
  },
  'attendance-chair-proceeding': {
    audience: 'group',
    ...ex(C.attendanceCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      ...when,
      present: F.EVERYONE.slice(0, 2),
      quoracy: notQuorate,
      decision: { kind: 'proceeding', reason: 'The child has had no contact with other agencies.' },
      viewer: { kind: 'chair' },
      refreshUserIds: F.USER_IDS,
    }),
  },
  'split-decision': {
    audience: 'group',
    ...ex(C.splitDecisionCard, { ...ids, child, policy: 'barnsley', question: 'initial', counts: { 'cp-plan': 4, 'no-cp-plan': 4 } }),
  },
  'chair-decision': {
    audience: 'group',
    ...ex(C.chairDecisionCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      question: 'initial',
      policy: 'example-council',
      policyLabel: 'Example Council',
      source: 'Source: Sussex child protection procedures, Decision making',
      agencies: [
        { agency: 'childrens-social-care', names: 'Sam Patel' },
        { agency: 'police', names: 'DC Jo Reid' },
        { agency: 'health-visiting', names: 'Hana Visitor' },
      ],
    }),
  },
  'chair-decision-recorded': {
    audience: 'group',
    ...ex(C.chairDecisionCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      question: 'initial',
      policy: 'example-council',
      source: 'Source: Sussex child protection procedures, Decision making',
      agencies: [{ agency: 'police', names: 'DC Jo Reid' }],
      decided: {
        choice: 'cp-plan',
        rationale: 'Neglect is persistent and well evidenced.',
        views: [
          { name: 'DC Jo Reid', agency: 'police', choice: 'cp-plan' },
          { name: 'Hana Visitor', agency: 'health-visiting', choice: 'no-cp-plan', reason: 'The family engages with support.' },
        ],
        dissents: [{ name: 'Hana Visitor', agency: 'health-visiting', choice: 'no-cp-plan', reason: 'The family engages with support.' }],
      },
    }),
  },
  'category-everyone': {
    audience: 'group',
    ...ex(C.categoryCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      allowMultiple: true,
      proposals: [
        { name: 'Sam Patel', agency: 'childrens-social-care', primary: 'neglect', others: ['emotional'] },
        { name: 'DC Rachel Holt', agency: 'police', primary: 'physical', others: [] },
      ],
      refreshUserIds: F.USER_IDS,
    }),
  },
  'category-decided': {
    audience: 'group',
    ...ex(C.categoryCard, { conferenceId: F.CONFERENCE_ID, child, decided: { primary: 'neglect', others: [] }, viewer: 'chair' }),
  },
  'plan-record': {
    audience: 'group',
    ...ex(C.planRecordCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      heldOn: '2025-03-04',
      people,
      firstCoreGroup: { date: '2025-03-18', latest: '2025-03-18' },
      firstReview: { date: '2025-06-04', latest: '2025-06-04' },
      safetyScales: { agencies: F.AGENCIES, values: { police: 3 } },
      prefill: { leadProfessional: 'person-1', coreGroup: ['person-1', 'person-4'] },
      problems: ['First core group date: later than the rules allow (by Tue 18 Mar 2025)'],
    }),
  },
  'plan-record-no-scales': {
    audience: 'group',
    ...ex(C.planRecordCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      heldOn: '2025-03-04',
      people,
      firstCoreGroup: { date: '2025-03-18', latest: '2025-03-18' },
      firstReview: { date: '2025-06-04', latest: '2025-06-04' },
    }),
  },
  'safety-scales': {
    audience: 'group',
    ...ex(C.safetyScalesCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      outcomeText: 'No child protection plan: Child in Need plan',
      source: "Source: Barnsley chair's guidance, Decision and recommendations",
      agencies: F.AGENCIES,
    }),
  },
  'plan-record-later': {
    audience: 'group',
    ...ex(C.planRecordCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      heldOn: '2025-06-04',
      people,
      firstCoreGroup: { date: '2025-07-02', earliest: '2025-06-04', latest: '2025-07-16' },
      firstReview: { date: '2025-12-04', latest: '2025-12-04' },
      later: true,
    }),
  },
  'decision-summary': {
    audience: 'personal',
    ...ex(C.decisionSummaryCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      kind: 'initial',
      heldAt: '2025-03-04T10:00',
      chair: F.CHAIR.name,
      outcome: { kind: 'decided', choice: 'cp-plan', basis: 'split-plan' },
      split: { rule: 'plan-and-referral', referralBy: '2025-03-11', panelBy: '2025-04-01' },
      category: { primary: 'neglect', others: [] },
      plan,
    }),
  },
  'decision-summary-cin': {
    audience: 'personal',
    ...ex(C.decisionSummaryCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      kind: 'initial',
      heldAt: '2025-03-04T10:00',
      chair: F.CHAIR.name,
      outcome: { kind: 'decided', choice: 'no-cp-plan', recommendation: 'child-in-need', basis: 'majority' },
      nextReview: '2025-09-04',
    }),
  },
  'conference-record': {
    audience: 'group',
    ...ex(C.conferenceRecordCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      ...when,
      policy: 'barnsley',
      chair: F.CHAIR.name,
      attendance: F.EVERYONE.map((p, i) => ({ ...p, attended: i !== 7, rsvp: i === 7 ? ('written-report' as const) : ('attending' as const) })),
      quoracy: { quorate: true },
      question: 'initial',
      outcome: { kind: 'decided', choice: 'cp-plan', basis: 'chair', rationale: 'Persistent neglect; the home conditions have not improved despite support.' },
      counts: { 'cp-plan': 4, 'no-cp-plan': 4 },
      dissents,
      excluded,
      split: { rule: 'chair-decides' },
      category: { primary: 'neglect', others: [] },
      plan,
      nextReview: '2025-06-03',
      minutesDue: '2025-03-25',
      warnings: ['The child is looked after: exceptional circumstances recorded by the chair.'],
    }),
  },
  'conference-record-stood-down': {
    audience: 'group',
    ...ex(C.conferenceRecordCard, {
      conferenceId: F.CONFERENCE_ID,
      child,
      ...when,
      policy: 'bolton',
      chair: F.CHAIR.name,
      attendance: F.EVERYONE.map((p, i) => ({ ...p, attended: i < 2 })),
      quoracy: { quorate: false, stoodDown: true },
      question: 'initial',
    }),
  },
  'my-reviews': {
    audience: 'group',
    ...ex(C.myReviewsCard, {
      today: '2025-05-01',
      items: [
        { child: F.CHILD, what: 'first-review', due: '2025-06-03', involvement: 'chair' },
        { child: { caseRef: 'CP/2024/1177', initials: 'A.B.' }, what: 'later-review', due: '2025-04-20', involvement: 'invitee' },
        { child: { caseRef: 'CP/2025/0101', initials: 'K.L.' }, what: 'core-group', due: '2025-05-09', involvement: 'core-group' },
        { child: { caseRef: 'CP/2025/0099', initials: 'M.' }, what: 'minutes', due: '2025-04-30', involvement: 'chair' },
        { child: { caseRef: 'CP/2025/0077', initials: 'R.S.' }, what: 'receiving-conference', due: '2025-05-20', involvement: 'chair' },
      ],
    }),
  },
  'core-group': { audience: 'group', ...ex(C.coreGroupCard, { child, today: '2025-05-01', due: '2025-05-09' }) },
  'core-group-refused': {
    audience: 'group',
    ...ex(C.coreGroupCard, { child, today: '2025-05-12', due: '2025-05-09', heldOn: '2025-05-09', next: '2025-07-30', problems: ['The next core group must meet 4 to 6 weeks after this one: between 2025-06-06 and 2025-06-20 (got 2025-07-30).'] }),
  },
  exceptional: {
    audience: 'group',
    ...ex(C.exceptionalCard, { conferenceId: F.CONFERENCE_ID, child, why: 'The child is looked after: a looked-after child is not made subject to a Child Protection Plan unless there are exceptional circumstances. The chair must record the reason.' }),
  },
  'exceptional-recorded': {
    audience: 'personal',
    ...ex(C.exceptionalCard, { conferenceId: F.CONFERENCE_ID, child, why: 'The chair must record the reason.', recorded: { by: F.CHAIR.name, reason: 'The placement is breaking down and the parents have unsupervised contact.' } }),
  },
  'receiving-conference': { audience: 'group', ...ex(C.receivingConferenceCard, { child, today: '2025-05-12', due: '2025-05-20' }) },
  'receiving-conference-refused': {
    audience: 'group',
    ...ex(C.receivingConferenceCard, { child, today: '2025-05-12', due: '2025-05-20', heldOn: '2025-04-30', problems: ['The receiving conference date cannot be before the move was notified (2025-05-01).'] }),
  },
  'duty-done': { audience: 'group', ...ex(C.dutyDoneCard, { child, what: 'split-referral', today: '2025-05-12', due: '2025-05-13' }) },
  'duty-done-refused': {
    audience: 'group',
    ...ex(C.dutyDoneCard, { child, what: 'minutes', today: '2025-05-12', due: '2025-04-30', on: '2025-03-01', problems: ['The minutes cannot be sent before the conference (2025-03-04).'] }),
  },
  'my-reviews-empty': { audience: 'group', ...ex(C.myReviewsCard, { list: 'overdue', today: '2025-05-01', items: [] }) },
  'next-review': {
    audience: 'group',
    ...ex(C.nextReviewCard, {
      child,
      today: '2025-05-01',
      planSince: '2025-03-04',
      next: { kind: 'first-review', due: '2025-06-03', scheduledFor: '2025-06-02T14:00' },
      last: { conferenceId: F.CONFERENCE_ID, kind: 'initial', heldOn: '2025-03-04' },
    }),
  },
  'next-review-none': { audience: 'group', ...ex(C.nextReviewCard, { child, today: '2025-05-01' }) },
  'end-plan': { audience: 'group', ...ex(C.endPlanCard, { child, today: '2025-05-01', notifyCount: 11 }) },
  'plan-ended': {
    audience: 'personal',
    ...ex(C.planEndedCard, { child, reason: 'moved-permanently', endedOn: '2025-05-01', recordedBy: F.CHAIR.name, note: 'Moved to Leeds; Leeds Children\'s Social Care informed.', notified: 11 }),
  },
  reminder: {
    audience: 'group',
    ...ex(C.reminderCard, { child, what: 'report', due: '2025-03-03T10:00', today: '2025-03-01', conference: when, note: 'Send your report to the chair.' }),
  },
  'reminder-core-group': { audience: 'group', ...ex(C.reminderCard, { child, what: 'core-group', due: '2025-04-15', today: '2025-04-14' }) },
  'reminder-overdue': { audience: 'group', ...ex(C.reminderCard, { child, what: 'minutes', due: '2025-03-25', today: '2025-03-27' }) },
};
