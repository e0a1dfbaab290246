// The store the bot depends on: one repository per record family over shared table clients.
import { Conferences } from './conferences.js';
import { Decisions } from './decisions.js';
import { Invitees } from './invitees.js';
import type { TableClients } from './tables.js';
import { Votes } from './votes.js';

export interface Store {
  conferences: Conferences;
  invitees: Invitees;
  votes: Votes;
  decisions: Decisions;
}

export function createStore(tables: TableClients): Store {
  return {
    conferences: new Conferences(tables.conferences),
    invitees: new Invitees(tables.conferences),
    votes: new Votes(tables.conferences),
    decisions: new Decisions(tables.conferences),
  };
}
