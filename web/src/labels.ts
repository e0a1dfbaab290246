// Words for the desk, as the bot's cards use them.
export const KIND: Record<string, string> = {
  initial: 'Initial',
  'pre-birth': 'Pre-birth',
  'transfer-in': 'Transfer-in',
  'missing-child': 'Missing child',
  'urgent-reconvene': 'Urgently reconvened',
  'first-review': 'First review',
  'later-review': 'Review',
  deferred: 'Reconvened (deferred)',
};
export const POLICY: Record<string, string> = { bolton: 'Bolton', barnsley: 'Barnsley', cumbria: 'Cumbria', london: 'London' };
export const DUTY: Record<string, string> = {
  conference: 'Conference',
  'chair-decision': 'Chair to decide',
  circulation: 'Decision circulated',
  minutes: 'Minutes',
  amendments: 'Amendments',
};
export const OUTCOME: Record<string, string> = {
  'cp-plan': 'Child protection plan',
  'no-cp-plan': 'No plan',
  continue: 'Plan continues',
  discontinue: 'Plan ends',
  deferred: 'Deferred',
  'stood-down': 'Stood down',
};
export const AWAITING: Record<string, string> = { 'split-decision': 'split vote to decide', 'exceptional-circumstances': 'exceptional circumstances to record', category: 'category to record', 'plan-record': 'plan to record' };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function day(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
export function month(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${y}`;
}
export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
export const workingDays = (n: number) => (Math.abs(n) === 1 ? '1 working day' : `${Math.abs(n)} working days`);
