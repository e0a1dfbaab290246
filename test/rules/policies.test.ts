import { expect } from 'chai';
import {
  agendaFor,
  getPolicy,
  Policy,
  POLICIES,
  PolicyId,
  planEndWithoutReview,
  reportDeadline,
  RuleError,
} from '../../src/rules/index.js';

describe('local policies', () => {
  it('the four profiles are valid data, each filed under its id', () => {
    expect(Object.keys(POLICIES)).to.deep.equal(PolicyId.options);
    for (const id of PolicyId.options) {
      expect(Policy.parse(POLICIES[id]).id).to.equal(id);
      expect(getPolicy(id)).to.equal(POLICIES[id]);
    }
  });

  it('a malformed profile is refused by the schema', () => {
    const bad = { ...POLICIES.bolton, agenda: { items: [], citation: POLICIES.bolton.agenda.citation } };
    expect(Policy.safeParse(bad).success).to.equal(false);
  });

  it('an unknown policy id throws naming it', () => {
    expect(() => getPolicy('Bolton')).to.throw(RuleError, /unknown policy id "Bolton"/);
  });

  it("split rule: Bolton plan-and-refer (Bolton procedures); Barnsley chair decides (Barnsley chair's guidance); Cumbria and London chair decides (project default)", () => {
    expect(getPolicy('bolton').splitRule).to.deep.include({ kind: 'plan-and-refer' });
    expect(getPolicy('bolton').splitRule.citation.docs).to.deep.equal(['bolton-procedures']);
    expect(getPolicy('barnsley').splitRule).to.deep.include({ kind: 'chair-decides' });
    expect(getPolicy('barnsley').splitRule.citation.docs).to.deep.equal(['barnsley-guidance']);
    for (const id of ['cumbria', 'london']) {
      expect(getPolicy(id).splitRule.kind, id).to.equal('chair-decides');
      expect(getPolicy(id).splitRule.citation.docs, id).to.deep.equal(['project-default']);
    }
  });

  it('several categories of harm only in London (London summary: "category or categories")', () => {
    expect(PolicyId.options.filter((id) => getPolicy(id).multipleCategories.on)).to.deep.equal(['london']);
  });

  it("safety scales 0–10 in Barnsley (Barnsley chair's guidance, Conference Agenda) and Cumbria (Cumbria agenda, 7)", () => {
    expect(PolicyId.options.filter((id) => getPolicy(id).safetyScales.on)).to.deep.equal(['barnsley', 'cumbria']);
  });

  it('looked-after-child and first-review-discontinue warnings are Bolton Safeguarding Board policy (Bolton procedures, Actions & decisions)', () => {
    expect(PolicyId.options.filter((id) => getPolicy(id).lookedAfterChildWarning.on)).to.deep.equal(['bolton']);
    expect(PolicyId.options.filter((id) => getPolicy(id).firstReviewDiscontinueWarning.on)).to.deep.equal(['bolton']);
  });

  describe('agendas', () => {
    it('Cumbria: the nine sections of the Cumbria agenda, in order (Cumbria agenda)', () => {
      const items = agendaFor('cumbria', 'initial');
      expect(items.map((i) => i.title)).to.deep.equal([
        'Conference rules and procedures',
        'Introductions and apologies',
        'Family and network details',
        'What has got us to this point?',
        "What are we worried about / what's working well?",
        "Child and parents' involvement",
        'Analysis and judgement',
        'Conference decision',
        'What needs to happen?',
      ]);
      expect(items[6]!.details).to.include('Review all Danger Statements, Safety Goals and Safety Scales');
      expect(items[8]!.details).to.deep.equal(['Review/pressure test safety plan', 'Contingency planning', 'Conference actions', 'Core Group members']);
      expect(agendaFor('cumbria', 'later-review')).to.deep.equal(items);
    });

    it("Barnsley: its own order, with plan actions reviewed at RCPCs only (Barnsley chair's guidance, Conference Agenda)", () => {
      const review = agendaFor('barnsley', 'first-review');
      expect(review.map((i) => i.title)).to.deep.equal([
        'Introductions and apologies',
        'Child voice',
        'Family support and networks',
        'Danger statement and safety goals',
        'Review plan actions',
        'What we are worried about',
        'What is working well',
        'Chair summary',
        'Decision and recommendations',
        'Finalise the plan',
        'Date of next review and the Core Group',
      ]);
      const initial = agendaFor('barnsley', 'initial');
      expect(initial).to.have.length(10);
      expect(initial.map((i) => i.title)).not.to.include('Review plan actions');
      expect(review[8]!.details).to.deep.equal(['Scaling from 0-10', 'Category of harm']);
    });

    it('Bolton and London: the default agenda built from the conference tasks (Bolton procedures, Actions & decisions)', () => {
      expect(agendaFor('bolton', 'initial')).to.deep.equal(agendaFor('london', 'initial'));
      expect(agendaFor('bolton', 'initial').map((i) => i.title)).to.include('Decision');
      expect(() => agendaFor('bolton', 'annual')).to.throw(RuleError, /unknown conference kind "annual"/);
    });
  });

  describe('report deadline before a conference', () => {
    it('Bolton: reports to the chair and Child Protection Unit 24 hours before (Bolton procedures, Information for the Conference)', () => {
      const r = reportDeadline('2025-05-07T10:00', 'bolton');
      expect(r.by).to.equal('2025-05-06T10:00');
      expect(r.sendTo).to.match(/Child Protection Unit/);
      expect(r.warnings).to.deep.equal([]);
      expect(reportDeadline('2025-01-01T00:30', 'bolton').by).to.equal('2024-12-31T00:30');
    });

    it('Bolton: 24 hours before a Monday or post-bank-holiday conference is flagged with the last working day (Bolton procedures, Information for the Conference)', () => {
      const monday = reportDeadline('2024-06-03T09:30', 'bolton');
      expect(monday.by).to.equal('2024-06-02T09:30');
      expect(monday.warnings[0]!.message).to.match(/send reports by 2024-05-31/);
      expect(reportDeadline('2025-05-06T10:00', 'bolton').warnings[0]!.message).to.match(/2025-05-05.*2025-05-02/);
    });

    it("Barnsley: shared with professionals and family 2 (working) days before (Barnsley chair's guidance, Preparing for a Conference)", () => {
      expect(reportDeadline('2024-06-03T10:00', 'barnsley')).to.deep.include({ by: '2024-05-30T10:00', warnings: [] });
      expect(reportDeadline('2025-04-22T14:00', 'barnsley').by).to.equal('2025-04-16T14:00'); // across Easter
      expect(reportDeadline('2025-04-22T14:00', 'barnsley').sendTo).to.match(/family/);
    });

    it('Cumbria and London: 2 working days before, the safe default meeting both rules (project default)', () => {
      for (const id of ['cumbria', 'london']) {
        const r = reportDeadline('2024-06-03T10:00', id);
        expect(r.by, id).to.equal('2024-05-30T10:00');
        expect(r.rule, id).to.match(/project default/);
      }
    });

    it('a malformed conference start throws naming it', () => {
      expect(() => reportDeadline('2025-05-07 10:00', 'bolton')).to.throw(RuleError, /"2025-05-07 10:00"/);
      expect(() => reportDeadline('2025-05-07T24:00', 'bolton')).to.throw(RuleError, /"2025-05-07T24:00"/);
      expect(() => reportDeadline('2025-02-29T10:00', 'bolton')).to.throw(RuleError, /"2025-02-29T10:00"/);
    });
  });

  it('a plan ends without a review at 18, death, leaving the UK, marriage or a permanent move — the move only after the receiving area\'s conference (Bolton procedures, Discontinuing the plan)', () => {
    expect(planEndWithoutReview('turned-18')).to.deep.include({ reviewNeeded: false, afterReceivingAreaConference: false });
    expect(planEndWithoutReview('moved-permanently').afterReceivingAreaConference).to.equal(true);
    expect(planEndWithoutReview('married').notify).to.match(/invited to the initial/);
    expect(() => planEndWithoutReview('adopted')).to.throw(RuleError, /unknown plan end reason "adopted"/);
  });
});
