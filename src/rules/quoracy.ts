// Quoracy (Bolton procedures, Quoracy; Barnsley chair's guidance): Children's Social Care and at
// least 2 other agencies that have had direct contact with the child, present.
import { z } from 'zod';
import { Attendee, CHILDRENS_SOCIAL_CARE, type Role } from './types.js';
import { parseInput } from './errors.js';
import type { Citation } from './sources.js';

export const OTHER_AGENCIES_NEEDED = 2;

export const QUORACY_CITATION: Citation = { docs: ['bolton-procedures', 'barnsley-guidance'], section: 'Quoracy' };

export interface Excluded {
  name: string;
  why: string;
}

export interface QuoracyResult {
  quorate: boolean;
  /** Agencies that count, Children's Social Care first, then in order of arrival. */
  countingAgencies: string[];
  childrensSocialCare: boolean;
  /** Distinct agencies other than Children's Social Care that count (need 2). */
  otherAgencies: number;
  /** What is missing, in words for the chair; empty when quorate. */
  missing: string[];
  /** Everyone listed who does not count, and why. */
  excluded: Excluded[];
  /**
   * Not quorate only for want of other agencies: the chair may stand the conference down or,
   * exceptionally (the child has had no relevant contact with 2 other agencies), proceed and
   * record the reason in the minutes.
   */
  mayProceedExceptionally: boolean;
  citation: Citation;
}

/** Roles that neither count towards quoracy nor vote: "You are here as …". */
export const NON_MEMBER_ROLES: Readonly<Record<Exclude<Role, 'professional'>, string>> = {
  family: 'a family member',
  advocate: 'an advocate',
  supporter: 'a supporter',
  'support-staff': 'someone attending to support staff',
  chair: 'the chair',
};

/** "A family member does not vote." */
export function nonMemberWhy(role: Exclude<Role, 'professional'>, what: string): string {
  const who = NON_MEMBER_ROLES[role];
  return `${who[0]!.toUpperCase()}${who.slice(1)} ${what}`;
}

/**
 * Agency ids that name no professional agency: whoever was typed against them is there as
 * family or as an advocate, never as an agency (RULES.md, Who makes up an agency).
 */
export const NON_PROFESSIONAL_AGENCIES: Readonly<Record<string, Exclude<Role, 'professional' | 'chair'>>> = {
  family: 'family',
  advocacy: 'advocate',
};

/**
 * What someone is at the table, whatever was typed: the chair is the chair (even when listed as
 * an invitee of Children's Social Care); family, advocates, supporters and support staff keep
 * their role; a "professional" entered for the family or advocacy is family or an advocate.
 */
export function roleAtTable(person: { role: Role; agency: string; chair?: boolean }): Role {
  if (person.chair) return 'chair';
  if (person.role !== 'professional') return person.role;
  return NON_PROFESSIONAL_AGENCIES[person.agency] ?? 'professional';
}

/** Someone listed at the conference, and whether they are its chair. */
export const Participant = Attendee.extend({ chair: z.boolean().default(false) });
export type Participant = z.input<typeof Participant>;

/**
 * Quoracy by role: as `quoracy`, with each person's role taken as `roleAtTable` reads it, so
 * the chair and non-professionals never make up an agency whatever agency was typed.
 */
export function quoracyAtTable(people: readonly Participant[]): QuoracyResult {
  const list = parseInput(z.array(Participant), people, 'people');
  return quoracy(list.map(({ chair, ...a }) => ({ ...a, role: roleAtTable({ ...a, chair }) })));
}

export function quoracy(attendees: readonly Attendee[]): QuoracyResult {
  const list = parseInput(z.array(Attendee), attendees, 'attendees').map((a) => ({ ...a, role: roleAtTable(a) }));
  const excluded: Excluded[] = [];
  let childrensSocialCare = false;
  const others: string[] = [];
  for (const a of list) {
    if (!a.present) {
      excluded.push({ name: a.name, why: 'not present' });
    } else if (a.role !== 'professional') {
      excluded.push({ name: a.name, why: nonMemberWhy(a.role, 'does not count towards quoracy') });
    } else if (a.agency === CHILDRENS_SOCIAL_CARE) {
      // Children's Social Care counts as the lead agency; the direct-contact test is for the others.
      if (childrensSocialCare) excluded.push({ name: a.name, why: "Children's Social Care is already counted (each agency counts once)" });
      childrensSocialCare = true;
    } else if (!a.directContact) {
      excluded.push({ name: a.name, why: `${a.agency}: no direct contact with the child` });
    } else if (others.includes(a.agency)) {
      excluded.push({ name: a.name, why: `${a.agency} is already counted (each agency counts once)` });
    } else {
      others.push(a.agency);
    }
  }
  const missing: string[] = [];
  if (!childrensSocialCare) missing.push("Children's Social Care is not represented");
  const short = OTHER_AGENCIES_NEEDED - others.length;
  if (short > 0) {
    const noun = short === 1 ? 'agency' : 'agencies';
    missing.push(`${short} more ${noun} besides Children's Social Care with direct contact with the child`);
  }
  return {
    quorate: missing.length === 0,
    countingAgencies: childrensSocialCare ? [CHILDRENS_SOCIAL_CARE, ...others] : others,
    childrensSocialCare,
    otherAgencies: others.length,
    missing,
    excluded,
    mayProceedExceptionally: childrensSocialCare && short > 0,
    citation: QUORACY_CITATION,
  };
}
