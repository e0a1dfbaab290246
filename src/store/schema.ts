// Store-level zod pieces shared by the record families. Domain terms (Agency, Role, Choice…)
// come from src/rules/types.ts; this file adds ids, instants and the JSON-column codec.
import { z } from 'zod';
import { PersonName } from '../rules/types.js';

/**
 * A column holding JSON: the record sees the parsed value, the table a string. Azure Tables
 * stores only flat primitive properties, so nested objects and lists go through this codec.
 */
export function json<T extends z.ZodType>(schema: T) {
  return z.codec(z.string(), schema, {
    decode: (text, ctx) => {
      try {
        return JSON.parse(text) as z.input<T>;
      } catch {
        ctx.issues.push({ code: 'invalid_format', format: 'json', input: text, message: 'not valid JSON' });
        return z.NEVER;
      }
    },
    encode: (value) => JSON.stringify(value),
  });
}

/** A moment as an ISO-8601 UTC string (`…Z`), so that string order is time order. */
export const Instant = z.iso.datetime();
export type Instant = z.infer<typeof Instant>;

/** A conference id is chosen by the bot and used verbatim as a PartitionKey, so it is restricted. */
export const ConferenceId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'conference id: letters, digits and . _ : - (at most 64)');
export type ConferenceId = z.infer<typeof ConferenceId>;

/** A Teams user: the AAD object id (or the Teams id for someone without one) and display name. */
export const UserId = z.string().trim().min(1, 'a user id is required').max(200);
export type UserId = z.infer<typeof UserId>;

/** Teams' own user id (29:…): what proactive messages and mentions are addressed to. */
export const TeamsId = z.string().min(1).max(200);

export const Person = z.object({ userId: UserId, name: PersonName, teamsId: TeamsId.optional() });
export type Person = z.infer<typeof Person>;

/** The local authority's case reference; may contain '/' (encoded in keys). */
export { CaseRef } from '../rules/types.js';

export const FreeText = z.string().trim().min(1).max(4000);
