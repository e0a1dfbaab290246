import { z } from 'zod';
import { Agency, ConferenceKind, IsoDate, PolicyId, Role } from '../src/rules/types.js';
import { PolicyKey } from '../src/rules/policy-schema.js';
import { INVITEE_ROWS } from './actions.js';
import { defineCard } from './define.js';
import { KIND_LABEL, POLICY_LABEL, TRIGGER_LABEL, agencyLabel, choicesOf, formatDate } from './labels.js';
import template from './templates/schedule-form.json' with { type: 'json' };

const InviteeRole = Role.exclude(['chair']);
/** Short role names: the drop-down repeats on every row, and the card must stay under 28 KB. */
const SHORT_ROLE: Record<z.infer<typeof InviteeRole>, string> = {
  professional: 'Professional',
  family: 'Family',
  advocate: 'Advocate',
  supporter: 'Supporter',
  'support-staff': 'Support staff',
};

/** Rows shown at first and added by "More rows": a short form that grows as needed. */
export const FIRST_ROWS = 3;
export const MORE_ROWS = 3;
/** Rows the form shows at most: each row repeats the agency list, and a card must stay under 28 KB. */
export const FORM_ROWS = 8;

/** What the person typed, as typed: a refused value comes back for them to mend, never emptied. */
const Typed = z.string().max(8000);
export const FormValues = z.record(z.string(), Typed);
export type FormValues = z.infer<typeof FormValues>;

/**
 * The scheduling form (1:1 only). The basics first (case, child, kind and trigger date, date and
 * time, where, procedures, chair), the statutory due date as soon as kind and trigger date are
 * known ("Check dates"), then invitees a few rows at a time or pasted as lines. Every refusal
 * sends it back with every value kept and each message beside its field (`errors`).
 */
export const ScheduleFormView = z.object({
  /** The procedures offered: the deployment's policies (default: the four built-ins). */
  policies: z
    .array(z.object({ id: PolicyKey, label: z.string().trim().min(1).max(200) }))
    .min(1)
    .default(PolicyId.options.map((id) => ({ id, label: POLICY_LABEL[id] }))),
  /** The agencies offered in each row's drop-down, in this order (16 at most keeps the card under 28 KB). */
  agencies: z.array(Agency).min(1).max(16),
  /** Problems that belong to no single field, shown at the top. */
  problems: z.array(z.string().trim().min(1).max(2000)).default([]),
  /** The message for each input, by its id, shown beside it. */
  errors: z.record(z.string(), z.string().trim().min(1).max(2000)).default({}),
  /** The statutory last date for the kind and trigger date typed, once the rules worked it out. */
  dueDate: IsoDate.optional(),
  /** The rule behind the due date, e.g. "within 15 working days of the strategy discussion". */
  dueRule: z.string().max(300).optional(),
  /** Words under the heading, e.g. "Booking the review of CP/2026/17, prefilled from its last conference." */
  intro: z.string().trim().min(1).max(500).optional(),
  /** Invitee rows shown (more rows are shown when prefilled rows need them). */
  shownRows: z.number().int().min(1).max(FORM_ROWS).default(FIRST_ROWS),
  values: FormValues.default({}),
  /** Some invitees cannot be reached in Teams: offer to go ahead, the Unit inviting them by other means. */
  offerInviteByUnit: z.boolean().default(false),
});
export type ScheduleFormView = z.input<typeof ScheduleFormView>;

const filledRows = (values: FormValues) => {
  let last = 0;
  for (let n = 1; n <= FORM_ROWS; n++) {
    if (['Name', 'Contact', 'Agency'].some((k) => (values[`invitee${n}${k}`] ?? '').trim() !== '')) last = n;
  }
  return last;
};

/**
 * Rows past FORM_ROWS (a payload may carry up to INVITEE_ROWS) come back as pasted lines, and
 * their messages with the lines' message: nothing typed is lost.
 */
