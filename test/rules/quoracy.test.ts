import { expect } from 'chai';
import { quoracy, quoracyAtTable, roleAtTable, tally, RuleError, type Attendee } from '../../src/rules/index.js';

const pro = (name: string, agency: string, directContact = true, present = true): Attendee => ({
  name,
  agency,
  role: 'professional',
  directContact,
  present,
});
const sw = pro('Sam Social Worker', 'childrens-social-care');

describe('quoracy', () => {
  it("quorate with Children's Social Care and 2 other agencies with direct contact (Bolton procedures, Quoracy; Barnsley chair's guidance)", () => {
    const r = quoracy([sw, pro('Pat Police', 'police'), pro('Hana Health Visitor', 'health-visiting')]);
    expect(r).to.include({ quorate: true, mayProceedExceptionally: false, otherAgencies: 2, childrensSocialCare: true });
    expect(r.countingAgencies).to.deep.equal(['childrens-social-care', 'police', 'health-visiting']);
    expect(r.missing).to.deep.equal([]);
  });

  it('two people from one agency count once (Bolton procedures, Quoracy: "2 other professional groups or agencies")', () => {
    const r = quoracy([sw, pro('Pat Police', 'police'), pro('Paula Police', 'police')]);
    expect(r.quorate).to.equal(false);
    expect(r.countingAgencies).to.deep.equal(['childrens-social-care', 'police']);
    expect(r.excluded).to.deep.equal([{ name: 'Paula Police', why: 'police is already counted (each agency counts once)' }]);
    expect(r.missing).to.deep.equal(["1 more agency besides Children's Social Care with direct contact with the child"]);
    expect(r.mayProceedExceptionally).to.equal(true);
  });

  it('family, advocates, supporters, support staff and the chair do not count (Bolton procedures, Quoracy)', () => {
    const r = quoracy([
      sw,
      pro('Pat Police', 'police'),
      { name: 'Mum', agency: 'family', role: 'family', directContact: true, present: true },
      { name: 'Ann Advocate', agency: 'advocacy', role: 'advocate', directContact: true, present: true },
      { name: 'Sue Supporter', agency: 'friends', role: 'supporter', directContact: true, present: true },
      { name: 'Steve Support', agency: 'school', role: 'support-staff', directContact: true, present: true },
      { name: 'Chris Chair', agency: 'safeguarding-unit', role: 'chair', directContact: false, present: true },
    ]);
    expect(r.quorate).to.equal(false);
    expect(r.countingAgencies).to.deep.equal(['childrens-social-care', 'police']);
    expect(r.excluded.map((e) => e.name)).to.deep.equal(['Mum', 'Ann Advocate', 'Sue Supporter', 'Steve Support', 'Chris Chair']);
    expect(r.excluded[0]!.why).to.equal('A family member does not count towards quoracy');
    expect(r.excluded[3]!.why).to.match(/support staff/);
    expect(r.excluded[4]!.why).to.equal('The chair does not count towards quoracy');
  });

  it('an agency with no direct contact with the child does not count (Bolton procedures, Quoracy)', () => {
    const r = quoracy([sw, pro('Pat Police', 'police'), pro('Hal Housing', 'housing', false)]);
    expect(r.quorate).to.equal(false);
    expect(r.excluded).to.deep.equal([{ name: 'Hal Housing', why: 'housing: no direct contact with the child' }]);
  });

  it('absent invitees do not count (Bolton procedures, Quoracy: "in attendance")', () => {
    const r = quoracy([sw, pro('Pat Police', 'police'), pro('Greta GP', 'gp', true, false)]);
    expect(r.quorate).to.equal(false);
    expect(r.excluded).to.deep.equal([{ name: 'Greta GP', why: 'not present' }]);
  });

  it("without Children's Social Care it is not quorate and the exception does not apply (Bolton procedures, Quoracy; Barnsley chair's guidance: the social worker)", () => {
    const r = quoracy([pro('Pat Police', 'police'), pro('Hana Health Visitor', 'health-visiting'), pro('Sid School', 'school')]);
    expect(r).to.include({ quorate: false, mayProceedExceptionally: false, childrensSocialCare: false });
    expect(r.missing).to.deep.equal(["Children's Social Care is not represented"]);
    expect(r.countingAgencies).to.deep.equal(['police', 'health-visiting', 'school']);
  });

  it("a Children's Social Care member who is the chair does not count as Children's Social Care (Bolton procedures, Quoracy)", () => {
    const r = quoracy([
      { name: 'Iris IRO', agency: 'childrens-social-care', role: 'chair', directContact: false, present: true },
      pro('Pat Police', 'police'),
      pro('Sid School', 'school'),
    ]);
    expect(r.quorate).to.equal(false);
    expect(r.missing).to.deep.equal(["Children's Social Care is not represented"]);
  });

  it('only CSC present: 2 more agencies missing, the chair may stand down or exceptionally proceed with a recorded reason (Bolton procedures, Quoracy)', () => {
    const r = quoracy([sw, pro('Sally Social Worker', 'childrens-social-care')]);
    expect(r.missing).to.deep.equal(["2 more agencies besides Children's Social Care with direct contact with the child"]);
    expect(r.mayProceedExceptionally).to.equal(true);
    expect(r.excluded[0]!.why).to.match(/already counted/);
  });

  it('malformed attendees are refused with a message naming the bad field', () => {
    expect(() => quoracy([{ ...sw, agency: 'Police Force' }])).to.throw(RuleError, /0\.agency.*"Police Force"/);
    expect(() => quoracy([{ ...sw, role: 'observer' as never }])).to.throw(RuleError, /role.*"observer"/);
  });

  describe('by role, whatever agency was typed (Bolton procedures, Quoracy: "family members, advocates and supporters do not count"; RULES.md, Who makes up an agency)', () => {
    it('a family member or advocate entered as a professional of "family" or "advocacy" is family or an advocate', () => {
      expect(roleAtTable({ role: 'professional', agency: 'family' })).to.equal('family');
      expect(roleAtTable({ role: 'professional', agency: 'advocacy' })).to.equal('advocate');
      expect(roleAtTable({ role: 'professional', agency: 'police' })).to.equal('professional');
      expect(roleAtTable({ role: 'supporter', agency: 'police' })).to.equal('supporter');
      expect(roleAtTable({ role: 'professional', agency: 'childrens-social-care', chair: true })).to.equal('chair');
    });

    it('family typed as a professional agency never makes up the quorum', () => {
      const r = quoracy([sw, pro('Pat Police', 'police'), pro('Mary Parent', 'family'), pro('Ann Advocate', 'advocacy')]);
      expect(r.quorate).to.equal(false);
      expect(r.countingAgencies).to.deep.equal(['childrens-social-care', 'police']);
      expect(r.excluded.map((e) => e.why)).to.deep.equal(['A family member does not count towards quoracy', 'An advocate does not count towards quoracy']);
    });

    it("the chair listed as a professional of Children's Social Care does not make up Children's Social Care", () => {
      const r = quoracyAtTable([
        { ...pro('Irene Chair', 'childrens-social-care'), chair: true },
        pro('Pat Police', 'police'),
        pro('Sid School', 'education'),
      ]);
      expect(r.quorate).to.equal(false);
      expect(r.childrensSocialCare).to.equal(false);
      expect(r.excluded).to.deep.equal([{ name: 'Irene Chair', why: 'The chair does not count towards quoracy' }]);
      expect(quoracyAtTable([sw, pro('Pat Police', 'police'), pro('Sid School', 'education')]).quorate).to.equal(true);
    });

    it('a view given for "family" by someone entered as a professional is not counted as an agency\'s view', () => {
      const r = tally(
        [
          { name: 'Sam Social', agency: 'childrens-social-care', role: 'professional', choice: 'cp-plan' },
          { name: 'Mary Parent', agency: 'family', role: 'professional', choice: 'no-cp-plan', recommendation: 'child-in-need' },
        ],
        'bolton',
      );
      expect(r.counts['cp-plan']).to.equal(1);
      expect(r.counts['no-cp-plan'] ?? 0).to.equal(0);
      expect(r.excluded).to.deep.equal([{ name: 'Mary Parent', why: 'A family member does not vote' }]);
    });
  });
});
