import { z } from 'zod';
import { IsoDate, PersonName } from '../src/rules/types.js';
import { NamedChild, Occasion, Person, Procedures } from './common.js';
import { defineCard } from './define.js';
import { KIND_LABEL, policyLabelOf, TRIGGER_LABEL, formatDate, formatDateTime } from './labels.js';
import { labelled, namedChildLine } from './present.js';
import template from './templates/schedule-confirmation.json' with { type: 'json' };

/** 1:1 to whoever scheduled: the due date from the rules, the warnings, who was invited. */
export const ScheduleConfirmationView = z.object({
  ...Occasion,
  child: NamedChild,
  triggerDate: IsoDate,
  /** Absent for an urgent reconvene: as soon as possible, no fixed days. */
  dueDate: IsoDate.optional(),
  lateReason: z.string().trim().min(1).max(2000).optional(),
  expectedDeliveryDate: IsoDate.optional(),
  lookedAfter: z.boolean().default(false),
  ...Procedures,
  chair: PersonName,
  invitees: z.array(Person.extend({ directContact: z.boolean() })),
  /** E.g. the pre-birth warning: the first review would fall before the expected delivery date. */
  warnings: z.array(z.string().trim().min(1).max(500)).default([]),
});
export type ScheduleConfirmationView = z.input<typeof ScheduleConfirmationView>;

export const scheduleConfirmationCard = defineCard(ScheduleConfirmationView, template, (v) => ({
  ...v,
  childText: namedChildLine(v.child),
  kindLabel: KIND_LABEL[v.kind],
  whenText: formatDateTime(v.startsAt),
  triggerLabel: TRIGGER_LABEL[v.kind].replace(/^Date of /, '').replace(/^./, (c) => c.toUpperCase()),
  triggerText: formatDate(v.triggerDate),
  dueText: v.dueDate ? formatDate(v.dueDate) : 'As soon as possible',
  policyLabel: policyLabelOf(v),
  deliveryText: v.expectedDeliveryDate && formatDate(v.expectedDeliveryDate),
  sentText: `Invitations sent 1:1 to ${v.invitees.length} ${v.invitees.length === 1 ? 'person' : 'people'}:`,
  invitees: v.invitees.map((p) => ({ ...labelled(p), directText: p.directContact ? ', direct contact' : '' })),
}));
