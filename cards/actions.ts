// Every payload a card sends back, one zod schema per verb, one discriminated union for all.
// Action.Execute sends { verb, data } and data repeats the verb; Action.Submit (the fallback)
// sends data merged with the inputs as the message `value`. Both parse with `parseCardAction`.
// Input ids on the cards are exactly these field names.
import { z } from 'zod';
import { PolicyKey } from '../src/rules/policy-schema.js';
import {
  Agency,
  Category,
  Choice,
  ConferenceKind,
  IsoDate,
  NoPlanRecommendation,
  PersonName,
  PlanEndReason,
  Role,
  Rsvp,
} from '../src/rules/types.js';
import { CaseRef, Id, Initials, Presence } from './common.js';
import { DatedDuty } from './duty-done.js';
import { Contact, FORM_AGENCIES, parseInviteeLines, type ScheduledInvitee } from './invitee-lines.js';

export type { ScheduledInvitee } from './invitee-lines.js';

// ---- how card inputs arrive: strings, "" for an empty input, "true"/"false", "a,b" ----

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** An input a person may leave empty. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
/** An input that must be filled: empty reads as missing ("is required"). */
const required = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema);
const text = (max: number) => z.string().trim().min(1).max(max, `at most ${max} characters`);
/** Input.Toggle sends "true"/"false"; a toggle that was never touched may be absent. */
const Flag = z.preprocess((v) => {
  const b = blankToUndefined(v);
  return b === undefined ? false : b === 'true' ? true : b === 'false' ? false : b;
}, z.boolean());
/** A multi-select Input.ChoiceSet sends "a,b"; card data may carry a real array. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : (blankToUndefined(v) ?? [])),
    z.array(item),
  );
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:mm');
const ScaleValue = z.coerce.number().int('a whole number').min(0, 'from 0').max(10, 'to 10');

/** The no-plan outcome needs its recommendation; the others must not have one. */
function recommendationFits(v: { choice?: Choice; recommendation?: NoPlanRecommendation }, ctx: z.RefinementCtx, key = 'choice') {
  if (v[key as 'choice'] === 'no-cp-plan' && !v.recommendation) {
    ctx.addIssue({ code: 'custom', path: ['recommendation'], message: 'choose Child in Need plan or no further action' });
  }
  // Discontinuing a plan may recommend a Child in Need plan; keeping one never has a recommendation.
  if (v[key as 'choice'] !== 'no-cp-plan' && v[key as 'choice'] !== 'discontinue' && v.recommendation) {
    ctx.addIssue({ code: 'custom', path: ['recommendation'], message: 'only a "no plan" or "discontinue" answer has a recommendation' });
  }
}

// ---- fixed rows: Adaptive Cards cannot add rows, so the form has this many ----

export const INVITEE_ROWS = 12;
export const SCALE_ROWS = 12;
const ROWS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
type RowNo = (typeof ROWS)[number];

const RowName = optional(PersonName);
const RowContact = optional(Contact);
const RowAgency = optional(Agency);
const RowRole = optional(Role.exclude(['chair']));
type InviteeRowShape = { [K in `invitee${RowNo}Name`]: typeof RowName } & { [K in `invitee${RowNo}Contact`]: typeof RowContact } & {
  [K in `invitee${RowNo}Agency`]: typeof RowAgency;
} & { [K in `invitee${RowNo}Role`]: typeof RowRole } & { [K in `invitee${RowNo}Direct`]: typeof Flag };
const inviteeRowShape = Object.fromEntries(
  ROWS.flatMap((n) => [
    [`invitee${n}Name`, RowName],
    [`invitee${n}Contact`, RowContact],
    [`invitee${n}Agency`, RowAgency],
    [`invitee${n}Role`, RowRole],
    [`invitee${n}Direct`, Flag],
  ]),
) as InviteeRowShape;

const Scale = optional(ScaleValue);
type ScaleShape = { [K in `scale${RowNo}`]: typeof Scale };
const scaleShape = Object.fromEntries(ROWS.map((n) => [`scale${n}`, Scale])) as ScaleShape;

