// The store the bot depends on: one repository per record family over shared table clients.
import { AuditLog } from './audit.js';
import { Cards } from './cards.js';
import { CaseChanges } from './case-changes.js';
import { Conferences } from './conferences.js';
import { Conversations } from './conversations.js';
import { Decisions } from './decisions.js';
import { DeskIndex } from './desk.js';
import { Effects } from './effects.js';
import { DueItems } from './due-items.js';
import { Invitees } from './invitees.js';
import { Minutes } from './minutes.js';
import { Plans } from './plans.js';
import { CategoryProposals } from './proposals.js';
import { Leases, Reminders } from './schedule.js';
import type { TableClients } from './tables.js';
import { Votes } from './votes.js';
import { PolicyVersions } from './policy-versions.js';

export interface Store {
  conferences: Conferences;
  invitees: Invitees;
  votes: Votes;
  decisions: Decisions;
  cards: Cards;
  plans: Plans;
  proposals: CategoryProposals;
  dueItems: DueItems;
  caseChanges: CaseChanges;
  conversations: Conversations;
  audit: AuditLog;
  effects: Effects;
  leases: Leases;
  reminders: Reminders;
  minutes: Minutes;
  desk: DeskIndex;
  policyVersions: PolicyVersions;
}

export function createStore(tables: TableClients): Store {
  const plans = new Plans(tables.cases);
  const dueItems = new DueItems(tables.cases, tables.dueByUser, tables.dueByDay);
  const audit = new AuditLog(tables.audit, tables.conferences);
  return {
    conferences: new Conferences(tables.conferences, tables.cases),
    invitees: new Invitees(tables.conferences),
    votes: new Votes(tables.conferences),
    decisions: new Decisions(tables.conferences),
    cards: new Cards(tables.conferences),
    plans,
    proposals: new CategoryProposals(tables.conferences),
    dueItems,
    caseChanges: new CaseChanges(tables.cases, tables.schedule, dueItems, plans, audit),
    conversations: new Conversations(tables.conversations),
    audit,
    effects: new Effects(tables.conferences, tables.schedule),
    leases: new Leases(tables.schedule),
    reminders: new Reminders(tables.schedule),
    minutes: new Minutes(tables.conferences),
    desk: new DeskIndex(tables),
    policyVersions: new PolicyVersions(tables.policies),
  };
}
