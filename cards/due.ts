// Due items: the shape `my reviews`, `overdue`, `next review` and reminders share.
import { z } from 'zod';
import { TimescaleId } from '../src/rules/types.js';

/** The rules' timescales, plus the report deadline, later core groups and an urgent reconvene. */
export const DueKind = z.enum([...TimescaleId.options, 'report', 'core-group', 'reconvene']);
export type DueKind = z.infer<typeof DueKind>;

/** How the person is involved, shown beside each item. */
export const Involvement = z.enum(['chair', 'invitee', 'core-group', 'lead-professional', 'admin']);
export type Involvement = z.infer<typeof Involvement>;

export const INVOLVEMENT_LABEL: Record<Involvement, string> = {
  chair: 'you chair',
  invitee: 'you are invited',
  'core-group': 'core group',
  'lead-professional': 'you are lead professional',
  admin: 'admin',
};