// ---- the verbs ----

export const VERBS = [
  'refresh',
  'openSchedule',
  'scheduleDraft',
  'schedule',
  'rsvp',
  'answerFor',
  'checkIn',
  'standDown',
  'proceed',
  'openRound',
  'chairCheckIn',
  'checkInDeputy',
  'checkInWalkIn',
  'vote',
  'recordView',
  'closeRound',
  'defer',
  'dissentReason',
  'splitDecision',
  'openChairDecision',
  'chairDecision',
  'proposeCategory',
  'decideCategory',
  'planRecord',
  'endPlan',
  'showRecord',
  'openChange',
  'reschedule',
  'cancelConference',
  'addInvitee',
  'removeInvitee',
  'remindNonResponders',
  'bookReview',
  'myReviews',
  'overdue',
  'markDone',
  'openMarkDone',
  'openCoreGroup',
  'coreGroupHeld',
  'recordExceptional',
  'openReceivingConference',
  'receivingConference',
  'recordScales',
] as const;
export type Verb = (typeof VERBS)[number];

/** Cards that show each user their own view and refresh it. */
export const RefreshableCard = z.enum(['vote', 'attendance', 'category']);
export type RefreshableCard = z.infer<typeof RefreshableCard>;

export const RefreshAction = z.object({
  verb: z.literal('refresh'),
  card: RefreshableCard,
  conferenceId: Id,
  roundId: Id.optional(),
});

export const OpenScheduleAction = z.object({ verb: z.literal('openSchedule') });

/** How many invitee rows the form shows (it grows a few at a time). */
const ShownRows = z.coerce.number().int().min(1).max(INVITEE_ROWS).optional().catch(undefined);

/**
 * A step of the scheduling form before it is sent: "check dates" or "more rows". The values are
 * kept as typed (the form comes back with them), so every field is a string read leniently.
 */
export const ScheduleDraftAction = z
  .object({ verb: z.literal('scheduleDraft'), step: z.enum(['check', 'rows']), shownRows: ShownRows })
  .catchall(z.unknown());
export const MyReviewsAction = z.object({ verb: z.literal('myReviews') });
export const OverdueAction = z.object({ verb: z.literal('overdue') });
export const ShowRecordAction = z.object({ verb: z.literal('showRecord'), conferenceId: Id });

