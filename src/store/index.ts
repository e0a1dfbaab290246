// The store's public surface. The bot needs only openStore() and the Store type; the record
// schemas and result types are exported for handlers, cards and tests.
export { openStore, StoreUnreachableError, CONNECTION_STRING_VARIABLE, DEFAULT_DATA_DIR, endpointOf, type OpenStoreOptions, type OpenedStore } from './connect.js';
export { startAzurite, azuriteConnectionString, type AzuriteOptions, type RunningAzurite } from './azurite.js';
export { createStore, type Store } from './store.js';
export { tableClients, createTables, TABLES, type TableClients } from './tables.js';
export { MalformedEntityError, InvalidRecordError, type Modified, type Stored } from './entity-set.js';
export { ConferenceId, Instant, Person, UserId, TeamsId, CaseRef } from './schema.js';
export { Conference, ConferenceStatus, Conferences, type CreateConferenceResult } from './conferences.js';
export { Invitee, RsvpAnswer, CheckIn, Invitees, type Invitation, type AnswerResult } from './invitees.js';
export {
  VoteRound,
  VoteQuestion,
  Ballot,
  Votes,
  MAX_AGENCIES_PER_ROUND,
  type StoredVote,
  type OpenRoundResult,
  type CastVoteResult,
  type VoteRefusal,
  type CloseRoundResult,
  type Decide,
} from './votes.js';
export { Decision, Outcome, CategorySet, Dissent, Decisions, statusAfter, type RecordDecisionResult } from './decisions.js';
export { CardActivity, Cards, GROUP } from './cards.js';
export { Plan, PlanKind, PlanEnd, Plans } from './plans.js';
export { CategoryProposal, CategoryProposals } from './proposals.js';
export { DueItem, DueKind, DueRef, UserDueItem, DueItems, type DueQuery } from './due-items.js';
export { SavedConversation, Conversations } from './conversations.js';
export { AuditEntry, AuditLog, type AuditInput } from './audit.js';
export { Lease, ReminderSent, Leases, Reminders, type LeaseResult } from './schedule.js';
export { DeskIndex, type DeskQuery, type StampedFact } from './desk.js';
export { MinutesRecord, Minutes } from './minutes.js';
export { Effect, Effects, type ClaimResult } from './effects.js';
