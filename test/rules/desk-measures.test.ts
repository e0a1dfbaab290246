// The desk's measures (Department for Education, Children in Need census; Bolton procedures,
// Timing, Quoracy, Record keeping) against a quarter worked out by hand. Working days skip
// weekends and England & Wales bank holidays: Good Friday 3 April, Easter Monday 6 April,
// 4 May and 25 May 2026.
import { expect } from 'chai';
import { censusRows, dutiesOf, measures, timelinessByMonth } from '../../src/rules/desk.js';
import { CONFERENCES as C, PERIOD, PLANS as P } from '../support/desk-dataset.js';

const all = Object.values(C);
const plans = Object.values(P);
const byId = Object.fromEntries(measures(all, plans, PERIOD).map((m) => [m.id, m.value]));

describe('Desk measures for April–June 2026, worked by hand', () => {
  it('initial conferences within 15 working days, on the national (S47) and local (strategy) clocks', () => {
    // A: 31 Mar → 22 Apr = 1, 2 Apr; (3, 6 Apr bank holidays); 7–10, 13–17, 20–22 Apr = 14 days: within on both.
    // B: S47 29 Apr → 22 May = 30 Apr, 1 May; (4 May); 5–8, 11–15, 18–22 May = 16: late. Strategy 1 May → 14: within.
    // C: no S47 date (excluded); strategy 20 May → 12 Jun = 21, 22; (25 May); 26–29 May, 1–5, 8–12 Jun = 16: late.
    // D (pre-birth): 1 Jun → 19 Jun = 14; 3 Jun → 19 Jun = 12: within on both. E is held in July.
    expect(byId['icpc-15-days-s47']).to.deep.equal({ met: 2, of: 3, excluded: 1, percent: 66.7 });
    expect(byId['icpc-15-days-strategy']).to.deep.equal({ met: 3, of: 4, excluded: 0, percent: 75 });
  });

  it('reviews within timescale: on the due date counts, a day after (a month end) does not', () => {
    // R1 held on its due date 30 Apr; R2 on 30 Jun, due 29 Jun; R3 on 15 May, due 31 May.
    expect(byId['reviews-in-time']).to.deep.equal({ met: 2, of: 3, excluded: 0, percent: 66.7 });
  });

  it('plans by initial and latest category, two years or more, second or subsequent', () => {
    // Started in the quarter: P1 neglect, P2 physical + emotional (MUL), P6 physical. P7 starts 2 July.
    expect(byId['plans-initial-category']).to.deep.equal({ NEG: 1, PHY: 1, EMO: 0, SAB: 0, MUL: 1 });
    // Open on 30 June: P1 (neglect), P2 (latest emotional), P6 (physical); P4 ended on 30 June itself.
    expect(byId['plans-latest-category']).to.deep.equal({ NEG: 1, PHY: 1, EMO: 1, SAB: 0, MUL: 0 });
    // Ended in the quarter: P3 (15 Mar 2024 → 30 Apr 2026, over 2 years), P4 (1 year), P5 (30 Jun 2024 → 29 Jun 2026: a day short).
    expect(byId['plans-two-years']).to.deep.equal({ met: 1, of: 3, excluded: 0, percent: 33.3 });
    // P2 is the child's second plan.
    expect(byId['second-plans']).to.deep.equal({ met: 1, of: 3, excluded: 0, percent: 33.3 });
  });

  it('quoracy breaches, stood down, splits', () => {
    // Held in the quarter: A, B, C, D, R1, R2, R3 (7); F was stood down on 11 May.
    expect(byId['quoracy-breaches']).to.deep.equal({ met: 1, of: 7, excluded: 0, percent: 14.3 });
    expect(byId['stood-down']).to.deep.equal({ met: 1, of: 8, excluded: 0, percent: 12.5 });
    expect(byId['split-decisions']).to.deep.equal({ met: 1, of: 7, excluded: 0, percent: 14.3 });
  });

  it('circulated within 1 working day: a bank holiday Monday moves the day', () => {
    // A 22 Apr → 22 Apr ✓; B Fri 22 May → Tue 26 May (25 May bank holiday) ✓; C Fri 12 Jun → Tue 16 Jun ✗ (due Mon 15);
    // D never ✗; R1 Thu 30 Apr → Fri 1 May ✓; R2 30 Jun ✓; R3 Fri 15 May → Mon 18 May ✓.
    expect(byId['circulated-1-day']).to.deep.equal({ met: 5, of: 7, excluded: 0, percent: 71.4 });
  });

  it('minutes within 15 working days; minutes not yet due at the end of the quarter are left out', () => {
    // A due 14 May (4 May holiday), sent 14 May ✓. B due 15 Jun (25 May holiday), sent 16 Jun ✗.
    // R1 due 22 May, sent 20 May ✓. R2 due 21 Jul, sent 10 Jul ✓. R3 due 8 Jun, not sent ✗.
    // C (due 3 Jul) and D (due 10 Jul) are not due yet and not sent: left out.
    expect(byId['minutes-15-days']).to.deep.equal({ met: 3, of: 5, excluded: 2, percent: 60 });
  });

  it('timeliness by month on both clocks, for the chart', () => {
    expect(timelinessByMonth(all, PERIOD)).to.deep.equal([
      { month: '2026-04', held: 1, withinS47: 1, withS47: 1, withinStrategy: 1 },
      { month: '2026-05', held: 1, withinS47: 0, withS47: 1, withinStrategy: 1 },
      { month: '2026-06', held: 2, withinS47: 1, withS47: 1, withinStrategy: 1 },
    ]);
  });

  it('census rows: plans open at any time in the quarter, in the census item names', () => {
    const rows = censusRows(plans, PERIOD);
    expect(rows.map((r) => r.CaseReference)).to.deep.equal(['HW/2024/03', 'HW/2024/05', 'HW/2025/04', 'HW/2026/01', 'HW/2026/02', 'HW/2026/06']);
    expect(rows[2]).to.deep.equal({
      CaseReference: 'HW/2025/04',
      S47ActualStartDate: '',
      DateOfInitialCPC: '',
      CPPstartDate: '2025-06-10',
      CPPendDate: '2026-06-30',
      InitialCategoryOfAbuse: 'EMO',
      LatestCategoryOfAbuse: 'NEG',
      NumberOfPreviousCPP: '2',
      CPPreviewDate: '2026-06-30',
    });
    expect(rows[4]).to.include({ S47ActualStartDate: '2026-04-29', DateOfInitialCPC: '2026-05-22', InitialCategoryOfAbuse: 'MUL', LatestCategoryOfAbuse: 'EMO', NumberOfPreviousCPP: '1' });
  });

  it("a conference's duties on a given day: late, due with working days left, done", () => {
    // R3 on 10 June: minutes were due 8 June (late, -2 working days); circulation done on time.
    const duties = Object.fromEntries(dutiesOf(C.R3!, '2026-06-10').map((d) => [d.what, d]));
    expect(duties.minutes).to.deep.equal({ what: 'minutes', due: '2026-06-08', state: 'late', workingDaysLeft: -2 });
    expect(duties.circulation).to.include({ state: 'done', doneOn: '2026-05-18' });
    // C was held after its statutory date (a late reason recorded): done late.
    expect(dutiesOf(C.C!, '2026-06-12')[0]).to.include({ what: 'conference', state: 'done-late', due: '2026-06-10' });
  });
});