export const ScheduleAction = z
  .object({
    verb: z.literal('schedule'),
    caseRef: required(CaseRef),
    childInitials: required(Initials),
    childFullName: optional(PersonName),
    kind: required(ConferenceKind),
    triggerDate: required(IsoDate),
    date: required(IsoDate),
    time: required(Time),
    location: optional(text(500)),
    policy: required(PolicyKey),
    chairName: required(PersonName),
    chairContact: required(Contact),
    lateReason: optional(text(2000)),
    expectedDeliveryDate: optional(IsoDate),
    lookedAfter: Flag,
    /** One invitee per line: "name, email, agency, role" (cards/invitee-lines.ts). */
    inviteeLines: optional(z.string().max(8000, 'at most 8,000 characters')),
    /** The scheduler's choice when some invitees cannot be reached in Teams: the Unit invites them by other means. */
    inviteOthersByUnit: Flag,
    shownRows: ShownRows,
    ...inviteeRowShape,
  })
  .superRefine((v, ctx) => {
    let rows = 0;
    for (const n of ROWS) {
      const name = v[`invitee${n}Name`];
      const contact = v[`invitee${n}Contact`];
      const agency = v[`invitee${n}Agency`];
      if (name === undefined && contact === undefined && agency === undefined) continue; // an unused row
      rows += 1;
      if (name === undefined) ctx.addIssue({ code: 'custom', path: [`invitee${n}Name`], message: 'is required' });
      if (contact === undefined) ctx.addIssue({ code: 'custom', path: [`invitee${n}Contact`], message: 'is required' });
      if (agency === undefined) ctx.addIssue({ code: 'custom', path: [`invitee${n}Agency`], message: 'choose an agency' });
    }
    const lines = v.inviteeLines ? parseInviteeLines(v.inviteeLines, FORM_AGENCIES) : { invitees: [], problems: [] };
    if (lines.problems.length) ctx.addIssue({ code: 'custom', path: ['inviteeLines'], message: lines.problems.join('; ') });
    if (rows === 0 && lines.invitees.length === 0 && lines.problems.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['invitee1Name'], message: 'invite at least one person (a row, or a pasted line)' });
    }
    // The same person twice would be asked twice. (The chair listed as an invitee is allowed: the
    // rules never count the chair toward quoracy or a view.)
    const seen = new Map<string, string>();
    const place = (n: number | undefined, i: number) => (n ? { path: [`invitee${n}Contact`], where: `row ${n}` } : { path: ['inviteeLines'], where: `pasted line ${i + 1}` });
    const contacts = [
      ...ROWS.map((n) => ({ n: n as number | undefined, contact: v[`invitee${n}Contact`] })),
      ...lines.invitees.map((l) => ({ n: undefined, contact: l.contact as string | undefined })),
    ];
    contacts.forEach(({ n, contact }, i) => {
      if (!contact) return;
      const { path, where } = place(n, i - ROWS.length);
      const before = seen.get(contact.toLowerCase());
      if (before) ctx.addIssue({ code: 'custom', path, message: `${contact} is already invited (${before})` });
      else seen.set(contact.toLowerCase(), where);
    });
    if (v.kind === 'pre-birth' && !v.expectedDeliveryDate) {
      ctx.addIssue({ code: 'custom', path: ['expectedDeliveryDate'], message: 'is required for a pre-birth conference' });
    }
    if (v.triggerDate && v.date && v.date < v.triggerDate) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: 'cannot be before the trigger date' });
    }
  });
export type ScheduleAction = z.infer<typeof ScheduleAction>;

/** The invitees of a parsed schedule form: the filled rows in order, then the pasted lines. */
export function scheduleInvitees(a: ScheduleAction): ScheduledInvitee[] {
  const rows = ROWS.flatMap((n): ScheduledInvitee[] => {
    const name = a[`invitee${n}Name`];
    const contact = a[`invitee${n}Contact`];
    const agency = a[`invitee${n}Agency`];
    if (!name || !contact || !agency) return [];
    return [{ name, contact, agency, role: a[`invitee${n}Role`] ?? 'professional', directContact: a[`invitee${n}Direct`], row: n }];
  });
  return [...rows, ...(a.inviteeLines ? parseInviteeLines(a.inviteeLines, FORM_AGENCIES).invitees : [])];
}

export const RsvpAction = z
  .object({
    verb: z.literal('rsvp'),
    conferenceId: Id,
    answer: Rsvp,
    deputyName: optional(PersonName),
  })
  .superRefine((v, ctx) => {
    if (v.answer === 'deputy' && !v.deputyName) ctx.addIssue({ code: 'custom', path: ['deputyName'], message: 'is required for a briefed deputy' });
  });

/** The Unit or the chair records the answer of someone the bot cannot reach. */
export const AnswerForAction = z
  .object({
    verb: z.literal('answerFor'),
    conferenceId: Id,
    person: required(Id),
    answer: required(Rsvp),
    deputyName: optional(PersonName),
  })
  .superRefine((v, ctx) => {
    if (v.answer === 'deputy' && !v.deputyName) ctx.addIssue({ code: 'custom', path: ['deputyName'], message: 'is required for a briefed deputy' });
  });

export const CheckInAction = z.object({ verb: z.literal('checkIn'), conferenceId: Id });
export const StandDownAction = z.object({ verb: z.literal('standDown'), conferenceId: Id, standDownNote: optional(text(2000)), interimPlan: optional(text(4000)) });
export const ProceedAction = z.object({ verb: z.literal('proceed'), conferenceId: Id, proceedReason: required(text(2000)) });
export const OpenRoundAction = z.object({ verb: z.literal('openRound'), conferenceId: Id });

