import { expect } from 'chai';
import * as C from '../../cards/index.js';
import { CardFillError, fillCard } from '../../cards/fill.js';
import { assertValidCard, checkCard, MAX_CARD_BYTES } from '../support/card-check.js';
import { EXAMPLES } from './examples.js';
import { FULL_NAME } from './fixtures.js';

describe('cards: every card, filled with realistic data', () => {
  for (const [name, { card }] of Object.entries(EXAMPLES)) {
    it(`${name} parses with Microsoft's adaptivecards library, version ≤ 1.5, under 28 KB`, () => {
      const report = assertValidCard(card, name);
      expect(report.bytes).to.be.below(MAX_CARD_BYTES);
      expect(card.version).to.equal('1.5');
      expect(JSON.stringify(card)).not.to.include('${');
    });
  }

  it('cards meant for group chats never carry the full name given in their data', () => {
    const group = Object.entries(EXAMPLES).filter(([, e]) => e.audience === 'group');
    expect(group.length).to.be.greaterThan(5);
    for (const [name, { card }] of group) expect(JSON.stringify(card), name).not.to.include(FULL_NAME);
  });

  it('1:1 invitation cards do name the child in full', () => {
    expect(JSON.stringify(EXAMPLES.invitation!.card)).to.include(FULL_NAME);
  });
});

describe('cards: the help card lists the commands people expect, with their syntax', () => {
  it('record, change, cancel, who has not answered, book review, start and end plan', () => {
    const text = JSON.stringify(C.helpCard({ canSchedule: true }));
    for (const usage of ['record <case ref>', 'change <case ref>', 'cancel <case ref>', 'who has not answered <case ref>', 'book review <case ref>', 'start <case ref>', 'end plan <case ref> <reason>']) {
      expect(text, usage).to.contain(`**${usage}**`);
    }
  });
});

describe('cards: invitations people can act on (Bolton procedures, Attendance; Information for the Conference)', () => {
  const buttons = (card: unknown) => ((card as { actions?: { title: string }[] }).actions ?? []).map((a) => a.title);
  const text = (name: string) => JSON.stringify(EXAMPLES[name]!.card);

  it('say where and when', () => {
    expect(text('invitation')).to.contain('"title":"Where","value":"Teams meeting, link in the calendar invite"').and.to.contain('"title":"When"');
    expect(text('invitation-answered'), 'no place given yet').to.contain('The chair will tell you where');
  });

  it('a professional is asked for a report and may send a briefed deputy', () => {
    expect(buttons(EXAMPLES.invitation!.card)).to.deep.equal(['Attending', 'Apologies', 'Written report', 'Briefed deputy']);
    expect(text('invitation')).to.contain('"title":"Reports"');
  });

  it('a parent is told what a conference is and that they may bring a supporter; no deputy, no report request', () => {
    const card = EXAMPLES['invitation-family']!.card;
    expect(buttons(card)).to.deep.equal(['I will attend', 'I cannot attend']);
    const t = JSON.stringify(card);
    expect(t).to.contain('brings together the family and the professionals').and.to.contain('supporter');
    expect(t).to.not.contain('"title":"Reports"').and.to.not.match(/deputy|written report/i);
  });

  it('a report deadline already passed is said, not announced as if it were to come', () => {
    expect(text('invitation-late-report')).to.contain('as soon as you can: the deadline (Mon 3 Mar 2025, 10:00) has passed');
    expect(text('invitation-late-report')).to.contain('The date has changed');
  });

  it('once held or cancelled, the buttons give way to the outcome', () => {
    expect(buttons(EXAMPLES['invitation-held']!.card)).to.deep.equal([]);
    expect(text('invitation-held')).to.contain('The conference was held on Tue 4 Mar 2025');
    expect(buttons(EXAMPLES['invitation-cancelled']!.card)).to.deep.equal([]);
    expect(text('invitation-cancelled')).to.contain('has been cancelled').and.to.contain('moved to another area');
  });
});

