import { z } from 'zod';
import { Agency, ConferenceKind, PersonName, Role } from '../src/rules/types.js';
import { Child, Id, LocalDateTime, Person, Presence, Quoracy, RefreshUserIds } from './common.js';
import { defineCard } from './define.js';
import { KIND_LABEL, ROLE_LABEL, agencyLabel, formatDateTime } from './labels.js';
import { childLine, labelled } from './present.js';
import template from './templates/attendance.json' with { type: 'json' };

/** As for the vote card: `everyone` is the posted card (no refresh), the others come from `refresh`. */
export const AttendanceViewer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('everyone') }),
  z.object({ kind: z.literal('member'), name: PersonName, agency: Agency, role: Role, checkedIn: z.boolean() }),
  z.object({ kind: z.literal('chair') }),
]);

const PRESENCE_TEXT: Record<z.infer<typeof Presence>, string> = { teams: 'on Teams', room: 'in the room', phone: 'on the phone' };

/** Someone checked in: who, for which agency, how, and whether the chair recorded it. */
export const PresentPerson = Person.extend({
  /** A briefed deputy: the name of the invitee they stand in for. */
  deputyFor: PersonName.optional(),
  how: Presence.optional(),
  /** The chair checked them in (they did not click themselves). */
  byChair: z.boolean().default(false),
  walkIn: z.boolean().default(false),
});

/** What the chair's check-in tools offer: the people to check in or out, and the agencies. */
export const ChairTools = z.object({
  people: z.array(z.object({ id: Id, name: PersonName, agency: Agency, present: z.boolean() })).max(40),
  agencies: z.array(Agency).min(1).max(30),
});

export const AttendanceView = z.object({
  conferenceId: Id,
  child: Child,
  kind: ConferenceKind,
  startsAt: LocalDateTime,
  present: z.array(PresentPerson),
  /** Answered attending (or a deputy) but not checked in yet. */
  awaited: z.array(Person).default([]),
  quoracy: Quoracy,
  /** The chair's choice when not quorate. */
  decision: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('stood-down'), note: z.string().trim().min(1).max(2000).optional() }),
      z.object({ kind: z.literal('proceeding'), reason: z.string().trim().min(1).max(2000) }),
    ])
    .optional(),
  /** A vote round is open (or was held): no "Open the vote" button. */
  roundOpened: z.boolean().default(false),
  /** How the policy decides: the agencies' vote, or the chair throughout (no vote to open). */
  decisionBy: z.enum(['vote', 'chair']).default('vote'),
  /** Standing down needs an interim plan (the policy's inquorate rule). */
  interimPlanNeeded: z.boolean().default(false),
  /** The policy's reconvene rule as the chair sees it, with its source. */
  reconveneText: z.string().trim().min(1).max(500).optional(),
  viewer: AttendanceViewer.default({ kind: 'everyone' }),
  /** The chair's tools to check people in and out (shown to the chair, and as "(chair)" on the posted card). */
  chairTools: ChairTools.optional(),
  refreshUserIds: RefreshUserIds,
});
export type AttendanceView = z.input<typeof AttendanceView>;

export const attendanceCard = defineCard(AttendanceView, template, (v) => {
  const viewer = v.viewer;
  const member = viewer.kind === 'member' ? viewer : undefined;
  const chairOrAll = viewer.kind === 'chair' || viewer.kind === 'everyone';
  const stoodDown = v.decision?.kind === 'stood-down';
  return {
    conferenceId: v.conferenceId,
    refreshUserIds: v.refreshUserIds,
    childText: childLine(v.child),
    kindLabel: KIND_LABEL[v.kind],
    whenText: formatDateTime(v.startsAt),
    quoracyText: v.quoracy.quorate ? 'Quorate' : 'Not quorate',
    quoracyStyle: v.quoracy.quorate ? 'good' : 'attention',
    counting: v.quoracy.counting.map(agencyLabel),
    missing: v.quoracy.missing,
    decisionText:
      v.decision?.kind === 'stood-down'
        ? `The chair stood the conference down: it is to be reconvened as soon as possible.${v.decision.note ? ` ${v.decision.note}` : ''}`
        : v.decision?.kind === 'proceeding'
          ? `The chair is proceeding without quoracy. Reason recorded: ${v.decision.reason}`
          : undefined,
    presentText: `Checked in (${v.present.length})`,
    present: v.present.map((p) => ({ ...labelled(p), deputyText: presentNote(p) })),
    awaited: v.awaited.map(labelled),
    youText: member?.checkedIn ? `You are checked in as ${agencyLabel(member.agency)}, ${ROLE_LABEL[member.role]}.` : undefined,
    showCheckIn: !stoodDown && (viewer.kind === 'everyone' || (member !== undefined && !member.checkedIn)),
    checkInTitle: member ? `Check in as ${agencyLabel(member.agency)}, ${ROLE_LABEL[member.role]}` : 'Check in',
    showQuoracyChoice: chairOrAll && !v.quoracy.quorate && !v.decision,
    showOpenRound: v.decisionBy === 'vote' && chairOrAll && !v.roundOpened && !stoodDown && (v.quoracy.quorate || v.decision?.kind === 'proceeding'),
    showChairDecision: v.decisionBy === 'chair' && chairOrAll && !v.roundOpened && !stoodDown && (v.quoracy.quorate || v.decision?.kind === 'proceeding'),
    interimPlanNeeded: v.interimPlanNeeded,
    reconveneText: v.reconveneText ?? 'The conference will be reconvened as soon as possible.',
    chairSuffix: viewer.kind === 'everyone' ? ' (chair)' : '',
    showChairTools: chairOrAll && !stoodDown && v.chairTools !== undefined,
    people: (v.chairTools?.people ?? []).map((p) => ({ id: p.id, title: `${p.name} — ${agencyLabel(p.agency)}${p.present ? ' (checked in)' : ''}` })),
    agencyChoices: (v.chairTools?.agencies ?? []).map((a) => ({ value: a, title: agencyLabel(a) })),
    roleChoices: (['professional', 'support-staff', 'advocate', 'supporter', 'family'] as const).map((r) => ({ value: r, title: ROLE_LABEL[r] })),
  };
});

/** ", briefed deputy for Pat Police · in the room · recorded by the chair for Dan Deputy". */
function presentNote(p: z.output<typeof PresentPerson>): string {
  const parts = [
    p.deputyFor ? `briefed deputy for ${p.deputyFor}` : undefined,
    p.walkIn ? 'not invited (walk-in)' : undefined,
    p.how ? PRESENCE_TEXT[p.how] : undefined,
    p.byChair ? `recorded by the chair for ${p.name}` : undefined,
  ].filter(Boolean);
  return parts.length ? ` · ${parts.join(' · ')}` : '';
}
