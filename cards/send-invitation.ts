// For the Child Protection Unit (1:1): someone the bot cannot message (a parent, the child, a
// partner in another organisation), what to send them — a plain-English invitation and a
// calendar file — and where to record their answer on their behalf.
import { z } from 'zod';
import { PersonName, Role, Rsvp } from '../src/rules/types.js';
import { Agency } from '../src/rules/types.js';
import { Id, LocalDateTime, NamedChild, Occasion } from './common.js';
import { defineCard } from './define.js';
import { KIND_LABEL, ROLE_LABEL, RSVP_LABEL, agencyLabel, formatDateTime, choicesOf } from './labels.js';
import { namedChildLine } from './present.js';
import template from './templates/send-invitation.json' with { type: 'json' };

export const SendInvitationView = z.object({
  ...Occasion,
  child: NamedChild,
  chair: PersonName,
  /** When reports are shared (the family's copy) or due. */
  reportsBy: LocalDateTime.optional(),
  person: z.object({
    id: Id,
    name: PersonName,
    agency: Agency,
    role: Role,
    contactLine: z.string().trim().min(1).max(300),
  }),
  /** Their answer as recorded, and by whom. */
  answer: z.object({ rsvp: Rsvp, deputyName: PersonName.optional(), recordedBy: PersonName }).optional(),
  /** The signed link to the calendar file; absent when links are not configured. */
  calendarUrl: z.url().optional(),
});
export type SendInvitationView = z.input<typeof SendInvitationView>;

const FAMILY_ROLES: readonly z.infer<typeof Role>[] = ['family', 'advocate', 'supporter'];

/**
 * The invitation in plain English. Family wording says what a conference is, that they may
 * bring a supporter or advocate, and that the reports will be shared with them (Bolton
 * procedures, Attendance; council process page).
 */
export function invitationLetter(v: z.output<typeof SendInvitationView>): string {
  const when = formatDateTime(v.startsAt);
  const where = v.location ? ` at ${v.location}` : '';
  const child = v.child.fullName ?? 'your child';
  if (FAMILY_ROLES.includes(v.person.role) || v.person.agency === 'family' || v.person.agency === 'advocacy') {
    return [
      `Dear ${v.person.name},`,
      `You are invited to a child protection conference about ${child} on ${when}${where}. ${v.chair} will chair it.`,
      'A child protection conference is a meeting between you, your family and the professionals who work with your child. Together we look at how your child is doing, what is going well and what worries people, and agree what needs to happen to keep your child safe.',
      'You may bring someone to support you, such as a friend, relative or advocate. Please tell us who will come with you.',
      `The reports written for the conference will be shared with you before it${v.reportsBy ? ` (by ${formatDateTime(v.reportsBy)})` : ''}, so that you have time to read them and ask questions.`,
      'Please let the Child Protection Unit know whether you can come. If you cannot, we will tell you how you can still give your views.',
    ].join('\n\n');
  }
  return [
    `Dear ${v.person.name},`,
    `You are invited to the ${KIND_LABEL[v.kind].toLowerCase()} for case ${v.child.caseRef} (${v.child.initials}) on ${when}${where}, chaired by ${v.chair}, as ${agencyLabel(v.person.agency)}.`,
    `Please reply to the Child Protection Unit: attending, apologies, a written report, or a briefed deputy (with their name).${v.reportsBy ? ` Reports are due by ${formatDateTime(v.reportsBy)}.` : ''}`,
    'If you cannot attend but hold important information about the child, please send a written report.',
  ].join('\n\n');
}

export const sendInvitationCard = defineCard(SendInvitationView, template, (v) => ({
  conferenceId: v.conferenceId,
  personId: v.person.id,
  title: `Not on Teams: ${v.person.name}`,
  childText: namedChildLine(v.child),
  whenText: `${KIND_LABEL[v.kind]} · ${formatDateTime(v.startsAt)}${v.location ? ` · ${v.location}` : ''}`,
  whoText: `${v.person.name} — ${agencyLabel(v.person.agency)}, ${ROLE_LABEL[v.person.role]}`,
  // Shown as typed but never auto-linked (the "Email the invitation" button carries the address).
  contactLine: v.person.contactLine.replace(/@/g, '\u200B@'),
  letter: invitationLetter(v),
  calendarUrl: v.calendarUrl,
  mailto: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.person.contactLine)
    ? `mailto:${encodeURIComponent(v.person.contactLine)}?subject=${encodeURIComponent(`Child protection conference, ${formatDateTime(v.startsAt)}`)}&body=${encodeURIComponent(invitationLetter(v))}`.slice(0, 2000)
    : undefined,
  answerText: v.answer ? `Answer recorded by ${v.answer.recordedBy}: ${RSVP_LABEL[v.answer.rsvp]}${v.answer.deputyName ? ` (${v.answer.deputyName})` : ''}` : 'No answer recorded yet.',
  answer: v.answer?.rsvp ?? '',
  deputyName: v.answer?.deputyName ?? '',
  answerChoices: choicesOf(RSVP_LABEL),
}));
