import { z } from 'zod';
import { ConferenceKind, PersonName, Rsvp } from '../src/rules/types.js';
import { Id, LocalDateTime, NamedChild, Person, Procedures } from './common.js';
import { defineCard } from './define.js';
import { KIND_LABEL, policyLabelOf, RSVP_LABEL, formatDateTime } from './labels.js';
import { labelled, namedChildLine } from './present.js';
import template from './templates/invitation.json' with { type: 'json' };

/** Sent 1:1 to one invitee, so it may name the child in full. */
export const InvitationView = z.object({
  conferenceId: Id,
  child: NamedChild,
  kind: ConferenceKind,
  startsAt: LocalDateTime,
  location: z.string().trim().min(1).max(500).optional(),
  chair: PersonName,
  ...Procedures,
  invitedAs: Person,
  /** From the policy: e.g. { what: 'Send your report to the chair', by: 24 hours before }. */
  reportDeadline: z.object({ what: z.string().trim().min(1).max(200), by: LocalDateTime }),
  answer: z.object({ rsvp: Rsvp, deputyName: PersonName.optional() }).optional(),
  /** False once the conference has started: the answer can no longer change. */
  open: z.boolean().default(true),
});
export type InvitationView = z.input<typeof InvitationView>;

export const invitationCard = defineCard(InvitationView, template, (v) => ({
  ...v,
  childText: namedChildLine(v.child),
  kindLabel: KIND_LABEL[v.kind],
  policyLabel: policyLabelOf(v),
  whenText: formatDateTime(v.startsAt),
  reportByText: formatDateTime(v.reportDeadline.by),
  invitedAs: labelled(v.invitedAs),
  answerText: v.answer && (v.answer.rsvp === 'deputy' && v.answer.deputyName ? `${RSVP_LABEL.deputy}: ${v.answer.deputyName}` : RSVP_LABEL[v.answer.rsvp]),
  deputyName: v.answer?.deputyName ?? '',
}));
