// The cards layer: view models (zod) → filled Adaptive Card JSON, and the payloads cards send back.
// No storage and no Teams SDK here: the bot decides where each card goes.
export * from './actions.js';
export * from './commands.js';
export * from './common.js';
export * from './decision.js';
export * from './due.js';
export { ADAPTIVE_CARD_CONTENT_TYPE, CardFillError, fillCard, type AdaptiveCard } from './fill.js';
export * from './labels.js';

export * from './agenda.js';
export * from './attendance.js';
export * from './category.js';
export * from './conference-record.js';
export * from './core-group.js';
export * from './decision-summary.js';
export * from './duty-done.js';
export * from './end-plan.js';
export * from './error.js';
export * from './exceptional.js';
export * from './help.js';
export * from './invitation.js';
export * from './my-reviews.js';
export * from './next-review.js';
export * from './plan-ended.js';
export * from './plan-record.js';
export * from './receiving-conference.js';
export * from './reminder.js';
export * from './result.js';
export * from './rsvp-summary.js';
export * from './safety-scales.js';
export * from './schedule-confirmation.js';
export * from './schedule-form.js';
export * from './change-conference.js';
export * from './split-decision.js';
export * from './chair-decision.js';
export * from './vote.js';
export { escapeMarkdown } from './text.js';
export * from './send-invitation.js';