/** The chair checks an invitee (or a walk-in) in or out. */
export const ChairCheckInAction = z.object({
  verb: z.literal('chairCheckIn'),
  conferenceId: Id,
  person: required(Id),
  /** Carried by the button: check in ("true") or out ("false"). */
  present: Flag,
  personHow: optional(Presence),
});

/** The chair checks in a briefed deputy for an invited agency whose invitee is absent (Bolton procedures, Attendance). */
export const CheckInDeputyAction = z.object({
  verb: z.literal('checkInDeputy'),
  conferenceId: Id,
  deputyAgency: required(Agency),
  deputyName: required(PersonName),
  deputyHow: optional(Presence),
});

/** The chair checks in someone who was not invited: name, agency and role. */
export const CheckInWalkInAction = z.object({
  verb: z.literal('checkInWalkIn'),
  conferenceId: Id,
  walkInName: required(PersonName),
  walkInAgency: required(Agency),
  walkInRole: required(Role.exclude(['chair'])),
  walkInDirect: Flag,
  walkInHow: optional(Presence),
});

export const VoteAction = z
  .object({
    verb: z.literal('vote'),
    conferenceId: Id,
    roundId: Id,
    choice: Choice,
    recommendation: optional(NoPlanRecommendation),
    reason: optional(text(2000)),
  })
  .superRefine((v, ctx) => recommendationFits(v, ctx));

/** One answer to the round's question as a drop-down value: the choice, and with "no plan" what instead. */
export const ViewChoice = z.enum(['cp-plan', 'no-cp-plan:child-in-need', 'no-cp-plan:no-further-action', 'continue', 'discontinue']);
export type ViewChoice = z.infer<typeof ViewChoice>;

/** The chair records an agency's view, with its reason, for a representative in the room or on the phone. */
export const RecordViewAction = z.object({
  verb: z.literal('recordView'),
  conferenceId: Id,
  roundId: Id,
  viewAgency: required(Agency),
  viewChoice: required(ViewChoice),
  viewReason: required(text(2000)),
});

/** `no-cp-plan:child-in-need` → the choice and its recommendation. */
export function viewChoiceOf(v: ViewChoice): { choice: Choice; recommendation?: NoPlanRecommendation } {
  const [choice, recommendation] = v.split(':') as [Choice, NoPlanRecommendation | undefined];
  return { choice, recommendation };
}

/** `confirmMissing`: the chair closes although some agencies have given no view (they are listed as such). */
export const CloseRoundAction = z.object({ verb: z.literal('closeRound'), conferenceId: Id, roundId: Id, confirmMissing: Flag });
export const DeferAction = z.object({ verb: z.literal('defer'), conferenceId: Id, roundId: Id.optional(), deferReason: required(text(2000)) });
export const DissentReasonAction = z.object({
  verb: z.literal('dissentReason'),
  conferenceId: Id,
  roundId: Id,
  dissentReason: required(text(2000)),
});

export const SplitDecisionAction = z
  .object({
    verb: z.literal('splitDecision'),
    conferenceId: Id,
    roundId: Id,
    decision: required(Choice),
    recommendation: optional(NoPlanRecommendation),
    rationale: required(text(4000).min(20, 'give a clear rationale (at least 20 characters)')),
  })
  .superRefine((v, ctx) => recommendationFits({ choice: v.decision, recommendation: v.recommendation }, ctx));

/** Where the chair decides throughout: post the chair's decision card (no vote). */
export const OpenChairDecisionAction = z.object({ verb: z.literal('openChairDecision'), conferenceId: Id });

const StatedView = optional(Choice);
const StatedReason = optional(text(2000));
type ViewShape = { [K in `view${RowNo}`]: typeof StatedView } & { [K in `viewReason${RowNo}`]: typeof StatedReason };
const viewShape = Object.fromEntries(ROWS.flatMap((n) => [[`view${n}`, StatedView], [`viewReason${n}`, StatedReason]])) as ViewShape;

