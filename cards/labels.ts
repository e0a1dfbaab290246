// Words people read for the shared vocabulary. Cards never show raw ids.
import type { DueKind } from './due.js';
import type {
  Agency,
  Category,
  Choice,
  ConferenceKind,
  NoPlanRecommendation,
  PlanEndReason,
  PolicyId,
  Role,
  Rsvp,
} from '../src/rules/types.js';

export const KIND_LABEL: Record<ConferenceKind, string> = {
  initial: 'Initial child protection conference',
  'pre-birth': 'Pre-birth conference',
  'transfer-in': 'Transfer-in conference',
  'missing-child': 'Missing child conference',
  'urgent-reconvene': 'Urgently reconvened conference',
  'first-review': 'First review conference',
  'later-review': 'Review conference',
  deferred: 'Reconvened conference (deferred decision)',
};

/** What the trigger date of each kind is (RULES.md, "Conference kinds"). */
export const TRIGGER_LABEL: Record<ConferenceKind, string> = {
  initial: 'Date of the last strategy discussion',
  'pre-birth': 'Date of the core assessment or strategy discussion',
  'transfer-in': 'Date of notification of the permanent move into the area',
  'missing-child': 'Date of first notification that the child is missing',
  'urgent-reconvene': 'Date of the major change from the agreed plan',
  'first-review': 'Date of the initial conference',
  'later-review': 'Date of the previous review conference',
  deferred: 'Date of the deferred conference',
};

export const ROLE_LABEL: Record<Role, string> = {
  professional: 'Professional',
  family: 'Family member',
  advocate: 'Advocate',
  supporter: 'Supporter',
  'support-staff': 'Supporting a colleague',
  chair: 'Chair',
};

export const RSVP_LABEL: Record<Rsvp, string> = {
  attending: 'Attending',
  apologies: 'Apologies',
  'written-report': 'Sending a written report',
  deputy: 'Sending a briefed deputy',
};

export const CHOICE_LABEL: Record<Choice, string> = {
  'cp-plan': 'Child protection plan',
  'no-cp-plan': 'No child protection plan',
  continue: 'Continue the plan',
  discontinue: 'Discontinue the plan',
};

export const RECOMMENDATION_LABEL: Record<NoPlanRecommendation, string> = {
  'child-in-need': 'Child in Need plan',
  'no-further-action': 'No further action',
};

export const CATEGORY_LABEL: Record<Category, string> = {
  physical: 'Physical abuse',
  emotional: 'Emotional abuse',
  sexual: 'Sexual abuse',
  neglect: 'Neglect',
};

export const POLICY_LABEL: Record<PolicyId, string> = {
  bolton: 'Bolton',
  barnsley: 'Barnsley',
  cumbria: 'Cumbria',
  london: 'London',
};

/** A card's name for the procedures: the label the bot gives (from the policy file), else the built-in's. */
export function policyLabelOf(v: { policy: string; policyLabel?: string }): string {
  return v.policyLabel ?? POLICY_LABEL[v.policy as PolicyId] ?? v.policy;
}

export const PLAN_END_LABEL: Record<PlanEndReason, string> = {
  'turned-18': 'The child turned 18',
  died: 'The child died',
  'left-uk': 'The child left the UK permanently',
  married: 'The child married',
  'moved-permanently': 'The child moved permanently to another area',
};

const AGENCY_LABEL: Record<string, string> = {
  'childrens-social-care': "Children's Social Care",
  police: 'Police',
  health: 'Health',
  'health-visiting': 'Health Visiting',
  'school-nursing': 'School Nursing',
  midwifery: 'Midwifery',
  gp: 'GP',
  camhs: 'CAMHS',
  education: 'Education',
  school: 'School',
  'early-years': 'Early Years',
  probation: 'Probation',
  'youth-justice': 'Youth Justice',
  housing: 'Housing',
  'adult-mental-health': 'Adult Mental Health',
  'substance-misuse': 'Substance Misuse Service',
  'domestic-abuse': 'Domestic Abuse Service',
  family: 'Family',
};

/** Known agencies by their usual names; any other id reads as its words ("youth-offending" → "Youth Offending"). */
export function agencyLabel(agency: Agency): string {
  return AGENCY_LABEL[agency] ?? agency.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** "A child protection plan" / "No child protection plan: Child in Need plan". */
export function outcomeLabel(choice: Choice, recommendation?: NoPlanRecommendation): string {
  return recommendation ? `${CHOICE_LABEL[choice]}: ${RECOMMENDATION_LABEL[recommendation]}` : CHOICE_LABEL[choice];
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2025-03-04` → `Tue 4 Mar 2025`. Pure arithmetic on the date: no time zone can shift it. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[weekday]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** `2025-03-04T10:00` → `Tue 4 Mar 2025, 10:00` (the area's wall clock). */
export function formatDateTime(local: string): string {
  return `${formatDate(local)}, ${local.slice(11, 16)}`;
}

/** Choices for an Input.ChoiceSet from a label table, in the table's order. */
export function choicesOf<K extends string>(labels: Record<K, string>, only?: readonly K[]): { title: string; value: K }[] {
  const keys = only ?? (Object.keys(labels) as K[]);
  return keys.map((value) => ({ title: labels[value], value }));
}

/** Everything with a due date that `my reviews`, `overdue` and reminders list. */
export const DUE_LABEL: Record<DueKind, string> = {
  conference: 'Conference',
  report: 'Report for the conference',
  'first-review': 'First review conference',
  'later-review': 'Review conference',
  'reconvene-deferred': 'Reconvene the deferred conference (within 3 months)',
  'reconvene-stood-down': 'Reconvene the stood-down conference (as soon as possible)',
  'decision-circulated': 'Circulate the decision',
  minutes: 'Minutes completed and sent',
  'minute-amendments': 'Amendments to the minutes back to the chair',
  'first-core-group': 'First core group meeting',
  'core-group': 'Core group meeting',
  'split-referral': 'Refer the split decision to the Head of Service',
  'split-panel': 'Appeals and Split Decisions Panel',
  'cin-review': 'Child in Need plan review',
  'receiving-conference': "Receiving area's conference (permanent move)",
};

/** An item's label: a scheduled conference is named by its kind ("First review conference"). */
export function dueLabel(what: DueKind, conferenceKind?: ConferenceKind): string {
  return what === 'conference' && conferenceKind ? KIND_LABEL[conferenceKind] : DUE_LABEL[what];
}
