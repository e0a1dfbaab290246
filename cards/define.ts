// One pattern for every card: parse the view model with zod (unknown fields are dropped, so a
// group-chat card cannot receive a full name), add display words, fill the template.
import type { z } from 'zod';
import { fillCard, type AdaptiveCard } from './fill.js';

export function defineCard<S extends z.ZodType<object>>(
  schema: S,
  template: object,
  present: (view: z.output<S>) => object = (view) => view,
): (view: z.input<S>) => AdaptiveCard {
  return (view) => fillCard(template, present(schema.parse(view)));
}
