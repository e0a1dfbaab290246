// Shapes shared by the card view models and the card action payloads.
import { z } from 'zod';
import { Agency, CaseRef, ConferenceKind, IsoDate, PersonName, Role } from '../src/rules/types.js';
import { PolicyKey } from '../src/rules/policy-schema.js';

/** The case reference rule is shared with the rules and the store. */
export { CaseRef };

/** An opaque id from the store or Teams (conference, round, person, AAD user). No spaces, no `${`. */
export const Id = z
  .string()
  .trim()
  .min(1, 'an id is required')
  .max(200)
  .regex(/^[^\s${}]+$/, 'an id has no spaces or braces');
export type Id = z.infer<typeof Id>;

/** The child's initials: all a card seen by a group may show of the child besides the case reference. */
export const Initials = z
  .string()
  .trim()
  .regex(/^[A-Za-z](\.? ?[A-Za-z]){0,3}\.?$/, "child's initials: up to 4 letters, e.g. J.S.");
export type Initials = z.infer<typeof Initials>;

/** A wall-clock time in the area (Europe/London) as `YYYY-MM-DDTHH:mm`: cards show it as is. */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'expected a date and time as YYYY-MM-DDTHH:mm');
export type LocalDateTime = z.infer<typeof LocalDateTime>;

/** How a child is named where a group can see: case reference and initials, nothing else. */
export const Child = z.object({ caseRef: CaseRef, initials: Initials });

/** What a form that came back says was wrong, one line each, shown above its inputs. */
export const FormProblems = z.array(z.string().trim().min(1).max(500)).default([]);

/** A form recording a step of a case that was due (a core group met, a duty done, the receiving area's conference). */
export const DueStepForm = z.object({
  child: Child,
  today: IsoDate,
  /** When the step was due. */
  due: IsoDate,
  problems: FormProblems,
});
export type Child = z.infer<typeof Child>;

/** For 1:1 cards to invitees only: the full name may be added. */
export const NamedChild = Child.extend({ fullName: PersonName.optional() });
export type NamedChild = z.infer<typeof NamedChild>;

export const Person = z.object({ name: PersonName, agency: Agency, role: Role });
export type Person = z.infer<typeof Person>;

/** Teams shows a per-user view (`refresh`) to at most 60 users. */
export const RefreshUserIds = z.array(Id).max(60, 'Teams refreshes a card for at most 60 users').default([]);

/** Live or forecast quoracy, as the rules worked it out. */
export const Quoracy = z.object({
  quorate: z.boolean(),
  /** Agencies that count: present (or expected), professional, with direct contact. */
  counting: z.array(Agency),
  /** What is missing, in words, e.g. "Children's Social Care", "1 more agency with direct contact". */
  missing: z.array(z.string().min(1)),
});
export type Quoracy = z.infer<typeof Quoracy>;

/** How someone takes part in the conference: on Teams, in the room, or on the phone. */
export const Presence = z.enum(['teams', 'room', 'phone']);
export type Presence = z.infer<typeof Presence>;

/** Which procedures a card names: the policy's id, and how to name them (its area, and its
 * version where it matters); without a label, the built-in's name. */
export const Procedures = {
  policy: PolicyKey,
  policyLabel: z.string().trim().min(1).max(200).optional(),
};

/** Which conference a 1:1 card is about and when and where it meets (the child's naming differs by card). */
export const Occasion = {
  conferenceId: Id,
  kind: ConferenceKind,
  startsAt: LocalDateTime,
  location: z.string().trim().min(1).max(500).optional(),
};