/** The chair's decision with each agency's stated view (and, where it differs, the dissent's reason). */
export const ChairDecisionAction = z
  .object({
    verb: z.literal('chairDecision'),
    conferenceId: Id,
    /** Carried in the card's data: the agency each `viewN` / `viewReasonN` input belongs to, in order. */
    viewAgencies: z.array(Agency).min(1).max(SCALE_ROWS),
    ...viewShape,
    decision: required(Choice),
    recommendation: optional(NoPlanRecommendation),
    rationale: required(text(4000).min(20, 'give a clear rationale (at least 20 characters)')),
  })
  .superRefine((v, ctx) => {
    v.viewAgencies.forEach((_, i) => {
      const key = `view${i + 1}` as `view${RowNo}`;
      if (v[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: "record the agency's stated view" });
    });
    recommendationFits({ choice: v.decision, recommendation: v.recommendation }, ctx);
  });
export type ChairDecisionAction = z.infer<typeof ChairDecisionAction>;

/** Each agency's stated view from a parsed chair's decision, in the card's order. */
export function agencyViews(a: ChairDecisionAction): { agency: Agency; choice: Choice; reason?: string }[] {
  return a.viewAgencies.map((agency, i) => ({ agency, choice: a[`view${i + 1}` as `view${RowNo}`]!, reason: a[`viewReason${i + 1}` as `viewReason${RowNo}`] }));
}

const categoryFields = {
  conferenceId: Id,
  primary: required(Category),
  others: listOf(Category),
};
function othersFit(v: { primary: Category; others: Category[] }, ctx: z.RefinementCtx) {
  if (v.others.includes(v.primary)) ctx.addIssue({ code: 'custom', path: ['others'], message: 'the primary category is already chosen' });
  if (new Set(v.others).size !== v.others.length) ctx.addIssue({ code: 'custom', path: ['others'], message: 'a category is listed twice' });
}
export const ProposeCategoryAction = z.object({ verb: z.literal('proposeCategory'), ...categoryFields }).superRefine(othersFit);
export const DecideCategoryAction = z.object({ verb: z.literal('decideCategory'), ...categoryFields }).superRefine(othersFit);

export const PlanRecordAction = z
  .object({
    verb: z.literal('planRecord'),
    conferenceId: Id,
    leadProfessional: required(Id),
    leadDeputy: optional(Id),
    coreGroup: listOf(Id).pipe(z.array(Id).min(1, 'choose at least one core group member')),
    coreGroupOthers: optional(text(1000)),
    firstCoreGroupDate: required(IsoDate),
    firstReviewDate: required(IsoDate),
    outlinePlan: required(text(4000)),
    contingencyPlan: required(text(4000)),
    dangerStatements: optional(text(4000)),
    safetyGoals: optional(text(4000)),
    /** The chair's overall progress and safety scale (Cumbria agenda, item 7). */
    overallScale: Scale,
    /** Carried in the card's data: the agency each `scaleN` input belongs to, in order. */
    scaleAgencies: z.array(Agency).max(SCALE_ROWS).default([]),
    ...scaleShape,
  })
  .superRefine((v, ctx) => {
    v.scaleAgencies.forEach((_, i) => {
      const key = `scale${i + 1}` as `scale${RowNo}`;
      if (v[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'give a safety scale from 0 to 10' });
    });
  });
export type PlanRecordAction = z.infer<typeof PlanRecordAction>;

/** The safety scales of a parsed plan record, by agency. */
export function safetyScales(a: Pick<PlanRecordAction, 'scaleAgencies' | `scale${RowNo}`>): { agency: Agency; scale: number }[] {
  return a.scaleAgencies.map((agency, i) => ({ agency, scale: a[`scale${i + 1}` as `scale${RowNo}`] ?? 0 }));
}

export const EndPlanAction = z.object({
  verb: z.literal('endPlan'),
  caseRef: CaseRef,
  reason: required(PlanEndReason),
  endedOn: required(IsoDate),
  endNote: optional(text(2000)),
});

