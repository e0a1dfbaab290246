import { z } from 'zod';
import { Agency, ConferenceKind, IsoDate, PersonName, PolicyId, Role } from '../src/rules/types.js';
import { PolicyKey } from '../src/rules/policy-schema.js';
import { INVITEE_ROWS } from './actions.js';
import { Initials, CaseRef } from './common.js';
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

/**
 * The scheduling form (1:1 to an admin). Invitees are fixed rows (name, email, agency and role
 * drop-downs, direct-contact toggle): choosing from lists is less error-prone than typing
 * "name; agency; role" lines. Re-sent prefilled, with `problems`, when a submission is refused.
 */
export const ScheduleFormView = z.object({
  /** The procedures offered: the deployment's policies (default: the four built-ins). */
  policies: z
    .array(z.object({ id: PolicyKey, label: z.string().trim().min(1).max(200) }))
    .min(1)
    .default(PolicyId.options.map((id) => ({ id, label: POLICY_LABEL[id] }))),
  /** The agencies offered in each row's drop-down, in this order (16 at most keeps the card under 28 KB). */
  agencies: z.array(Agency).min(1).max(16),
  problems: z.array(z.string().trim().min(1).max(500)).default([]),
  /** The statutory last date for the prefilled kind and trigger date, once the rules worked it out. */
  dueDate: IsoDate.optional(),
  prefill: z
    .object({
      caseRef: CaseRef,
      childInitials: Initials,
      childFullName: PersonName,
      kind: ConferenceKind,
      triggerDate: IsoDate,
      date: IsoDate,
      time: z.string().regex(/^\d{2}:\d{2}$/),
      location: z.string().max(200),
      policy: PolicyKey,
      chairName: PersonName,
      chairContact: z.string().max(200),
      lateReason: z.string().max(2000),
      expectedDeliveryDate: IsoDate,
      lookedAfter: z.boolean(),
      invitees: z
        .array(z.object({ name: PersonName, contact: z.string().max(200), agency: Agency, role: InviteeRole, directContact: z.boolean() }))
        .max(INVITEE_ROWS),
    })
    .partial()
    .default({}),
});
export type ScheduleFormView = z.input<typeof ScheduleFormView>;

export const scheduleFormCard = defineCard(ScheduleFormView, template, (v) => {
  const p = v.prefill;
  const rows = Array.from({ length: INVITEE_ROWS }, (_, i) => {
    const r = p.invitees?.[i];
    return { n: i + 1, name: r?.name ?? '', contact: r?.contact ?? '', agency: r?.agency ?? '', role: r?.role ?? 'professional', direct: String(r?.directContact ?? false) };
  });
  return {
    problems: v.problems,
    dueText: v.dueDate && `Statutory due date: ${formatDate(v.dueDate)}. A later date needs a recorded reason.`,
    caseRef: p.caseRef ?? '',
    childInitials: p.childInitials ?? '',
    childFullName: p.childFullName ?? '',
    lookedAfter: String(p.lookedAfter ?? false),
    kind: p.kind ?? '',
    kindChoices: choicesOf(KIND_LABEL),
    kindTrigger: p.kind && TRIGGER_LABEL[p.kind],
    triggerLabel: p.kind ? TRIGGER_LABEL[p.kind] : 'Trigger date (what it is for each kind is listed below)',
    triggerHelp: ConferenceKind.options.map((k) => ({ title: KIND_LABEL[k], value: TRIGGER_LABEL[k] })),
    triggerDate: p.triggerDate ?? '',
    date: p.date ?? '',
    time: p.time ?? '',
    location: p.location ?? '',
    policy: p.policy ?? (v.policies.length === 1 ? v.policies[0]!.id : ''),
    policyChoices: v.policies.map((x) => ({ title: x.label, value: x.id })),
    lateReason: p.lateReason ?? '',
    expectedDeliveryDate: p.expectedDeliveryDate ?? '',
    chairName: p.chairName ?? '',
    chairContact: p.chairContact ?? '',
    agencyChoices: v.agencies.map((a) => ({ title: agencyLabel(a), value: a })),
    roleChoices: InviteeRole.options.map((value) => ({ title: SHORT_ROLE[value], value })),
    rows,
  };
});
