import { expect } from 'chai';
import {
  conferenceDueDate,
  deferral,
  describeTimescale,
  dueDate,
  laterCoreGroupWindow,
  nextReviewDue,
  planRecordLimits,
  preBirthWarning,
  RuleError,
  TIMESCALES,
  TimescaleId,
  workingDaysBetween,
} from '../../src/rules/index.js';

describe('timescales: conference kinds (first table of RULES.md)', () => {
  it('ICPC within 15 working days of the last strategy discussion, across Easter and the May bank holiday (Bolton procedures, Timing; Barnsley chair\'s guidance, Timescales)', () => {
    expect(dueDate('icpc', '2025-04-10')).to.equal('2025-05-06');
    expect(workingDaysBetween('2025-04-10', '2025-05-06')).to.equal(15);
  });

  it('pre-birth conference as an ICPC: 15 working days (London summary; Bolton procedures, Pre-birth conferences)', () => {
    expect(dueDate('pre-birth', '2025-04-10')).to.equal(dueDate('icpc', '2025-04-10'));
  });

  it('transfer-in conference within 15 working days of notification, across the 2022 Jubilee (Bolton procedures, Discontinuing the plan)', () => {
    expect(dueDate('transfer-in', '2022-05-27')).to.equal('2022-06-21');
  });

  it('missing child conference within 5 working days of first notification, across the State Funeral (Bolton procedures, Children who go missing)', () => {
    expect(dueDate('missing-child', '2022-09-15')).to.equal('2022-09-23');
  });

  it('first review within 3 calendar months of the ICPC, leap-year clamping (council process page; Bolton procedures; Barnsley chair\'s guidance)', () => {
    expect(dueDate('first-review', '2023-11-30')).to.equal('2024-02-29');
    expect(dueDate('first-review', '2022-11-30')).to.equal('2023-02-28');
    expect(dueDate('first-review', '2024-05-15')).to.equal('2024-08-15');
  });

  it('later reviews at intervals of not more than 6 months (council process page; Bolton procedures; Barnsley chair\'s guidance)', () => {
    expect(dueDate('later-review', '2024-08-31')).to.equal('2025-02-28');
    expect(dueDate('later-review', '2023-08-31')).to.equal('2024-02-29');
  });

  it('deferred decision: reconvene within 3 months (Bolton procedures, Deferment)', () => {
    expect(dueDate('deferred', '2022-11-30')).to.equal('2023-02-28');
    expect(deferral('2022-11-30').reconveneBy).to.equal('2023-02-28');
  });

  it('urgently reconvened conference is flagged "as soon as possible", with no date (Bolton procedures, Urgently re-convened conferences)', () => {
    const due = conferenceDueDate('urgent-reconvene', '2025-03-03');
    expect(due).to.include({ due: null, asSoonAsPossible: true, timescale: null });
    expect(due.rule).to.match(/as soon as possible/);
  });

  it('every conference kind maps to its timescale (Bolton procedures)', () => {
    expect(conferenceDueDate('initial', '2025-04-10')).to.include({ timescale: 'icpc', due: '2025-05-06', asSoonAsPossible: false });
    expect(conferenceDueDate('pre-birth', '2025-04-10').due).to.equal('2025-05-06');
    expect(conferenceDueDate('transfer-in', '2022-05-27').due).to.equal('2022-06-21');
    expect(conferenceDueDate('missing-child', '2022-09-15').due).to.equal('2022-09-23');
    expect(conferenceDueDate('first-review', '2023-11-30').due).to.equal('2024-02-29');
    expect(conferenceDueDate('later-review', '2024-08-31').due).to.equal('2025-02-28');
    expect(conferenceDueDate('deferred', '2022-11-30').due).to.equal('2023-02-28');
    expect(conferenceDueDate('initial', '2025-04-10').rule).to.match(/15 working days.*Bolton procedures/);
  });
});

