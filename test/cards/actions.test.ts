import { expect } from 'chai';
import {
  CardAction,
  INVITEE_ROWS,
  parseCardAction,
  safetyScales,
  scheduleInvitees,
  VERBS,
  type ActionOf,
  type CardAction as CardActionT,
} from '../../cards/actions.js';
import { checkCard } from '../support/card-check.js';
import { EXAMPLES } from './examples.js';

/** What a person types into each verb's inputs before clicking (over what the card prefilled). */
const TYPED: Partial<Record<string, Record<string, unknown>>> = {
  schedule: {
    caseRef: 'CP/2025/0412',
    childInitials: 'J.S.',
    kind: 'initial',
    triggerDate: '2025-02-18',
    date: '2025-03-04',
    time: '10:00',
    policy: 'bolton',
    chairName: 'Helen Ward',
    chairContact: 'helen.ward@council.example',
    invitee1Name: 'Sam Patel',
    invitee1Contact: 'sam.patel@council.example',
    invitee1Agency: 'childrens-social-care',
    invitee1Direct: 'true',
  },
  planRecord: {
    leadProfessional: 'person-1',
    coreGroup: 'person-1,person-2',
    outlinePlan: 'Weekly visits',
    contingencyPlan: 'Legal planning meeting',
    ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`scale${i + 1}`, String(i % 11)])),
  },
  recordScales: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`scale${i + 1}`, String(i % 11)])),
  chairDecision: {
    decision: 'cp-plan',
    rationale: 'Neglect is persistent and well evidenced.',
    ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`view${i + 1}`, 'cp-plan'])),
  },
  rsvp: { deputyName: 'Jo Marsh' },
  chairCheckIn: { person: 'aad-1' },
  answerFor: { answer: 'attending' },
  checkInDeputy: { deputyAgency: 'police', deputyName: 'Dan Deputy' },
  checkInWalkIn: { walkInName: 'Wendy Walkin', walkInAgency: 'housing' },
  recordView: { viewAgency: 'police', viewChoice: 'cp-plan', viewReason: 'Risk of neglect is high' },
  vote: { reason: 'Risk is managed' },
  defer: { deferReason: 'The paediatric assessment is missing' },
  dissentReason: { dissentReason: 'The family has engaged with support' },
  proceed: { proceedReason: 'The child has had no contact with other agencies' },
  standDown: { standDownNote: '' },
  splitDecision: { decision: 'cp-plan', rationale: 'The risk of neglect is high and persistent.' },
  proposeCategory: { primary: 'neglect', others: '' },
  decideCategory: { primary: 'neglect', others: 'emotional' },
  endPlan: { reason: 'moved-permanently', endedOn: '2025-05-01', endNote: '' },
  coreGroupHeld: { next: '2025-06-10' },
  recordExceptional: { exceptionalReason: 'The placement is breaking down.' },
  receivingConference: { heldOn: '2025-05-12' },
  markDone: { on: '2025-05-12' },
  reschedule: { newDate: '2025-03-06', newTime: '14:00' },
  cancelConference: { cancelReason: 'The family has moved away.' },
  addInvitee: { addLine: 'Gita Doctor, gita.doctor@nhs.example, GP, professional' },
  removeInvitee: { removeWho: 'aad-user-2' },
};

const shapeOf = (verb: string) => CardAction.options.find((o) => o.shape.verb.value === verb)!.shape;

/** Each input's id and the value a client sends when nobody touches it (toggles send "false"). */
function inputs(x: unknown, out: Record<string, unknown> = {}): Record<string, unknown> {
  if (Array.isArray(x)) x.forEach((v) => inputs(v, out));
  else if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') {
      out[o.id] = o.value ?? (o.type === 'Input.Toggle' ? (o.valueOff ?? 'false') : '');
    }
    Object.values(o).forEach((v) => inputs(v, out));
  }
  return out;
}

