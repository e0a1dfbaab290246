import { z } from 'zod';
import { COMMANDS } from './commands.js';
import { defineCard } from './define.js';
import template from './templates/help.json' with { type: 'json' };

export const HelpView = z.object({
  /** Admins may schedule; others do not get the button. */
  canSchedule: z.boolean().default(false),
  /** E.g. `I didn't understand "foo".` for unknown text. */
  note: z.string().trim().min(1).max(300).optional(),
});
export type HelpView = z.input<typeof HelpView>;

export const helpCard = defineCard(HelpView, template, (v) => ({ ...v, commands: COMMANDS }));
