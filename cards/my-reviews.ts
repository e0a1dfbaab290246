import { z } from 'zod';
import { ConferenceKind, IsoDate } from '../src/rules/types.js';
import { Child } from './common.js';
import { defineCard } from './define.js';
import { DatedDuty } from './duty-done.js';
import { DueKind, INVOLVEMENT_LABEL, Involvement } from './due.js';
import { dueLabel, formatDate } from './labels.js';
import template from './templates/my-reviews.json' with { type: 'json' };

export const DueItem = z.object({ child: Child, what: DueKind, conferenceKind: ConferenceKind.optional(), due: IsoDate, involvement: Involvement });

/** Duties the chair marks done from the list (RULES.md, Other timescales): the button's words. */
export const MARK_DONE: Partial<Record<DueKind, string>> = {
  minutes: 'Mark the minutes sent',
  'minute-amendments': 'Close the amendments window',
  'split-referral': 'Record the referral',
  'split-panel': 'Record the panel hearing',
};
export type DueItem = z.infer<typeof DueItem>;

/** `my reviews` and `overdue`: due items soonest first, overdue marked. The function sorts. */
export const MyReviewsView = z.object({
  list: z.enum(['my-reviews', 'overdue']).default('my-reviews'),
  today: IsoDate,
  items: z.array(DueItem),
  /** The viewer may schedule (the Child Protection Unit, or the chair of the case): offer to book each review due. */
  canBook: z.boolean().default(false),
});
export type MyReviewsView = z.input<typeof MyReviewsView>;

/** Enough for a screen; the card stays far below 28 KB. */
const SHOWN = 40;

export const myReviewsCard = defineCard(MyReviewsView, template, (v) => {
  const sorted = [...v.items].sort((a, b) => a.due.localeCompare(b.due) || a.child.caseRef.localeCompare(b.child.caseRef));
  const overdue = sorted.filter((i) => i.due < v.today).length;
  const overdueList = v.list === 'overdue';
  return {
    title: overdueList ? 'Overdue' : 'My reviews',
    summaryText:
      sorted.length === 0
        ? overdueList ? 'Nothing is overdue.' : 'Nothing is due for you.'
        : `${sorted.length} ${sorted.length === 1 ? 'item' : 'items'}, soonest first${overdue > 0 ? `; ${overdue} overdue` : ''}. Today is ${formatDate(v.today)}.`,
    items: sorted.slice(0, SHOWN).map((i) => {
      const late = i.due < v.today;
      return {
        caseRef: i.child.caseRef,
        initials: i.child.initials,
        dueText: formatDate(i.due),
        overdueText: late ? ' · OVERDUE' : '',
        color: late ? 'Attention' : 'Default',
        style: late ? 'attention' : 'default',
        whatText: dueLabel(i.what, i.conferenceKind),
        involvementText: INVOLVEMENT_LABEL[i.involvement],
        kind: i.what,
        markable: i.involvement === 'chair' && MARK_DONE[i.what] !== undefined,
        markTitle: MARK_DONE[i.what] ?? '',
        // A duty whose date sets what follows opens a form for the date; closing the amendments window is one click.
        markVerb: DatedDuty.safeParse(i.what).success ? 'openMarkDone' : 'markDone',
        // Listed for the core group's own members, who record its meetings.
        recordable: i.what === 'core-group' || i.what === 'first-core-group',
        // After a permanent move the case's chair records the receiving area's conference, which ends the plan here.
        receivable: i.what === 'receiving-conference' && i.involvement === 'chair',
        bookable: v.canBook && (i.what === 'first-review' || i.what === 'later-review'),
      };
    }),
    more: Math.max(0, sorted.length - SHOWN),
    showOverdueButton: !overdueList && overdue > 0,
    showAllButton: overdueList,
  };
});