/** The chair marks a record duty done from "my reviews": on the date the form gives, else today. */
export const MarkDoneAction = z.object({
  verb: z.literal('markDone'),
  caseRef: CaseRef,
  kind: z.enum(['minutes', 'minute-amendments', 'split-referral', 'split-panel']),
  on: optional(IsoDate),
});

/** "My reviews" → the form for a duty whose date matters (minutes sent, referral made, panel held). */
export const OpenMarkDoneAction = z.object({ verb: z.literal('openMarkDone'), caseRef: CaseRef, kind: DatedDuty });

/** "Record the meeting" on a core group item of "my reviews": the form for its date and the next one's. */
export const OpenCoreGroupAction = z.object({ verb: z.literal('openCoreGroup'), caseRef: CaseRef });

/** The core group form (Bolton procedures, The Core Group): the date it met and the next, 4 to 6 weeks later. */
export const CoreGroupHeldAction = z.object({
  verb: z.literal('coreGroupHeld'),
  caseRef: CaseRef,
  heldOn: required(IsoDate),
  next: required(IsoDate),
});

/** The chair records the exceptional circumstances a decision needs before it stands (Bolton procedures). */
export const RecordExceptionalAction = z.object({
  verb: z.literal('recordExceptional'),
  conferenceId: Id,
  exceptionalReason: required(text(2000).min(3, 'at least a few words')),
});

/** The button on the receiving area's conference in "my reviews" (the case's chair): the form for its date. */
export const OpenReceivingConferenceAction = z.object({ verb: z.literal('openReceivingConference'), caseRef: CaseRef });

/** The receiving area held its conference after a permanent move: the plan ends here (Bolton procedures). */
export const ReceivingConferenceAction = z.object({ verb: z.literal('receivingConference'), caseRef: CaseRef, heldOn: required(IsoDate) });

/** Safety scales on an outcome with no plan record (Barnsley: decision and recommendations, scaling 0–10). */
export const RecordScalesAction = z
  .object({ verb: z.literal('recordScales'), conferenceId: Id, scaleAgencies: z.array(Agency).min(1).max(SCALE_ROWS), overallScale: Scale, ...scaleShape })
  .superRefine((v, ctx) => {
    v.scaleAgencies.forEach((_, i) => {
      const key = `scale${i + 1}` as `scale${RowNo}`;
      if (v[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'give a safety scale from 0 to 10' });
    });
  });

// ---- changing a scheduled conference (the change card, 1:1 to the Unit or the chair) ----

export const OpenChangeAction = z.object({ verb: z.literal('openChange'), conferenceId: Id });
export const RescheduleAction = z.object({
  verb: z.literal('reschedule'),
  conferenceId: Id,
  newDate: required(IsoDate),
  newTime: required(Time),
  newLocation: optional(text(500)),
  /** Needed again when the new date is after the statutory due date. */
  newLateReason: optional(text(2000)),
});
export const CancelConferenceAction = z.object({ verb: z.literal('cancelConference'), conferenceId: Id, cancelReason: required(text(2000)) });
/** One invitee as a pasted line: "name, email, agency, role". */
export const AddInviteeAction = z
  .object({ verb: z.literal('addInvitee'), conferenceId: Id, addLine: required(text(500)) })
  .superRefine((v, ctx) => {
    const lines = v.addLine.split(/\r?\n/).filter((l) => l.trim() !== '');
    if (lines.length !== 1) return ctx.addIssue({ code: 'custom', path: ['addLine'], message: 'one person, on one line: name, email, agency, role' });
    const parsed = parseInviteeLines(lines[0]!, FORM_AGENCIES);
    if (parsed.problems.length) ctx.addIssue({ code: 'custom', path: ['addLine'], message: parsed.problems.join('; ').replace(/^line 1: /, '') });
  });