describe('timescales: other timescales (second table of RULES.md)', () => {
  it('decision circulated within 1 working day, across the Coronation bank holiday (Bolton procedures, Record keeping)', () => {
    expect(dueDate('decision-circulated', '2023-05-05')).to.equal('2023-05-09');
  });

  it('minutes within 15 working days, across Christmas and New Year (Bolton procedures, Record keeping)', () => {
    expect(dueDate('minutes', '2024-12-20')).to.equal('2025-01-15');
  });

  it('minute amendments within 21 calendar days of receipt (Bolton procedures, Record keeping)', () => {
    expect(dueDate('minute-amendments', '2024-12-20')).to.equal('2025-01-10');
    expect(dueDate('minute-amendments', '2024-02-08')).to.equal('2024-02-29');
  });

  it('first core group within 10 working days of the ICPC, across Easter (Bolton procedures, The Core Group)', () => {
    expect(dueDate('first-core-group', '2025-04-10')).to.equal('2025-04-28');
  });

  it('later core groups in a 4–6 week window (Bolton procedures, The Core Group)', () => {
    expect(laterCoreGroupWindow('2024-02-01')).to.deep.equal({ earliest: '2024-02-29', latest: '2024-03-14' });
  });

  it('split referred to the Head of Service within 5 working days; panel within 28 days of notification (Bolton procedures, Disagreement and dissent)', () => {
    expect(dueDate('split-referral', '2023-04-28')).to.equal('2023-05-09');
    expect(dueDate('split-panel', '2023-05-09')).to.equal('2023-06-06');
  });

  it('Child in Need action plan reviewed at intervals of no more than 6 months (Bolton procedures, child NOT at continuing risk)', () => {
    expect(dueDate('cin-review', '2024-02-29')).to.equal('2024-08-29');
    expect(dueDate('cin-review', '2025-08-31')).to.equal('2026-02-28');
  });

  it('every timescale id of the issue has a row with a source (RULES.md tables)', () => {
    for (const id of TimescaleId.options) {
      expect(TIMESCALES[id].citation.docs.length, id).to.be.greaterThan(0);
      expect(dueDate(id, '2025-01-06'), id).to.match(/^\d{4}-\d{2}-\d{2}$/);
      expect(describeTimescale(id), id).to.match(/within \d+ (working day|day|month)/);
    }
  });

  it('a policy id is accepted and changes no table timescale (Bolton procedures; Barnsley chair\'s guidance)', () => {
    for (const p of ['bolton', 'barnsley', 'cumbria', 'london']) expect(dueDate('icpc', '2025-04-10', p)).to.equal('2025-05-06');
  });

  it('an unknown timescale id, malformed date or unknown policy throws an error naming it', () => {
    expect(() => dueDate('icpcc', '2025-04-10')).to.throw(RuleError, /unknown timescale id "icpcc"/);
    expect(() => dueDate('icpc', '2025-4-10')).to.throw(RuleError, /"2025-4-10"/);
    expect(() => dueDate('icpc', '2025-02-29')).to.throw(RuleError, /"2025-02-29"/);
    expect(() => dueDate('icpc', '2025-04-10', 'leeds')).to.throw(RuleError, /unknown policy id "leeds"/);
    expect(() => conferenceDueDate('annual', '2025-04-10')).to.throw(RuleError, /unknown conference kind "annual"/);
  });
});

describe('timescales: review dates and the plan record', () => {
  it('the review fixed at the end of an initial-type conference is within 3 months; after a review, 6 months (Bolton procedures, Review conferences)', () => {
    expect(nextReviewDue('initial', '2023-11-30')).to.equal('2024-02-29');
    expect(nextReviewDue('transfer-in', '2023-11-30')).to.equal('2024-02-29');
    expect(nextReviewDue('first-review', '2024-02-29')).to.equal('2024-08-29');
    expect(nextReviewDue('later-review', '2024-08-31')).to.equal('2025-02-28');
  });

  it('after a missing-child or urgently reconvened conference the shorter 3 months is used (project default; Bolton procedures silent)', () => {
    expect(nextReviewDue('missing-child', '2024-05-31')).to.equal('2024-08-31');
    expect(nextReviewDue('urgent-reconvene', '2024-05-31')).to.equal('2024-08-31');
  });

  it('plan record limits: decision 1 WD, first core group 10 WD, minutes 15 WD, first review 3 months (Bolton procedures)', () => {
    expect(planRecordLimits('2025-04-10')).to.deep.equal({
      decisionCirculatedBy: '2025-04-11',
      firstCoreGroupBy: '2025-04-28',
      minutesBy: '2025-05-06',
      firstReviewBy: '2025-07-10',
      warnings: [],
    });
  });

  it('pre-birth: warns when the first review would fall on or before the expected delivery date (Bolton procedures, Pre-birth conferences)', () => {
    expect(preBirthWarning('2025-03-10', '2025-07-01')).to.include({ code: 'pre-birth-review-before-delivery' });
    expect(preBirthWarning('2025-03-10', '2025-06-10')).to.include({ code: 'pre-birth-review-before-delivery' });
    expect(preBirthWarning('2025-03-10', '2025-06-09')).to.equal(null);
    const limits = planRecordLimits('2025-03-10', { expectedDeliveryDate: '2025-07-01' });
    expect(limits.warnings).to.have.length(1);
    expect(limits.warnings[0]!.message).to.match(/2025-06-10.*2025-07-01/);
  });
});
