import { z } from 'zod';
import { ConferenceKind, IsoDate } from '../src/rules/types.js';
import { Child, Id, LocalDateTime } from './common.js';
import { defineCard } from './define.js';
import { KIND_LABEL, formatDate, formatDateTime } from './labels.js';
import { childLine } from './present.js';
import template from './templates/next-review.json' with { type: 'json' };

/** `next review <case ref>`: may be asked in a group chat, so initials only. */
export const NextReviewView = z.object({
  child: Child,
  today: IsoDate,
  planSince: IsoDate.optional(),
  /** Absent when no review is due (no plan, or the plan ended). */
  next: z.object({ kind: ConferenceKind, due: IsoDate, scheduledFor: LocalDateTime.optional() }).optional(),
  last: z.object({ conferenceId: Id, kind: ConferenceKind, heldOn: IsoDate }).optional(),
  /** The viewer may schedule (the Child Protection Unit): offer to book the review. */
  canBook: z.boolean().default(false),
});
export type NextReviewView = z.input<typeof NextReviewView>;

export const nextReviewCard = defineCard(NextReviewView, template, (v) => {
  const late = v.next !== undefined && v.next.due < v.today;
  return {
    childText: childLine(v.child),
    headline: v.next ? `Due by ${formatDate(v.next.due)}${late ? ' — OVERDUE' : ''}` : 'No review is due: the child is not on a plan.',
    style: !v.next ? 'default' : late ? 'attention' : 'good',
    nextKindText: v.next && KIND_LABEL[v.next.kind],
    scheduledText: v.next ? (v.next.scheduledFor ? formatDateTime(v.next.scheduledFor) : 'not yet scheduled') : undefined,
    lastText: v.last && `${KIND_LABEL[v.last.kind]}, ${formatDate(v.last.heldOn)}`,
    lastConferenceId: v.last?.conferenceId,
    planSinceText: v.planSince && formatDate(v.planSince),
    caseRef: v.child.caseRef,
    bookable: v.canBook && v.next !== undefined && !v.next.scheduledFor,
  };
});