describe('cards: fillCard', () => {
  it('refuses a template field the data lacks, naming it', () => {
    const template = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Due ${dueDate}' }] };
    expect(() => fillCard(template, {})).to.throw(CardFillError, /dueDate/);
  });

  it("keeps people's text that contains ${ readable without tripping the placeholder check", () => {
    const template = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${reason}' }] };
    const card = fillCard(template, { reason: 'cost ${5}' });
    expect(checkCard(card).errors).to.deep.equal([]);
  });

  it('gives every Action.Execute an Action.Submit fallback with the same data', () => {
    const template = {
      type: 'AdaptiveCard',
      version: '1.5',
      actions: [{ type: 'Action.Execute', title: 'Go', verb: 'myReviews', data: { verb: 'myReviews' } }],
    };
    const card = fillCard(template, {});
    expect(card.actions?.[0]).to.deep.include({ fallback: { type: 'Action.Submit', title: 'Go', data: { verb: 'myReviews' } } });
  });

  it('refuses an Action.Execute whose data does not repeat its verb', () => {
    const template = { type: 'AdaptiveCard', version: '1.5', actions: [{ type: 'Action.Execute', verb: 'vote', data: {} }] };
    expect(() => fillCard(template, {})).to.throw(CardFillError, /data.verb/);
  });
});

describe('card-check', () => {
  it('reports unknown types, bad values, typos in property names, duplicate ids, version and size', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.6',
      body: [
        { type: 'TextBlok', text: 'x' },
        { type: 'TextBlock', text: 'x', size: 'huge', wrapp: true },
        { type: 'Input.Text', id: 'a' },
        { type: 'Input.Text', id: 'a' },
        { type: 'TextBlock', text: 'x'.repeat(MAX_CARD_BYTES) },
      ],
      actions: [{ type: 'Action.Execute', verb: 'vote', data: { verb: 'vote' } }],
    };
    const { errors } = checkCard(card);
    const all = errors.join('\n');
    expect(all).to.match(/version "1.6"/);
    expect(all).to.match(/Unknown element type "TextBlok"/);
    expect(all).to.match(/Invalid value "huge"/);
    expect(all).to.match(/unknown property .body\[1\].wrapp/);
    expect(all).to.match(/Duplicate Id "a"/);
    expect(all).to.match(/bytes; the limit is/);
    expect(all).to.match(/needs an Action.Submit fallback/);
  });
});

