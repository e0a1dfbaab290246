// The bot's typed commands: one list for the help card and the Teams manifest's command list.
export interface Command {
  /** What the user types (Teams shows it in the compose box; at most 32 characters). */
  title: string;
  /** At most 128 characters (manifest limit). */
  description: string;
  /** How to type it, with its argument. */
  usage: string;
  /** On the help card only: Teams' command menu holds at most 10 commands. */
  helpOnly?: boolean;
}

export const COMMANDS: readonly Command[] = [
  { title: 'help', usage: 'help', description: 'What this bot does and the commands it understands' },
  { title: 'schedule', usage: 'schedule', description: 'Schedule a child protection conference (opens the form)' },
  { title: 'my reviews', usage: 'my reviews', description: 'Reviews and other items due where you are chair, invitee or core group member, soonest first' },
  { title: 'next review', usage: 'next review <case ref>', description: 'The next review of a case you are involved in' },
  { title: 'overdue', usage: 'overdue', description: 'Conferences, reviews and other items past their due date' },
  { title: 'record', usage: 'record <case ref>', description: "The record of the case's latest conference: who came, the views, the decision and the plan", helpOnly: true },
  { title: 'change', usage: 'change <case ref>', description: 'Move a scheduled conference, invite or remove someone, remind those who have not answered (Unit, chair; 1:1)', helpOnly: true },
  { title: 'cancel', usage: 'cancel <case ref>', description: 'Cancel a scheduled conference with a reason; everyone invited is told 1:1 (Unit, chair)', helpOnly: true },
  { title: 'who has not answered', usage: 'who has not answered <case ref>', description: 'Who has not answered the invitation, with a button to remind them (Unit, chair)', helpOnly: true },
  { title: 'book review', usage: 'book review <case ref>', description: 'Open the scheduling form prefilled for the review of a case (Unit)', helpOnly: true },
  { title: 'start', usage: 'start <case ref>', description: 'Post the agenda and the check-in card in this chat (chair)' },
  { title: 'end plan', usage: 'end plan <case ref> <reason>', description: 'End a plan without a review (asks to confirm): died, turned 18, married, left the UK, moved to another area' },
  { title: 'receiving conference', usage: 'receiving conference <case ref>', description: "After a permanent move: the receiving area's conference was held, so the plan ends here (opens the form; chair)" },
  { title: 'core group held', usage: 'core group held <case ref>', description: 'Record a core group meeting and the date of the next, 4 to 6 weeks later (opens the form; core group, chair)' },
  { title: 'minutes sent', usage: 'minutes sent <case ref> [date]', description: 'Mark the minutes sent; also: amendments closed, split referred, panel held, exceptional <case ref> <reason> (chair)' },
];

/** The commands in Teams' command menu (at most 10). */
export const MENU_COMMANDS: readonly Command[] = COMMANDS.filter((c) => !c.helpOnly);