describe('card actions', () => {
  it('one schema per verb, and the verb list matches the union', () => {
    expect(CardAction.options.map((o) => o.shape.verb.value).sort()).to.deep.equal([...VERBS].sort());
  });

  for (const [name, { card }] of Object.entries(EXAMPLES)) {
    it(`${name}: every button's payload, with what a person types, parses; input ids are schema fields`, () => {
      const { payloads } = checkCard(card);
      const verbs = new Set(payloads.map((p) => String(p.verb)));
      const values = inputs(card);
      for (const payload of payloads) {
        // A person fills what the card left empty; Teams sends the inputs with the action's data over them.
        const typed = Object.entries(TYPED[String(payload.verb)] ?? {}).filter(([k]) => values[k] === undefined || values[k] === '');
        const parsed = parseCardAction({ ...values, ...Object.fromEntries(typed), ...payload });
        expect(parsed, `${name} ${JSON.stringify(payload)}`).to.deep.include({ ok: true });
      }
      for (const id of Object.keys(values)) {
        expect([...verbs].some((v) => id in shapeOf(v)), `${name}: input "${id}" is no field of ${[...verbs].join('/')}`).to.equal(true);
      }
    });
  }

  it('a refresh payload parses', () => {
    const refresh = EXAMPLES['vote-everyone']!.card.refresh!.action.data;
    expect(parseCardAction(refresh)).to.deep.include({ ok: true });
  });

  describe('rejects malformed payloads with readable messages', () => {
    const cases: [string, unknown, RegExp][] = [
      ['no payload', undefined, /sent no action/],
      ['an unknown verb', { verb: 'launch' }, /"launch"\) is not known/],
      ['a missing conference id', { verb: 'checkIn' }, /Conference: is required/],
      ['an answer that is not an RSVP', { verb: 'rsvp', conferenceId: 'c1', answer: 'maybe' }, /Your answer: choose one of: attending, apologies, written-report, deputy/],
      ['a recorded view without its reason', { verb: 'recordView', conferenceId: 'c1', roundId: '1', viewAgency: 'police', viewChoice: 'cp-plan', viewReason: '' }, /Reason: is required/],
      ['a walk-in without an agency', { verb: 'checkInWalkIn', conferenceId: 'c1', walkInName: 'Wendy Walkin', walkInRole: 'professional' }, /Agency: is required/],
      ['a deputy without a name', { verb: 'rsvp', conferenceId: 'c1', answer: 'deputy', deputyName: ' ' }, /Deputy's name: is required for a briefed deputy/],
      ['no plan without its recommendation', { verb: 'vote', conferenceId: 'c1', roundId: 'r1', choice: 'no-cp-plan' }, /Recommendation: choose Child in Need plan or no further action/],
      ['a recommendation on a plan', { verb: 'vote', conferenceId: 'c1', roundId: 'r1', choice: 'cp-plan', recommendation: 'no-further-action' }, /Recommendation: only a "no plan" or "discontinue" answer/],
      ['proceeding without a reason', { verb: 'proceed', conferenceId: 'c1', proceedReason: '' }, /Reason for proceeding without quoracy: is required/],
      ['a short split rationale', { verb: 'splitDecision', conferenceId: 'c1', roundId: 'r1', decision: 'cp-plan', rationale: 'because' }, /Rationale: give a clear rationale/],
      ['the primary category among the others', { verb: 'decideCategory', conferenceId: 'c1', primary: 'neglect', others: 'neglect,physical' }, /Other categories: the primary category is already chosen/],
      ['a stale-looking id with spaces', { verb: 'closeRound', conferenceId: 'c 1', roundId: 'r1' }, /Conference: an id has no spaces/],
      ['a bad end date', { verb: 'endPlan', caseRef: 'CP/2025/0412', reason: 'died', endedOn: '2025-02-30' }, /Date the plan ended: not a real calendar date/],
    ];
    for (const [what, raw, message] of cases) {
      it(what, () => {
        const parsed = parseCardAction(raw);
        expect(parsed.ok).to.equal(false);
        if (!parsed.ok) expect(parsed.message).to.match(message);
      });
    }
  });

  describe('the scheduling form', () => {
    const form = {
      verb: 'schedule',
      caseRef: 'CP/2025/0412',
      childInitials: 'J.S.',
      childFullName: '',
      kind: 'initial',
      triggerDate: '2025-02-17',
      date: '2025-03-04',
      time: '10:00',
      location: '',
      policy: 'bolton',
      chairName: 'Helen Ward',
      chairContact: 'helen.ward@council.example',
      lateReason: '',
      expectedDeliveryDate: '',
      lookedAfter: 'false',
      invitee1Name: 'Sam Patel',
      invitee1Contact: 'sam.patel@council.example',
      invitee1Agency: 'childrens-social-care',
      invitee1Role: 'professional',
      invitee1Direct: 'true',
      invitee2Name: '',
      invitee2Contact: '',
      invitee2Agency: '',
      invitee2Role: 'professional',
      invitee2Direct: 'false',
      invitee3Name: 'Karen Smithson',
      invitee3Contact: 'karen@example.org',
      invitee3Agency: 'family',
      invitee3Role: 'family',
      invitee3Direct: 'false',
    };

    it('collects the filled rows and skips the empty ones', () => {
      const parsed = parseCardAction(form);
      expect(parsed.ok).to.equal(true);
      const action = (parsed as { action: CardActionT }).action as ActionOf<'schedule'>;
      expect(action.lookedAfter).to.equal(false);
      expect(action.childFullName).to.equal(undefined);
      expect(scheduleInvitees(action)).to.deep.equal([
        { name: 'Sam Patel', contact: 'sam.patel@council.example', agency: 'childrens-social-care', role: 'professional', directContact: true, row: 1 },
        { name: 'Karen Smithson', contact: 'karen@example.org', agency: 'family', role: 'family', directContact: false, row: 3 },
      ]);
    });

    it('adds invitees pasted as lines "name, email, agency, role", agencies and roles by their usual names', () => {
      const lines = ['DC Rachel Holt, rachel.holt@police.example, Police', '', 'Hana Visitor; hana@nhs.example; health visitor; professional; not direct', 'Mary Parent\tmary@example.com\tFamily\tparent'].join('\n');
      const parsed = parseCardAction({ ...form, inviteeLines: lines });
      expect(parsed.ok, JSON.stringify(parsed)).to.equal(true);
      const invitees = scheduleInvitees((parsed as { action: CardActionT }).action as ActionOf<'schedule'>);
      expect(invitees.slice(2)).to.deep.equal([
        { name: 'DC Rachel Holt', contact: 'rachel.holt@police.example', agency: 'police', role: 'professional', directContact: true },
        { name: 'Hana Visitor', contact: 'hana@nhs.example', agency: 'health-visiting', role: 'professional', directContact: false },
        { name: 'Mary Parent', contact: 'mary@example.com', agency: 'family', role: 'family', directContact: false },
      ]);
    });

    it('refuses a malformed pasted line beside the lines, naming the line and why', () => {
      const parsed = parseCardAction({ ...form, inviteeLines: 'Pat Shah, pat.shah@police.example, Police\nJust a name\nJo Bloggs, jo bloggs, Polis, boss' });
      expect(parsed.ok).to.equal(false);
      if (parsed.ok) return;
      expect(parsed.fields.inviteeLines).to.contain('line 2').and.to.contain('expected name, email, agency, role');
      expect(parsed.fields.inviteeLines).to.contain('line 3').and.to.contain('"Polis" is not an agency').and.to.contain('"boss" is not a role').and.to.contain('not an email address');
    });

    it('refuses the same person twice, in rows or pasted lines', () => {
      const parsed = parseCardAction({ ...form, invitee2Name: 'Sam again', invitee2Contact: 'SAM.PATEL@council.example', invitee2Agency: 'police', inviteeLines: 'Karen, karen@example.org, Family, family' });
      expect(parsed.ok).to.equal(false);
      if (parsed.ok) return;
      expect(parsed.fields.invitee2Contact).to.match(/already invited \(row 1\)/);
      expect(parsed.fields.inviteeLines).to.match(/already invited \(row 3\)/);
    });

    it('says each problem once beside its field, without repeating the label ("Case reference: case reference: …")', () => {
      const parsed = parseCardAction({ ...form, caseRef: 'CP 2025!', childInitials: '12' });
      expect(parsed.ok).to.equal(false);
      if (parsed.ok) return;
      expect(parsed.fields.caseRef).to.equal('letters, digits, "/", "-" or "_" (up to 30)');
      expect(parsed.message).to.contain('Case reference: letters').and.not.to.match(/case reference: case reference/i);
      expect(parsed.message).to.not.match(/initials: child's initials/i);
    });

    it('names the row and the field of a half-filled invitee', () => {
      const parsed = parseCardAction({ ...form, invitee2Name: 'DC Rachel Holt' });
      expect(parsed.ok).to.equal(false);
      if (!parsed.ok) expect(parsed.problems).to.deep.equal(['Invitee 2: email or Teams id: is required', 'Invitee 2: agency: choose an agency']);
    });

    it('asks for the expected delivery date of a pre-birth conference', () => {
      const parsed = parseCardAction({ ...form, kind: 'pre-birth' });
      expect(parsed.ok).to.equal(false);
      if (!parsed.ok) expect(parsed.message).to.match(/Expected delivery date: is required for a pre-birth conference/);
    });

    it(`has ${INVITEE_ROWS} invitee rows`, () => {
      expect(Object.keys(CardAction.options.find((o) => o.shape.verb.value === 'schedule')!.shape).filter((k) => /^invitee\d+Name$/.test(k))).to.have.length(INVITEE_ROWS);
    });
  });

  it('the plan record collects the safety scales by agency', () => {
    const parsed = parseCardAction({
      verb: 'planRecord',
      conferenceId: 'c1',
      leadProfessional: 'p1',
      coreGroup: 'p1,p2,p4',
      firstCoreGroupDate: '2025-03-14',
      firstReviewDate: '2025-06-03',
      outlinePlan: 'Weekly visits',
      contingencyPlan: 'Legal planning meeting',
      scaleAgencies: ['police', 'gp'],
      scale1: '3',
      scale2: '5',
    });
    expect(parsed.ok).to.equal(true);
    const action = (parsed as { action: CardActionT }).action as ActionOf<'planRecord'>;
    expect(action.coreGroup).to.deep.equal(['p1', 'p2', 'p4']);
    expect(safetyScales(action)).to.deep.equal([
      { agency: 'police', scale: 3 },
      { agency: 'gp', scale: 5 },
    ]);
  });
});