/** The invitee added by a parsed add-invitee action. */
export const addedInvitee = (a: z.infer<typeof AddInviteeAction>): ScheduledInvitee => parseInviteeLines(a.addLine, FORM_AGENCIES).invitees[0]!;
export const RemoveInviteeAction = z.object({ verb: z.literal('removeInvitee'), conferenceId: Id, removeWho: required(Id) });
export const RemindNonRespondersAction = z.object({ verb: z.literal('remindNonResponders'), conferenceId: Id, back: z.enum(['summary', 'change']).default('summary') });
/** "Book the review": the scheduling form prefilled from the case. */
export const BookReviewAction = z.object({ verb: z.literal('bookReview'), caseRef: CaseRef });

export const CardAction = z.discriminatedUnion('verb', [
  RefreshAction,
  OpenScheduleAction,
  ScheduleDraftAction,
  ScheduleAction,
  RsvpAction,
  AnswerForAction,
  CheckInAction,
  StandDownAction,
  ProceedAction,
  OpenRoundAction,
  ChairCheckInAction,
  CheckInDeputyAction,
  CheckInWalkInAction,
  VoteAction,
  RecordViewAction,
  CloseRoundAction,
  DeferAction,
  DissentReasonAction,
  SplitDecisionAction,
  OpenChairDecisionAction,
  ChairDecisionAction,
  ProposeCategoryAction,
  DecideCategoryAction,
  PlanRecordAction,
  EndPlanAction,
  ShowRecordAction,
  OpenChangeAction,
  RescheduleAction,
  CancelConferenceAction,
  AddInviteeAction,
  RemoveInviteeAction,
  RemindNonRespondersAction,
  BookReviewAction,
  MyReviewsAction,
  OverdueAction,
  MarkDoneAction,
  OpenMarkDoneAction,
  OpenCoreGroupAction,
  CoreGroupHeldAction,
  RecordExceptionalAction,
  OpenReceivingConferenceAction,
  ReceivingConferenceAction,
  RecordScalesAction,
]);
export type CardAction = z.infer<typeof CardAction>;
/** The payload of one verb, e.g. `ActionOf<'vote'>`. */
export type ActionOf<V extends Verb> = Extract<CardAction, { verb: V }>;

// ---- readable errors ----

const FIELD_LABEL: Record<string, string> = {
  verb: 'Card action',
  card: 'Card',
  conferenceId: 'Conference',
  roundId: 'Voting round',
  caseRef: 'Case reference',
  childInitials: "Child's initials",
  childFullName: "Child's full name",
  kind: 'Kind of conference',
  triggerDate: 'Trigger date',
  date: 'Date of the conference',
  time: 'Time of the conference',
  location: 'Where',
  policy: 'Local policy',
  chairName: 'Chair',
  chairContact: "Chair's email or Teams id",
  lateReason: 'Reason for the late date',
  expectedDeliveryDate: 'Expected delivery date',
  lookedAfter: 'Looked after child',
  inviteeLines: 'Invitees pasted as lines',
  newDate: 'New date',
  newTime: 'New time',
  newLocation: 'Where',
  newLateReason: 'Reason for a date after the due date',
  cancelReason: 'Reason for cancelling',
  addLine: 'Person to invite',
  removeWho: 'Person to remove',
  back: 'Card',
  inviteOthersByUnit: 'Go ahead without them on Teams',
  shownRows: 'Rows shown',
  step: 'Step',
  answer: 'Your answer',
  deputyName: "Deputy's name",
  person: 'Who',
  present: 'In or out',
  personHow: 'How they take part',
  deputyAgency: 'Agency the deputy attends for',
  deputyHow: 'How the deputy takes part',
  walkInName: 'Name',
  walkInAgency: 'Agency',
  walkInRole: 'Role',
  walkInDirect: 'Direct contact with the child',
  walkInHow: 'How they take part',
  viewAgency: 'Agency',
  viewChoice: "The agency's view",
  viewReason: 'Reason',
  standDownNote: 'Note',
  interimPlan: 'Interim plan',
  proceedReason: 'Reason for proceeding without quoracy',
  choice: 'Your view',
  recommendation: 'Recommendation',
  reason: 'Reason',
  deferReason: 'Reason for deferring',
  dissentReason: 'Your reason',
  decision: 'Decision',
  rationale: 'Rationale',
  primary: 'Primary category',
  others: 'Other categories',
  leadProfessional: 'Lead professional',
  leadDeputy: "Lead professional's deputy",
  coreGroup: 'Core group',
  coreGroupOthers: 'Other core group members',
  firstCoreGroupDate: 'First core group date',
  firstReviewDate: 'First review date',
  outlinePlan: 'Outline plan',
  contingencyPlan: 'Contingency plan',
  dangerStatements: 'Danger statements',
  overallScale: "Chair's overall safety scale",
  safetyGoals: 'Safety goals',
  scaleAgencies: 'Safety scale agencies',
  viewAgencies: 'Agencies',
  endedOn: 'Date the plan ended',
  endNote: 'Note',
};
const ROW_PART: Record<string, string> = { Name: 'name', Contact: 'email or Teams id', Agency: 'agency', Role: 'role', Direct: 'direct contact' };

