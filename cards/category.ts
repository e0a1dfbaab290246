import { z } from 'zod';
import { Agency, PersonName } from '../src/rules/types.js';
import { Child, Id, RefreshUserIds } from './common.js';
import { Categories, categoriesText } from './decision.js';
import { defineCard } from './define.js';
import { CATEGORY_LABEL, agencyLabel, choicesOf } from './labels.js';
import { childLine } from './present.js';
import template from './templates/category.json' with { type: 'json' };


/** Members propose; the chair records the category (and decides the primary when they disagree). */
export const CategoryView = z.object({
  conferenceId: Id,
  child: Child,
  /** The policy allows more than one category (London). */
  allowMultiple: z.boolean().default(false),
  /** The policy's source for the category rule, shown where it applies. */
  source: z.string().trim().min(1).max(500).optional(),
  proposals: z.array(Categories.extend({ name: PersonName, agency: Agency })).default([]),
  decided: Categories.optional(),
  viewer: z.enum(['everyone', 'member', 'chair']).default('everyone'),
  refreshUserIds: RefreshUserIds,
});
export type CategoryView = z.input<typeof CategoryView>;

export const categoryCard = defineCard(CategoryView, template, (v) => {
  const primaries = new Set(v.proposals.map((p) => p.primary));
  const open = !v.decided;
  return {
    conferenceId: v.conferenceId,
    refreshUserIds: v.refreshUserIds,
    allowMultiple: v.allowMultiple,
    source: v.source ?? '',
    childText: childLine(v.child),
    decidedText: v.decided && `Recorded: ${categoriesText(v.decided)}`,
    ruleText: v.allowMultiple
      ? 'Choose the primary category; more than one may be recorded. If members disagree, the chair decides the primary.'
      : 'Choose one category. If members disagree, the chair decides.',
    agreementText:
      v.proposals.length === 0
        ? 'No proposals yet.'
        : v.proposals.length === 1
          ? 'One proposal so far.'
          : primaries.size === 1
            ? 'All proposals agree on the primary category.'
            : 'Proposals differ: the chair decides the primary category.',
    proposals: v.proposals.map((p) => ({ name: p.name, agencyLabel: agencyLabel(p.agency), categoryText: categoriesText(p) })),
    categoryChoices: choicesOf(CATEGORY_LABEL),
    showInputs: open,
    showPropose: open && v.viewer !== 'chair',
    showDecide: open && v.viewer !== 'member',
    chairSuffix: v.viewer === 'everyone' ? ' (chair)' : '',
  };
});