describe('cards: what each card promises', () => {
  it('no view model of a card for groups has a field for the full name', () => {
    const groupViews = {
      AgendaView: C.AgendaView,
      AttendanceView: C.AttendanceView,
      CategoryView: C.CategoryView,
      ConferenceRecordView: C.ConferenceRecordView,
      EndPlanView: C.EndPlanView,
      NextReviewView: C.NextReviewView,
      PlanRecordView: C.PlanRecordView,
      ReminderView: C.ReminderView,
      ResultView: C.ResultView,
      RsvpSummaryView: C.RsvpSummaryView,
      SplitDecisionView: C.SplitDecisionView,
      VoteView: C.VoteView,
      DueItem: C.DueItem,
    };
    for (const [name, schema] of Object.entries(groupViews)) {
      expect(Object.keys(schema.shape.child.shape), name).to.deep.equal(['caseRef', 'initials']);
    }
  });

  it('the scheduling form with 16 agencies and all 12 rows filled with long values stays under 28 KB', () => {
    const agencies = ['childrens-social-care', 'police', 'gp', 'health-visiting', 'school-nursing', 'camhs', 'housing', 'probation', 'midwifery', 'education', 'youth-justice', 'adult-mental-health', 'substance-misuse', 'domestic-abuse', 'early-years', 'family'];
    const card = C.scheduleFormCard({
      agencies,
      problems: ['Date of the conference: after the statutory due date (Tue 4 Mar 2025): record why, or choose an earlier date'],
      dueDate: '2025-03-04',
      errors: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`invitee${i + 1}Contact`, 'x'.repeat(120)])),
      values: {
        caseRef: 'CP/2025/0412',
        childInitials: 'J.S.',
        childFullName: FULL_NAME,
        lateReason: 'x'.repeat(300),
        location: `https://teams.microsoft.com/l/meetup-join/${'x'.repeat(400)}`,
        inviteeLines: 'Sam Patel, sam.patel@council.example, Police, professional\n'.repeat(10),
        ...Object.fromEntries(
          Array.from({ length: 12 }, (_, i) => [
            [`invitee${i + 1}Name`, 'Dr Firstname Longsurname-Double'],
            [`invitee${i + 1}Contact`, 'firstname.longsurname-double@nhs-trust.example.net'],
            [`invitee${i + 1}Agency`, 'adult-mental-health'],
            [`invitee${i + 1}Role`, 'professional'],
            [`invitee${i + 1}Direct`, 'true'],
          ]).flat(),
        ),
      },
    });
    expect(assertValidCard(card).bytes).to.be.below(MAX_CARD_BYTES);
  });

  it('my reviews lists soonest first and marks what is overdue', () => {
    const text = JSON.stringify(EXAMPLES['my-reviews']!.card);
    const order = ['CP/2024/1177', 'CP/2025/0099', 'CP/2025/0101', 'CP/2025/0412'].map((ref) => text.indexOf(ref));
    expect(order).to.deep.equal([...order].sort((a, b) => a - b));
    expect(text.match(/OVERDUE/g)).to.have.length(2);
  });

  it('a per-user card refreshes at most 60 users', () => {
    const view = { conferenceId: 'c1', roundId: 'r1', child: { caseRef: 'CP/1', initials: 'A.B.' }, question: 'initial' as const, agencies: [] };
    expect(() => C.voteCard({ ...view, refreshUserIds: Array.from({ length: 61 }, (_, i) => `u${i}`) })).to.throw(/at most 60/);
    expect(C.voteCard({ ...view, refreshUserIds: ['u1'] }).refresh?.userIds).to.deep.equal(['u1']);
    expect(C.voteCard(view).refresh).to.equal(undefined);
  });

  it('the voter view shows their current vote and keeps their reason; the chair view has the live count', () => {
    const voter = JSON.stringify(EXAMPLES['vote-voter']!.card);
    expect(voter).to.include('No child protection plan: Child in Need plan');
    expect(voter).to.include('Risk is managed by the CIN plan');
    expect(voter).not.to.include('closeRound');
    const chair = JSON.stringify(EXAMPLES['vote-chair']!.card);
    expect(chair).to.include('Live count');
    expect(chair).to.include('closeRound');
    expect(chair).not.to.include('"verb":"vote"');
    const observer = JSON.stringify(EXAMPLES['vote-observer']!.card);
    expect(observer).to.include('You cannot vote: family members do not vote');
    expect(observer).not.to.include('"verb":"vote"');
  });

  it('the Bolton split result gives the referral and panel dates; a missing dissent reason is asked for', () => {
    const bolton = JSON.stringify(EXAMPLES['result-bolton-split']!.card);
    expect(bolton).to.include('Head of Service by Tue 11 Mar 2025');
    expect(bolton).to.include('Panel hears it by Tue 1 Apr 2025');
    const majority = JSON.stringify(EXAMPLES['result-majority']!.card);
    expect(majority).to.include('No reason given yet');
    expect(majority).to.include('"verb":"dissentReason"');
  });
});

describe('cards: view models', () => {
  it('a view the schema refuses throws CardFillError naming the field', () => {
    const bad = { conferenceId: 'c1', child: { caseRef: 'CP/1', initials: 'not initials!' } } as never;
    let error: unknown;
    try {
      C.invitationCard(bad);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(CardFillError);
    expect((error as Error).message).to.match(/at child\.initials/);
  });
});
