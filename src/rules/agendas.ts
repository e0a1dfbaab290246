// Conference agendas, posted as a card at the start; each policy file carries its own. Cumbria's
// and Barnsley's are taken from their documents item by item; Bolton's and London's documents
// give none, so their files hold a default built from what the Bolton procedures say a
// conference must do. These names stay for callers of the entry point.
import { POLICIES } from './policies.js';
import type { AgendaItem } from './policy-schema.js';

export { AgendaItem } from './policy-schema.js';

/** Cumbria agenda (seed 001), sections 1–9 in order. */
export const CUMBRIA_AGENDA: readonly AgendaItem[] = POLICIES.cumbria.agenda.items;

/** Barnsley chair's guidance (seed 004), "Conference Agenda", in its order. */
export const BARNSLEY_AGENDA: readonly AgendaItem[] = POLICIES.barnsley.agenda.items;

/** Default agenda: the conference's tasks as listed by the Bolton procedures (and London summary). */
export const DEFAULT_AGENDA: readonly AgendaItem[] = POLICIES.bolton.agenda.items;
