// The scheduler is told when the report deadline has passed or is under a working day away when
// the invitations go out (Bolton procedures, Information for the Conference: reports 24 hours
// before; Barnsley chair's guidance: shared with the family 2 days before).
import { expect } from 'chai';
import { reportDeadline, reportDeadlineNotice } from '../../src/rules/index.js';

describe('report deadline notice to the scheduler (Bolton procedures; Barnsley chair\'s guidance)', () => {
  // Bolton, conference Wed 2 Dec 2026 10:00: reports by Tue 1 Dec 10:00.
  const bolton = reportDeadline('2026-12-02T10:00', 'bolton');

  it('passed: scheduled after the deadline', () => {
    expect(bolton.sendBy).to.equal('2026-12-01T10:00');
    const w = reportDeadlineNotice(bolton, '2026-12-01T10:30');
    expect(w?.code).to.equal('report-deadline-passed');
    expect(w?.message).to.contain('2026-12-01 10:00').and.to.contain('already passed');
    expect(reportDeadlineNotice(bolton, '2026-12-01T10:00')?.code, 'at the minute itself').to.equal('report-deadline-passed');
  });

  it('short: less than one working day before the deadline', () => {
    expect(reportDeadlineNotice(bolton, '2026-11-30T10:01')?.code).to.equal('report-deadline-short');
    expect(reportDeadlineNotice(bolton, '2026-12-01T09:00')?.code).to.equal('report-deadline-short');
  });

  it('one working day or more: nothing to say', () => {
    expect(reportDeadlineNotice(bolton, '2026-11-30T10:00')).to.equal(undefined);
    expect(reportDeadlineNotice(bolton, '2026-11-23T09:00')).to.equal(undefined);
  });

  it('a weekend is not a working day: Friday afternoon before a Monday deadline is short', () => {
    // Barnsley, conference Wed 9 Dec 2026 10:00: shared 2 working days before, Mon 7 Dec 10:00.
    const barnsley = reportDeadline('2026-12-09T10:00', 'barnsley');
    expect(barnsley.sendBy).to.equal('2026-12-07T10:00');
    expect(reportDeadlineNotice(barnsley, '2026-12-04T15:00')?.code).to.equal('report-deadline-short');
    expect(reportDeadlineNotice(barnsley, '2026-12-04T09:00')).to.equal(undefined);
  });
});
