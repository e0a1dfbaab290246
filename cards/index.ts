// The cards layer: view models (zod) → filled Adaptive Card JSON, and the payloads cards send back.
export * from './actions.js';
export * from './commands.js';
export * from './common.js';
export { ADAPTIVE_CARD_CONTENT_TYPE, CardFillError, fillCard, type AdaptiveCard } from './fill.js';
export * from './labels.js';
export * from './error.js';
export * from './help.js';
export * from './invitation.js';
export * from './result.js';
export * from './vote.js';