/** "Invitee 3: agency", "Safety scale 2", "Deputy's name" — the words on the card. */
export function fieldLabel(field: string): string {
  const row = /^invitee(\d+)(Name|Contact|Agency|Role|Direct)$/.exec(field);
  if (row) return `Invitee ${row[1]}: ${ROW_PART[row[2]!]}`;
  const scale = /^scale(\d+)$/.exec(field);
  if (scale) return `Safety scale ${scale[1]}`;
  const view = /^view(Reason)?(\d+)$/.exec(field);
  if (view) return view[1] ? `Agency ${view[2]}: reason` : `Agency ${view[2]}: stated view`;
  return FIELD_LABEL[field] ?? field;
}

export type ParsedAction =
  | { ok: true; action: CardAction }
  /** `fields`: the message for each input, to show beside it (the first problem of each). */
  | { ok: false; message: string; problems: string[]; fields: Record<string, string> };

/** "case reference: letters…" under the label "Case reference" reads "letters…": no doubled label. */
export function withoutLabel(label: string, message: string): string {
  const lower = message.toLowerCase();
  const prefix = `${label.toLowerCase()}:`;
  return lower.startsWith(prefix) ? message.slice(prefix.length).trim() : message;
}

/**
 * Parse any card submission (Action.Execute `data` or Action.Submit `value`). On failure the
 * message names each field as the card labels it, e.g. `Deputy's name: is required for a briefed deputy`.
 */
export function parseCardAction(raw: unknown): ParsedAction {
  const verb = raw && typeof raw === 'object' ? (raw as { verb?: unknown }).verb : undefined;
  if (typeof verb !== 'string' || !(VERBS as readonly string[]).includes(verb)) {
    const message =
      typeof verb === 'string'
        ? `This card action ("${verb.slice(0, 40)}") is not known. The card may be out of date: ask for a new one.`
        : 'This card sent no action. The card may be out of date: ask for a new one.';
    return { ok: false, message, problems: [message], fields: {} };
  }
  const result = CardAction.safeParse(raw, {
    error: (iss) => {
      if (iss.input === undefined) return 'is required';
      if (iss.code === 'invalid_value') return `choose one of: ${iss.values.map(String).join(', ')}`;
      return undefined;
    },
  });
  if (result.success) return { ok: true, action: result.data };
  const fields: Record<string, string> = {};
  const problems = result.error.issues.map((i) => {
    const field = i.path.length > 0 ? fieldLabel(String(i.path[0])) : 'Card';
    const detail = i.path.length > 1 ? ` (item ${i.path.slice(1).join('.')})` : '';
    const said = withoutLabel(field, i.message);
    if (i.path.length > 0) fields[String(i.path[0])] ??= said;
    return `${field}${detail}: ${said}`;
  });
  return { ok: false, message: `Please check: ${problems.join('; ')}.`, problems, fields };
}
