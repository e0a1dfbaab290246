// One pattern for every card: parse the view model with zod (unknown fields are dropped, so a
// group-chat card cannot receive a full name), add display words, fill the template.
import { z } from 'zod';
import { CardFillError, fillCard, type AdaptiveCard } from './fill.js';

export function defineCard<S extends z.ZodType<object>>(
  schema: S,
  template: object,
  present: (view: z.output<S>) => object = (view) => view,
): (view: z.input<S>) => AdaptiveCard {
  return (view) => {
    const parsed = schema.safeParse(view);
    // A view the schema refuses is a bug in the caller: say where, in one error type.
    if (!parsed.success) throw new CardFillError(`card view model is invalid:\n${z.prettifyError(parsed.error)}`);
    return fillCard(template, present(parsed.data));
  };
}
