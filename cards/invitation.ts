import { z } from 'zod';
import { IsoDate, PersonName, Rsvp } from '../src/rules/types.js';
import { LocalDateTime, NamedChild, Occasion, Person, Procedures } from './common.js';
import { defineCard } from './define.js';
import { KIND_LABEL, policyLabelOf, RSVP_LABEL, formatDate, formatDateTime } from './labels.js';
import { labelled, namedChildLine } from './present.js';
import template from './templates/invitation.json' with { type: 'json' };

/** Sent 1:1 to one invitee, so it may name the child in full. */
export const InvitationView = z.object({
  ...Occasion,
  child: NamedChild,
  chair: PersonName,
  ...Procedures,
  invitedAs: Person,
  /** From the policy: e.g. { what: 'Send your report to the chair', by: 24 hours before }. */
  reportDeadline: z.object({
    what: z.string().trim().min(1).max(200),
    by: LocalDateTime,
    /** Already past when the invitation was sent (or re-sent): reports as soon as possible. */
    passed: z.boolean().default(false),
  }),
  answer: z.object({ rsvp: Rsvp, deputyName: PersonName.optional() }).optional(),
  /** False once the conference has started: the answer can no longer change. */
  open: z.boolean().default(true),
  /** What became of the conference: its buttons give way to this. */
  outcome: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('held'), on: IsoDate }),
      z.object({ kind: z.literal('cancelled'), reason: z.string().trim().min(1).max(2000) }),
      z.object({ kind: z.literal('withdrawn') }),
    ])
    .optional(),
  /** A change the invitee should notice, e.g. "The date has changed: it was Mon 7 Dec 2026, 10:00." */
  change: z.string().trim().min(1).max(500).optional(),
});
export type InvitationView = z.input<typeof InvitationView>;

/** How an invitation is worded for each role: only agencies send reports or a briefed deputy. */
function wording(role: string) {
  if (role === 'family') return { family: true, asksReport: false, deputy: false };
  if (role === 'professional') return { family: false, asksReport: true, deputy: true };
  return { family: false, asksReport: false, deputy: false };
}

function outcomeText(o: NonNullable<z.output<typeof InvitationView>['outcome']>): string {
  switch (o.kind) {
    case 'held':
      return `The conference was held on ${formatDate(o.on)}. Answers are closed.`;
    case 'cancelled':
      return `The conference has been cancelled. Reason: ${o.reason}`;
    case 'withdrawn':
      return 'You are no longer invited to this conference. If you think this is a mistake, please contact the chair.';
  }
}

export const invitationCard = defineCard(InvitationView, template, (v) => ({
  ...v,
  ...wording(v.invitedAs.role),
  open: v.open && !v.outcome,
  outcomeText: v.outcome && outcomeText(v.outcome),
  cancelled: v.outcome?.kind === 'cancelled' || v.outcome?.kind === 'withdrawn',
  childText: namedChildLine(v.child),
  kindLabel: KIND_LABEL[v.kind],
  policyLabel: policyLabelOf(v),
  whenText: formatDateTime(v.startsAt),
  reportByText: formatDateTime(v.reportDeadline.by),
  invitedAs: labelled(v.invitedAs),
  answerText: v.answer && (v.answer.rsvp === 'deputy' && v.answer.deputyName ? `${RSVP_LABEL.deputy}: ${v.answer.deputyName}` : RSVP_LABEL[v.answer.rsvp]),
  deputyName: v.answer?.deputyName ?? '',
}));
