// One pattern for every card: parse the view model with zod (unknown fields are dropped, so a
// group-chat card cannot receive a full name), mark people's text, add display words, fill the template.
import { z } from 'zod';
import { CardFillError, fillCard, type AdaptiveCard } from './fill.js';
import { markPeopleText } from './text.js';

export function defineCard<S extends z.ZodType<object>>(
  schema: S,
  template: object,
  present: (view: z.output<S>) => object = (view) => view,
): (view: z.input<S>) => AdaptiveCard {
  return (view) => {
    const parsed = schema.safeParse(view);
    // A view the schema refuses is a bug in the caller: say where, in one error type.
    if (!parsed.success) throw new CardFillError(`card view model is invalid:\n${z.prettifyError(parsed.error)}`);
    // Everything in the view came from people, Teams or the store: marked as text before the
    // card's own words are added, escaped where the card renders markdown (text.ts).
    return fillCard(template, present(markPeopleText(parsed.data)));
  };
}
