// Report deadlines that land on a weekend move back to the last working day (Bolton procedures,
// Reports to conference): the policy's words stay in `by`, what invitees are asked for in `sendBy`.
import { expect } from 'chai';
import { lastWorkingDayOnOrBefore, reportDeadline } from '../../src/rules/index.js';

describe('report deadline on a non-working day (Bolton procedures, Reports to conference)', () => {
  it('24 hours before a Monday conference is Sunday: reports are asked for by Friday at the same time', () => {
    const d = reportDeadline('2026-12-07T10:00', 'bolton');
    expect(d.by).to.equal('2026-12-06T10:00');
    expect(d.sendBy).to.equal('2026-12-04T10:00');
    expect(d.warnings).to.have.length(1);
  });

  it('a deadline on a working day is asked for as it is', () => {
    const d = reportDeadline('2026-12-09T14:30', 'bolton');
    expect(d.sendBy).to.equal(d.by).and.to.equal('2026-12-08T14:30');
  });

  it('the last working day on or before a date skips weekends and bank holidays (England and Wales)', () => {
    expect(lastWorkingDayOnOrBefore('2027-03-07')).to.equal('2027-03-05'); // Sunday → Friday
    expect(lastWorkingDayOnOrBefore('2026-12-28')).to.equal('2026-12-24'); // Christmas substitute day, Boxing Day, weekend
    expect(lastWorkingDayOnOrBefore('2026-12-08')).to.equal('2026-12-08');
  });
});
