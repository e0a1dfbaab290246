// Conferences happen on the area's wall clock (Europe/London); storage keeps UTC instants.
const ZONE = 'Europe/London';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DDTHH:mm` on the London clock. */
export function localDateTime(instant: Date): string {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** `YYYY-MM-DD` on the London clock: "today" for the rules. */
export const localDate = (instant: Date): string => localDateTime(instant).slice(0, 10);

/** The UTC instant of a London wall-clock time (GMT or BST, whichever is in force then). */
export function fromLocal(local: string): Date {
  const guess = new Date(`${local}:00Z`);
  // The offset at the guessed instant is the offset at the local time except within the
  // clock-change hour, where either reading is acceptable for a meeting time.
  const offsetMs = new Date(`${localDateTime(guess)}:00Z`).getTime() - guess.getTime();
  return new Date(guess.getTime() - offsetMs);
}
