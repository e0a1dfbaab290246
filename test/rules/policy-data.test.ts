// Policies as data (issue: each area's own procedures as data): the schema a council's file is
// checked against, the built-ins as shipped files, and rules reading settings rather than names.
import { expect } from 'chai';
import { readFile, readdir } from 'node:fs/promises';
import {
  chairDecision,
  categoryDecision,
  getPolicy,
  Policy,
  POLICIES,
  policyProblems,
  referralUnder,
  reportDeadline,
  RuleError,
  tally,
  type Vote,
} from '../../src/rules/index.js';

const readJson = async (url: URL) => JSON.parse(await readFile(url, 'utf8')) as Record<string, any>;
const SHIPPED = new URL('../../policies/', import.meta.url);
const EXAMPLE = new URL('../fixtures/policies/chair-decides/example-council.json', import.meta.url);
const problemsOf = (value: unknown) => {
  const r = Policy.safeParse(value);
  return r.success ? [] : policyProblems(r.error);
};

describe('policy files', () => {
  it('the four built-ins are the files shipped in policies/, version 1, each under its id', async () => {
    const files = (await readdir(SHIPPED)).filter((f) => f.endsWith('.json')).sort();
    expect(files).to.deep.equal(['barnsley.json', 'bolton.json', 'cumbria.json', 'london.json']);
    for (const f of files) {
      const parsed = Policy.parse(await readJson(new URL(f, SHIPPED)));
      expect(parsed.version, f).to.equal(1);
      expect(POLICIES[parsed.id as keyof typeof POLICIES], f).to.deep.equal(parsed);
    }
  });

  it('a council file the built-ins do not know is checked by the same schema and runs the rules (Sussex; Swindon)', async () => {
    const policy = Policy.parse(await readJson(EXAMPLE));
    expect(policy.decision.mode).to.equal('chair-decides');
    // The chair settles every disagreement: the split rule reads as the chair's.
    expect(policy.splitRule).to.deep.equal({ kind: 'chair-decides', citation: policy.decision.citation });
    expect(categoryDecision({ proposed: ['neglect'], policy }).rule).to.match(/Sussex child protection procedures, Category of abuse/);
  });

  describe('report deadlines per kind of conference', () => {
    it('Sussex: 3 days before an initial conference and 5 before a review, calendar days (Sussex child protection procedures)', async () => {
      const policy = Policy.parse(await readJson(EXAMPLE));
      const initial = reportDeadline('2026-12-07T10:00', policy, 'initial');
      expect(initial.by).to.equal('2026-12-04T10:00');
      expect(initial.rule).to.match(/^reports 3 days before the conference, to the chair, and shared with the family \(Sussex child protection procedures, Reports/);
      const review = reportDeadline('2026-12-07T10:00', policy, 'later-review');
      expect(review.by).to.equal('2026-12-02T10:00');
      // 5 days before a Thursday is the Saturday: invitees are asked for the Friday.
      const weekend = reportDeadline('2026-12-10T10:00', policy, 'first-review');
      expect(weekend).to.deep.include({ by: '2026-12-05T10:00', sendBy: '2026-12-04T10:00' });
      expect(weekend.warnings[0]!.code).to.equal('report-deadline-not-working-day');
    });

    it('a kind without its own rule uses the general one; a built-in has one rule for all kinds (Bolton procedures)', async () => {
      const policy = Policy.parse(await readJson(EXAMPLE));
      expect(reportDeadline('2026-12-07T10:00', policy, 'transfer-in').by).to.equal('2026-12-04T10:00');
      expect(reportDeadline('2026-12-08T10:00', 'bolton', 'later-review')).to.deep.equal(reportDeadline('2026-12-08T10:00', 'bolton'));
      expect(() => reportDeadline('2026-12-08T10:00', 'bolton', 'annual')).to.throw(RuleError, /unknown conference kind "annual"/);
    });
  });

  it('a plan-and-refer split takes its referral and panel timescales from the file (Bolton procedures, Disagreement and dissent)', () => {
    const bolton = getPolicy('bolton');
    const quicker = Policy.parse({ ...bolton, id: 'quicker', splitRule: { ...bolton.splitRule, referTo: 'the Service Manager', referralWithinWorkingDays: 3, panelWithinDays: 14 } });
    const votes: Vote[] = [
      { name: 'Sam', agency: 'childrens-social-care', role: 'professional', choice: 'cp-plan' },
      { name: 'Pat', agency: 'police', role: 'professional', choice: 'no-cp-plan', reason: 'r' },
    ];
    const r = tally(votes, quicker, { decisionDate: '2023-04-28' });
    expect(r).to.include({ policy: 'quicker', outcome: 'cp-plan', split: true });
    expect(r.referral).to.deep.equal({ headOfServiceBy: '2023-05-04', panelBy: '2023-05-18' });
    expect(r.rule).to.match(/refers the matter to the Service Manager within 3 working days; the Appeals and Split Decisions Panel hears it within 14 days/);
    expect(referralUnder(bolton.splitRule as Extract<Policy['splitRule'], { kind: 'plan-and-refer' }>, '2023-04-28')).to.deep.equal(tally(votes, 'bolton', { decisionDate: '2023-04-28' }).referral);
  });

  describe('chair decides throughout (Sussex child protection procedures)', () => {
    const views: Vote[] = [
      { name: 'Sam', agency: 'childrens-social-care', role: 'professional', choice: 'cp-plan' },
      { name: 'Pat', agency: 'police', role: 'professional', choice: 'cp-plan' },
      { name: 'Hana', agency: 'health-visiting', role: 'professional', choice: 'no-cp-plan', reason: 'Parents engaging well' },
      { name: 'Mum', agency: 'family', role: 'family', choice: 'no-cp-plan' },
    ];

    it("there is no vote to count; the chair's decision records each agency's view and the dissent with its reason", async () => {
      const policy = Policy.parse(await readJson(EXAMPLE));
      expect(() => tally(views, policy)).to.throw(RuleError, /Example Council: the chair decides, with no vote to count/);
      const d = chairDecision({ stage: 'initial', views, choice: 'cp-plan', rationale: ' Risk of neglect is high. ' }, policy);
      expect(d).to.include({ outcome: 'cp-plan', decidedBy: 'chair', rationale: 'Risk of neglect is high.' });
      expect(d.views.map((v) => v.agency)).to.deep.equal(['childrens-social-care', 'police', 'health-visiting']);
      expect(d.dissents).to.deep.equal([{ name: 'Hana', agency: 'health-visiting', choice: 'no-cp-plan', reason: 'Parents engaging well' }]);
      expect(d.excluded.map((e) => e.name)).to.deep.equal(['Mum']);
      expect(d.rule).to.match(/Sussex child protection procedures, Decision making/);
    });

    it('refuses a decision without a rationale, a dissent without a reason, a wrong question, and a majority-vote policy', async () => {
      const policy = Policy.parse(await readJson(EXAMPLE));
      expect(() => chairDecision({ stage: 'initial', views, choice: 'cp-plan', rationale: ' ' }, policy)).to.throw(RuleError, /rationale/);
      const silent = views.map((v) => ({ ...v, reason: undefined }));
      expect(() => chairDecision({ stage: 'initial', views: silent, choice: 'cp-plan', rationale: 'x' }, policy)).to.throw(RuleError, /reason of health-visiting/);
      expect(() => chairDecision({ stage: 'review', views, choice: 'continue', rationale: 'x' }, policy)).to.throw(RuleError, /answer the review question/);
      expect(() => chairDecision({ stage: 'initial', views, choice: 'cp-plan', rationale: 'x' }, 'bolton')).to.throw(RuleError, /majority view/);
    });
  });

  describe('a malformed file is refused with the path of each field and what is expected', () => {
    const bolton = () => JSON.parse(JSON.stringify(getPolicy('bolton'))) as Record<string, any>;

    it('an unknown split rule', () => {
      const p = bolton();
      p.splitRule.kind = 'coin-toss';
      expect(problemsOf(p)).to.deep.equal(['splitRule.kind: expected "plan-and-refer" or "chair-decides"']);
    });

    it('negative days, in the report deadline and in the inquorate rule', () => {
      const p = bolton();
      p.reportDeadline = { kind: 'working-days-before', days: -2, sendTo: 'the chair', citation: p.reportDeadline.citation };
      p.inquorate.reconveneWithinWorkingDays = -1;
      expect(problemsOf(p)).to.deep.equal(['reportDeadline.days: expected a whole number of days, 1 or more', 'inquorate.reconveneWithinWorkingDays: expected a whole number of days, 1 or more']);
    });

    it('an agenda item without a title, and a misspelt field', () => {
      const p = bolton();
      p.agenda.items[2] = { details: ['no title'] };
      p.multipleCategories.onn = true;
      expect(problemsOf(p)).to.deep.equal(['agenda.items.2.title: an agenda item needs a title', 'multipleCategories: Unrecognized key: "onn"']);
    });

    it('a citation of a document the file does not declare, and a majority vote without a split rule', () => {
      const p = bolton();
      p.lookedAfterChildWarning.citation.docs = ['bolton-board-policy'];
      delete p.splitRule;
      expect(problemsOf(p)).to.deep.equal([
        'lookedAfterChildWarning.citation.docs.0: "bolton-board-policy" is not declared in documents (declared: bolton-procedures, project-default)',
        'splitRule: required when decision.mode is "majority-vote": what an equal split means',
      ]);
    });

    it('a missing version and a badly formed id', () => {
      const p = bolton();
      delete p.version;
      p.id = 'West Sussex';
      const problems = problemsOf(p);
      expect(problems).to.have.length(2);
      expect(problems[0]).to.match(/^id: policy id: lower-case/);
      expect(problems[1]).to.equal('version: expected a whole number, 1 or more');
    });
  });
});
