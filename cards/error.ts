import { z } from 'zod';
import { defineCard } from './define.js';
import template from './templates/error.json' with { type: 'json' };

/** A clear message of what was wrong; nothing changed. */
export const ErrorView = z.object({
  title: z.string().trim().min(1).max(120).default("That didn't work"),
  message: z.string().trim().min(1).max(1000),
  /** One line per problem, e.g. from `parseCardAction(...).problems`. */
  problems: z.array(z.string().min(1).max(500)).max(30).default([]),
  /** What to do next, e.g. "Ask the chair for a new card." */
  hint: z.string().trim().min(1).max(500).optional(),
});
export type ErrorView = z.input<typeof ErrorView>;

export const errorCard = defineCard(ErrorView, template);
