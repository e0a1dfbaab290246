import { z } from 'zod';
import { ConferenceKind } from '../src/rules/types.js';
import { Child, LocalDateTime, Procedures } from './common.js';
import { defineCard } from './define.js';
import { KIND_LABEL, policyLabelOf, formatDateTime } from './labels.js';
import { childLine } from './present.js';
import template from './templates/agenda.json' with { type: 'json' };

/** Posted in the conference chat at the start; the items come from the local policy. */
export const AgendaView = z.object({
  child: Child,
  kind: ConferenceKind,
  ...Procedures,
  /** The policy's source for its agenda. */
  source: z.string().trim().min(1).max(500).optional(),
  startsAt: LocalDateTime,
  items: z.array(z.string().trim().min(1).max(300)).min(1).max(30),
});
export type AgendaView = z.input<typeof AgendaView>;

export const agendaCard = defineCard(AgendaView, template, (v) => ({
  childText: childLine(v.child),
  kindLabel: KIND_LABEL[v.kind],
  whenText: formatDateTime(v.startsAt),
  policyLabel: policyLabelOf(v),
  source: v.source ?? '',
  items: v.items.map((text, i) => ({ n: i + 1, text })),
}));
