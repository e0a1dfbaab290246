// Due items: the shape `my reviews`, `overdue`, `next review` and reminders share.
import { z } from 'zod';

/** The one vocabulary of due kinds, as the rules define it: cards label it, never rename it. */
export { DueKind } from '../src/rules/due-kinds.js';

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