function foldExtraRows(values: FormValues, errors: Record<string, string>): { values: FormValues; errors: Record<string, string> } {
  const lines: string[] = [];
  const said: string[] = [];
  const v = { ...values };
  const e = { ...errors };
  for (let n = FORM_ROWS + 1; n <= INVITEE_ROWS; n++) {
    const parts = ['Name', 'Contact', 'Agency', 'Role'].map((k) => (v[`invitee${n}${k}`] ?? '').trim());
    if (parts.slice(0, 3).some(Boolean)) lines.push([...parts, v[`invitee${n}Direct`] === 'true' ? 'direct' : 'not direct'].join(', '));
    for (const k of ['Name', 'Contact', 'Agency', 'Role', 'Direct']) {
      delete v[`invitee${n}${k}`];
      if (e[`invitee${n}${k}`]) said.push(e[`invitee${n}${k}`]!);
      delete e[`invitee${n}${k}`];
    }
  }
  if (lines.length) v.inviteeLines = [v.inviteeLines?.trim(), ...lines].filter(Boolean).join('\n');
  if (said.length) e.inviteeLines = [e.inviteeLines, ...said].filter(Boolean).join('; ');
  return { values: v, errors: e };
}

export const scheduleFormCard = defineCard(ScheduleFormView, template, (view) => {
  const v = { ...view, ...foldExtraRows(view.values, view.errors) };
  const val = (k: string) => v.values[k] ?? '';
  const err = (k: string) => v.errors[k];
  const kind = ConferenceKind.safeParse(val('kind')).data;
  const shown = Math.min(FORM_ROWS, Math.max(v.shownRows, filledRows(v.values), ...Object.keys(v.errors).map((k) => Number(/^invitee(\d+)/.exec(k)?.[1] ?? 0))));
  const rows = Array.from({ length: shown }, (_, i) => {
    const n = i + 1;
    const rowErrors = ['Name', 'Contact', 'Agency', 'Role'].map((k) => err(`invitee${n}${k}`)).filter(Boolean);
    return {
      n,
      name: val(`invitee${n}Name`),
      contact: val(`invitee${n}Contact`),
      agency: val(`invitee${n}Agency`),
      role: val(`invitee${n}Role`) || 'professional',
      direct: val(`invitee${n}Direct`) === 'true' ? 'true' : 'false',
      error: rowErrors.length ? `Row ${n}: ${rowErrors.join('; ')}` : undefined,
    };
  });
  const fieldErrors = Object.fromEntries(
    ['caseRef', 'childInitials', 'childFullName', 'kind', 'triggerDate', 'date', 'time', 'location', 'policy', 'chairName', 'chairContact', 'lateReason', 'expectedDeliveryDate', 'inviteeLines']
      .filter((k) => err(k))
      .map((k) => [`${k}Error`, err(k)]),
  );
  const count = Object.keys(v.errors).length + v.problems.length;
  return {
    intro: v.intro,
    problems: v.problems,
    problemsHeading: count > 0 ? (Object.keys(v.errors).length > 0 ? 'Nothing was scheduled. Please check the fields marked below.' : 'Nothing was scheduled. Please check:') : undefined,
    dueText: v.dueDate && `Statutory due date: ${formatDate(v.dueDate)}${v.dueRule ? ` (${v.dueRule})` : ''}. A later date needs a recorded reason.`,
    caseRef: val('caseRef'),
    childInitials: val('childInitials'),
    childFullName: val('childFullName'),
    lookedAfter: val('lookedAfter') === 'true' ? 'true' : 'false',
    kind: val('kind'),
    kindChoices: choicesOf(KIND_LABEL),
    showDeliveryDate: !kind || kind === 'pre-birth',
    kindTrigger: kind && TRIGGER_LABEL[kind],
    triggerLabel: kind ? TRIGGER_LABEL[kind] : 'Trigger date (what it is for each kind is listed below)',
    triggerHelp: ConferenceKind.options.map((k) => ({ title: KIND_LABEL[k], value: TRIGGER_LABEL[k] })),
    triggerDate: val('triggerDate'),
    date: val('date'),
    time: val('time'),
    location: val('location'),
    policy: val('policy') || (v.policies.length === 1 ? v.policies[0]!.id : ''),
    policyChoices: v.policies.map((x) => ({ title: x.label, value: x.id })),
    lateReason: val('lateReason'),
    expectedDeliveryDate: val('expectedDeliveryDate'),
    chairName: val('chairName'),
    chairContact: val('chairContact'),
    inviteeLines: val('inviteeLines'),
    agencyChoices: v.agencies.map((a) => ({ title: agencyLabel(a), value: a })),
    roleChoices: InviteeRole.options.map((value) => ({ title: SHORT_ROLE[value], value })),
    rows,
    shownRows: shown,
    canAddRows: shown < FORM_ROWS,
    moreRows: Math.min(FORM_ROWS, shown + MORE_ROWS),
    offerInviteByUnit: v.offerInviteByUnit,
    ...fieldErrors,
  };
});
