// Invitees pasted as lines ("name, email, agency, role"), as people copy them from an email or a
// spreadsheet. Agencies and roles are read by their usual names, so "Police" and "Health visitor"
// work as well as the ids; every line that cannot be read is named with the reason.
import { z } from 'zod';
import { Agency, PersonName, Role } from '../src/rules/types.js';
import { agencyLabel } from './labels.js';

export type InviteeRole = Exclude<Role, 'chair'>;

export interface ScheduledInvitee {
  name: string;
  contact: string;
  agency: Agency;
  role: InviteeRole;
  directContact: boolean;
  /** The form row it was typed in; absent for a pasted line. */
  row?: number;
}

/** Who to invite: an email address or a Teams user id. */
export const Contact = z.string().trim().min(3).max(200).regex(/^[^\s${}]+$/, 'an email address or Teams user id, without spaces');

/** The agencies the scheduling form offers, Children's Social Care first. */
export const FORM_AGENCIES: readonly Agency[] = [
  'childrens-social-care',
  'police',
  'health-visiting',
  'gp',
  'paediatrics',
  'midwifery',
  'mental-health',
  'education',
  'probation',
  'housing',
  'substance-misuse',
  'domestic-abuse-service',
  'youth-justice',
  'family',
  'advocacy',
  'other',
];

/** At most this many pasted lines: with the rows, a conference stays within Teams' 60 per-user views. */
export const MAX_INVITEE_LINES = 40;

const squash = (s: string) => s.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]/g, '');

/** Usual names people type for the agencies the form offers. */
const AGENCY_WORDS: Record<string, string> = {
  csc: 'childrens-social-care',
  socialcare: 'childrens-social-care',
  socialworker: 'childrens-social-care',
  socialwork: 'childrens-social-care',
  childrensservices: 'childrens-social-care',
  healthvisitor: 'health-visiting',
  hv: 'health-visiting',
  school: 'education',
  schools: 'education',
  doctor: 'gp',
  generalpractice: 'gp',
  midwife: 'midwifery',
  paediatrician: 'paediatrics',
  mentalhealth: 'mental-health',
  camhs: 'mental-health',
  domesticabuse: 'domestic-abuse-service',
  substancemisuseservice: 'substance-misuse',
  yot: 'youth-justice',
  youthoffending: 'youth-justice',
  parent: 'family',
  parents: 'family',
};

const ROLE_WORDS: Record<string, InviteeRole> = {
  professional: 'professional',
  family: 'family',
  familymember: 'family',
  parent: 'family',
  mother: 'family',
  father: 'family',
  carer: 'family',
  advocate: 'advocate',
  supporter: 'supporter',
  friend: 'supporter',
  supportstaff: 'support-staff',
  supportingacolleague: 'support-staff',
  minutetaker: 'support-staff',
};

/** An agency of `offered` by its id or its usual name; undefined when none fits. */
export function agencyOf(words: string, offered: readonly string[]): Agency | undefined {
  const key = squash(words);
  if (!key) return undefined;
  const byName = offered.find((a) => squash(a) === key || squash(agencyLabel(a)) === key);
  if (byName) return byName;
  const alias = AGENCY_WORDS[key];
  return alias && offered.includes(alias) ? alias : undefined;
}

export function roleOf(words: string): InviteeRole | undefined {
  return ROLE_WORDS[squash(words)];
}

export interface ParsedLines {
  invitees: ScheduledInvitee[];
  /** "line 2: …" for each line that could not be read. */
  problems: string[];
}

/**
 * One invitee per line: `name, email or Teams id, agency[, role][, direct | not direct]`. Tabs and
 * semicolons separate as commas do. Role defaults to professional. A professional's agency counts
 * for quoracy (direct contact with the child) unless the line says "not direct".
 */
export function parseInviteeLines(text: string, offered: readonly string[]): ParsedLines {
  const out: ParsedLines = { invitees: [], problems: [] };
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const filled = lines.map((line, i) => ({ line, n: i + 1 })).filter((l) => l.line !== '');
  if (filled.length > MAX_INVITEE_LINES) {
    out.problems.push(`at most ${MAX_INVITEE_LINES} lines (there are ${filled.length})`);
    return out;
  }
  for (const { line, n } of filled) {
    const parts = line.split(/[,;\t]/).map((p) => p.trim());
    const [name = '', contact = '', agencyWords = '', ...rest] = parts;
    const why: string[] = [];
    if (parts.length < 3) {
      out.problems.push(`line ${n} ("${line.slice(0, 60)}"): expected name, email, agency, role`);
      continue;
    }
    if (!PersonName.safeParse(name).success) why.push('the name is missing or too long');
    if (!Contact.safeParse(contact).success) why.push(`"${contact.slice(0, 60)}" is not an email address or Teams id`);
    const agency = agencyOf(agencyWords, offered);
    if (!agency) why.push(`"${agencyWords.slice(0, 40)}" is not an agency on this form`);
    let role: InviteeRole = 'professional';
    let direct: boolean | undefined;
    for (const word of rest.filter(Boolean)) {
      const w = squash(word);
      if (w === 'direct' || w === 'directcontact') direct = true;
      else if (w === 'notdirect' || w === 'nodirectcontact' || w === 'indirect' || w === 'nocontact') direct = false;
      else if (roleOf(word)) role = roleOf(word)!;
      else why.push(`"${word.slice(0, 40)}" is not a role (professional, family, advocate, supporter, support staff)`);
    }
    if (why.length) {
      out.problems.push(`line ${n}: ${why.join('; ')}`);
      continue;
    }
    out.invitees.push({ name, contact, agency: agency!, role, directContact: direct ?? role === 'professional' });
  }
  return out;
}
