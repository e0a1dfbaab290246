// A realistic initial conference: 8 agencies, 2 family members, a support worker, a chair.
import type { Person } from '../../cards/common.js';

export const CONFERENCE_ID = 'conf-2025-0412-icpc';
export const ROUND_ID = 'round-1';
export const CHILD = { caseRef: 'CP/2025/0412', initials: 'J.S.' };
/** Must never appear on a card meant for a group chat. */
export const FULL_NAME = 'Jamie Oliver Smithson';
export const NAMED_CHILD = { ...CHILD, fullName: FULL_NAME };

export const CHAIR: Person = { name: 'Helen Ward', agency: 'childrens-social-care', role: 'chair' };

export const PROFESSIONALS: Person[] = [
  { name: 'Sam Patel', agency: 'childrens-social-care', role: 'professional' },
  { name: 'DC Rachel Holt', agency: 'police', role: 'professional' },
  { name: 'Dr Amir Khan', agency: 'gp', role: 'professional' },
  { name: 'Claire Dunn', agency: 'health-visiting', role: 'professional' },
  { name: "Mark O'Neill", agency: 'school', role: 'professional' },
  { name: 'Priya Shah', agency: 'camhs', role: 'professional' },
  { name: 'Tom Reid', agency: 'housing', role: 'professional' },
  { name: 'Lucy Evans', agency: 'probation', role: 'professional' },
];
export const FAMILY: Person[] = [
  { name: 'Karen Smithson', agency: 'family', role: 'family' },
  { name: 'Paul Smithson', agency: 'family', role: 'family' },
];
export const SUPPORT_WORKER: Person = { name: 'Beth Lowe', agency: 'childrens-social-care', role: 'support-staff' };
export const EVERYONE: Person[] = [...PROFESSIONALS, ...FAMILY, SUPPORT_WORKER];
export const AGENCIES = PROFESSIONALS.map((p) => p.agency);
export const USER_IDS = EVERYONE.map((_, i) => `29:1user-${i + 1}`);
