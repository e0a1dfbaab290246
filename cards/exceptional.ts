import { z } from 'zod';
import { Child, Id } from './common.js';
import { defineCard } from './define.js';
import { childLine } from './present.js';
import template from './templates/exceptional.json' with { type: 'json' };

/**
 * Exceptional circumstances (Bolton procedures): a decision that needs them stands only once the
 * chair records why. Posted in the conference chat; the reason itself is shown to the chair alone.
 */
export const ExceptionalView = z.object({
  conferenceId: Id,
  child: Child,
  /** Which decision needs them, in words. */
  why: z.string().trim().min(1).max(300),
  /** Once recorded: who recorded them, and the reason for the chair's own view only. */
  recorded: z.object({ by: z.string().trim().min(1).max(200), reason: z.string().trim().min(1).max(2000).optional() }).optional(),
});
export type ExceptionalView = z.input<typeof ExceptionalView>;

export const exceptionalCard = defineCard(ExceptionalView, template, (v) => ({
  title: v.recorded ? 'Exceptional circumstances recorded' : 'Record the exceptional circumstances',
  conferenceId: v.conferenceId,
  caseRef: v.child.caseRef,
  childText: childLine(v.child),
  whyText: v.why,
  recorded: v.recorded !== undefined,
  recordedBy: v.recorded?.by ?? '',
  reasonText: v.recorded?.reason ? `The exceptional circumstances: ${v.recorded.reason}` : undefined,
}));
