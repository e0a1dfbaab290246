import { expect } from 'chai';
import { categoryDecision, RuleError } from '../../src/rules/index.js';

describe('category of harm', () => {
  it('members agreeing on one category record it as the primary (Bolton procedures; council process page)', () => {
    expect(categoryDecision({ proposed: ['neglect', 'neglect'], policy: 'bolton' })).to.deep.include({
      primary: 'neglect',
      others: [],
      notRecorded: [],
      decidedBy: 'agreement',
    });
  });

  it("when members disagree the chair decides the primary category (Barnsley chair's guidance, category not agreed)", () => {
    expect(() => categoryDecision({ proposed: ['neglect', 'emotional'], policy: 'barnsley' })).to.throw(RuleError, /neglect, emotional: the chair decides/);
    expect(categoryDecision({ proposed: ['neglect', 'emotional'], policy: 'barnsley', chairPrimary: 'emotional' })).to.deep.include({
      primary: 'emotional',
      others: [],
      notRecorded: ['neglect'],
      decidedBy: 'chair',
    });
  });

  it('London allows more than one category beside the primary (London summary: "category or categories")', () => {
    expect(categoryDecision({ proposed: ['neglect', 'emotional', 'neglect'], policy: 'london', chairPrimary: 'neglect' })).to.deep.include({
      primary: 'neglect',
      others: ['emotional'],
      notRecorded: [],
    });
    expect(
      categoryDecision({ proposed: ['neglect', 'emotional', 'physical'], policy: 'london', chairPrimary: 'physical', chairOthers: ['neglect'] }),
    ).to.deep.include({ primary: 'physical', others: ['neglect'], notRecorded: ['emotional'] });
  });

  it('one category only outside London: further categories are refused (Bolton procedures; Cumbria agenda, project default)', () => {
    expect(() => categoryDecision({ proposed: ['neglect'], policy: 'bolton', chairOthers: ['emotional'] })).to.throw(RuleError, /one category of harm only/);
    expect(categoryDecision({ proposed: ['sexual', 'physical'], policy: 'cumbria', chairPrimary: 'sexual' }).others).to.deep.equal([]);
  });

  it('every plan needs a category; unknown categories are refused naming them (council process page; Barnsley chair\'s guidance)', () => {
    expect(() => categoryDecision({ proposed: [], policy: 'bolton' })).to.throw(RuleError, /needs a category/);
    expect(categoryDecision({ proposed: [], policy: 'bolton', chairPrimary: 'physical' }).primary).to.equal('physical');
    expect(() => categoryDecision({ proposed: ['financial' as never], policy: 'bolton' })).to.throw(RuleError, /"financial"/);
  });
});
