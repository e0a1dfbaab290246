import { z } from 'zod';
import { Agency, Choice, NoPlanRecommendation, PersonName } from '../src/rules/types.js';
import { Child, Id, RefreshUserIds } from './common.js';
import { Counts, QUESTION_TEXT, Question, tallyRows } from './decision.js';
import { defineCard } from './define.js';
import { agencyLabel, outcomeLabel } from './labels.js';
import { childLine } from './present.js';
import template from './templates/vote.json' with { type: 'json' };


/**
 * Who is looking. `everyone` is the card posted in the chat, seen by clients that do not
 * refresh (Teams mobile, the Agents Playground): it has the voting and the chair's buttons,
 * and the bot checks who clicked. The other views come back from the `refresh` invoke.
 */
export const VoteViewer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('everyone') }),
  z.object({
    kind: z.literal('voter'),
    name: PersonName,
    agency: Agency,
    current: z.object({ choice: Choice, recommendation: NoPlanRecommendation.optional(), reason: z.string().max(2000).optional() }).optional(),
  }),
  z.object({ kind: z.literal('chair') }),
  z.object({ kind: z.literal('observer'), why: z.string().trim().min(1).max(300) }),
]);

export const VoteView = z.object({
  conferenceId: Id,
  roundId: Id,
  child: Child,
  question: Question,
  round: z.number().int().min(1).default(1),
  open: z.boolean().default(true),
  /** The eligible agencies (one view each) and whether each has voted. */
  agencies: z.array(
    z.object({
      agency: Agency,
      voted: z.boolean(),
      /** The chair recorded this agency's view for its representative (in the room or on the phone). */
      recordedFor: PersonName.optional(),
    }),
  ),
  /** The live count: shown in the chair's view only. */
  counts: Counts.default({}),
  viewer: VoteViewer.default({ kind: 'everyone' }),
  refreshUserIds: RefreshUserIds,
});
export type VoteView = z.input<typeof VoteView>;

/** The answers the chair may record for an agency, as drop-down values (see `ViewChoice` in actions.ts). */
const VIEW_CHOICES: Record<z.output<typeof Question>, { title: string; value: string }[]> = {
  initial: [
    { title: outcomeLabel('cp-plan'), value: 'cp-plan' },
    { title: outcomeLabel('no-cp-plan', 'child-in-need'), value: 'no-cp-plan:child-in-need' },
    { title: outcomeLabel('no-cp-plan', 'no-further-action'), value: 'no-cp-plan:no-further-action' },
  ],
  review: [
    { title: outcomeLabel('continue'), value: 'continue' },
    { title: outcomeLabel('discontinue'), value: 'discontinue' },
  ],
};

export const voteCard = defineCard(VoteView, template, (v) => {
  const kind = v.viewer.kind;
  const voted = v.agencies.filter((a) => a.voted).length;
  const voter = v.viewer.kind === 'voter' ? v.viewer : undefined;
  const current = voter?.current;
  return {
    ...v,
    childText: childLine(v.child),
    questionText: QUESTION_TEXT[v.question],
    progressText: `${voted} of ${v.agencies.length} ${v.agencies.length === 1 ? 'agency has' : 'agencies have'} given their view.`,
    // Some agencies have given no view: closing asks the chair to confirm (RULES.md, The decision).
    showCloseAnyway: v.open && (kind === 'everyone' || kind === 'chair') && voted < v.agencies.length,
    showCounts: kind === 'chair',
    tally: tallyRows(v.question, v.counts),
    agencies: v.agencies.map((a) => ({ agencyLabel: agencyLabel(a.agency), votedText: a.recordedFor ? `✓ recorded by the chair for ${a.recordedFor}` : a.voted ? '✓ voted' : 'waiting' })),
    recorded: v.agencies.flatMap((a) => (a.recordedFor ? [{ text: `${agencyLabel(a.agency)}: view recorded by the chair for ${a.recordedFor}` }] : [])),
    awaitingChoices: v.agencies.filter((a) => !a.voted).map((a) => ({ title: agencyLabel(a.agency), value: a.agency })),
    viewChoices: VIEW_CHOICES[v.question],
    whyNot: v.viewer.kind === 'observer' ? v.viewer.why : undefined,
    currentText: voter && current && `Your view for ${agencyLabel(voter.agency)}: **${outcomeLabel(current.choice, current.recommendation)}**${v.open ? ' — you can change it until the chair closes the round.' : ''}`,
    currentReason: current?.reason ?? '',
    showVoting: v.open && (kind === 'everyone' || kind === 'voter'),
    votingPrompt: voter ? `Your view for ${agencyLabel(voter.agency)}:` : "Agency representatives: give your agency's view.",
    showChairTools: v.open && (kind === 'everyone' || kind === 'chair'),
    chairSuffix: kind === 'everyone' ? ' (chair)' : '',
  };
});
