// Finding a card's buttons the way a person does: by their title, wherever they sit
// (card actions, ActionSets, inside containers, columns or Action.ShowCard cards).
export interface CardAction {
  type: string;
  title?: string;
  id?: string;
  verb?: string;
  data?: unknown;
  /** `Action.Execute`'s fallback for clients without Universal Actions (an Action.Submit). */
  fallback?: CardAction | 'drop';
  [key: string]: unknown;
}

/** Every action on the card, depth first, in document order. */
export function actionsOf(card: unknown): CardAction[] {
  const found: CardAction[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (typeof obj.type === 'string' && obj.type.startsWith('Action.')) found.push(obj as CardAction);
    for (const [key, value] of Object.entries(obj)) {
      if (key === 'fallback' || key === 'data') continue; // a fallback is the same button, not another
      walk(value);
    }
  };
  walk(card);
  return found;
}

export function findAction(card: unknown, title: string): CardAction | undefined {
  return actionsOf(card).find((a) => a.title === title);
}

/** The titles of all buttons, e.g. for an error message listing what was there. */
export function buttonTitles(card: unknown): string[] {
  return actionsOf(card)
    .map((a) => a.title)
    .filter((t): t is string => typeof t === 'string');
}
