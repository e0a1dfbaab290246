// A quarter (April–June 2026) of conferences and plans whose measures were worked out by hand,
// day by day, over England & Wales bank holidays (Good Friday 3 April, Easter Monday 6 April,
// 4 and 25 May) and month ends. The workings are in test/rules/desk-measures.test.ts.
import type { ConferenceFact, PlanFact } from '../../src/rules/desk.js';
import { TENANT } from './entra.js';

export const PERIOD = { from: '2026-04-01', to: '2026-06-30' };

let n = 0;
function conference(o: Partial<ConferenceFact> & Pick<ConferenceFact, 'kind' | 'date' | 'triggerDate' | 'dueBy'>): ConferenceFact {
  n++;
  return {
    conferenceId: `hand-${String(n).padStart(2, '0')}`,
    tenantId: TENANT,
    caseRef: `HW/2026/${String(n).padStart(2, '0')}`,
    childInitials: 'HW',
    policy: 'bolton',
    chairId: 'aad-chair',
    chairName: 'Irene Chair',
    status: 'decided',
    time: '10:00',
    lateReason: false,
    invited: 6,
    answered: 6,
    attending: 5,
    apologies: 1,
    reports: 0,
    deputies: 0,
    forecastQuorate: true,
    forecastMissing: [],
    quoracyBreach: false,
    split: false,
    outcome: 'cp-plan',
    ...o,
  };
}

export const CONFERENCES: Record<string, ConferenceFact> = {
  A: conference({ kind: 'initial', s47StartDate: '2026-03-31', triggerDate: '2026-03-31', date: '2026-04-22', dueBy: '2026-04-23', circulatedOn: '2026-04-22', minutesSentOn: '2026-05-14' }),
  B: conference({ kind: 'initial', s47StartDate: '2026-04-29', triggerDate: '2026-05-01', date: '2026-05-22', dueBy: '2026-05-26', quoracyBreach: true, split: true, circulatedOn: '2026-05-26', minutesSentOn: '2026-06-16' }),
  C: conference({ kind: 'initial', triggerDate: '2026-05-20', date: '2026-06-12', dueBy: '2026-06-10', lateReason: true, outcome: 'no-cp-plan', circulatedOn: '2026-06-16' }),
  D: conference({ kind: 'pre-birth', s47StartDate: '2026-06-01', triggerDate: '2026-06-03', date: '2026-06-19', dueBy: '2026-06-24' }),
  E: conference({ kind: 'initial', s47StartDate: '2026-06-10', triggerDate: '2026-06-10', date: '2026-07-02', dueBy: '2026-07-01' }),
  F: conference({ kind: 'initial', triggerDate: '2026-04-24', date: '2026-05-11', dueBy: '2026-05-15', status: 'stood-down', outcome: 'stood-down' }),
  R1: conference({ kind: 'first-review', triggerDate: '2026-01-30', date: '2026-04-30', dueBy: '2026-04-30', outcome: 'continue', circulatedOn: '2026-05-01', minutesSentOn: '2026-05-20' }),
  R2: conference({ kind: 'later-review', triggerDate: '2025-12-29', date: '2026-06-30', dueBy: '2026-06-29', outcome: 'discontinue', circulatedOn: '2026-06-30', minutesSentOn: '2026-07-10' }),
  R3: conference({ kind: 'later-review', triggerDate: '2025-11-30', date: '2026-05-15', dueBy: '2026-05-31', outcome: 'continue', circulatedOn: '2026-05-18' }),
};

function plan(caseRef: string, o: Omit<PlanFact, 'tenantId' | 'caseRef' | 'reviewDates'> & { reviewDates?: string[] }): PlanFact {
  return { tenantId: TENANT, caseRef, reviewDates: [], ...o };
}

export const PLANS: Record<string, PlanFact> = {
  P1: plan('HW/2026/01', { startDate: '2026-04-22', initialCategory: ['neglect'], latestCategory: ['neglect'], previousPlans: 0, s47StartDate: '2026-03-31', initialConferenceDate: '2026-04-22' }),
  P2: plan('HW/2026/02', { startDate: '2026-05-22', initialCategory: ['physical', 'emotional'], latestCategory: ['emotional'], previousPlans: 1, s47StartDate: '2026-04-29', initialConferenceDate: '2026-05-22' }),
  P3: plan('HW/2024/03', { startDate: '2024-03-15', endDate: '2026-04-30', initialCategory: ['sexual'], latestCategory: ['sexual'], previousPlans: 0, reviewDates: ['2024-06-14', '2026-04-30'] }),
  P4: plan('HW/2025/04', { startDate: '2025-06-10', endDate: '2026-06-30', initialCategory: ['emotional'], latestCategory: ['neglect'], previousPlans: 2, reviewDates: ['2025-09-09', '2025-12-29', '2026-06-30'] }),
  P5: plan('HW/2024/05', { startDate: '2024-06-30', endDate: '2026-06-29', initialCategory: ['neglect'], latestCategory: ['neglect'], previousPlans: 0 }),
  P6: plan('HW/2026/06', { startDate: '2026-06-19', initialCategory: ['physical'], latestCategory: ['physical'], previousPlans: 0, s47StartDate: '2026-06-01', initialConferenceDate: '2026-06-19' }),
  P7: plan('HW/2026/07', { startDate: '2026-07-02', initialCategory: ['neglect'], latestCategory: ['neglect'], previousPlans: 0 }),
};
