// Conference agendas, posted as a card at the start. Cumbria's and Barnsley's are taken from
// their documents item by item; Bolton's and London's documents give none, so they use a
// default built from what the Bolton procedures say a conference must do.
import { z } from 'zod';

export const AgendaItem = z.object({
  title: z.string().min(1),
  details: z.array(z.string().min(1)),
  /** Only at review conferences (Barnsley: "Review plan actions (RCPC only)"). */
  reviewOnly: z.boolean(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

const item = (title: string, details: string[] = [], reviewOnly = false): AgendaItem => ({ title, details, reviewOnly });

/** Cumbria agenda (seed 001), sections 1–9 in order. */
export const CUMBRIA_AGENDA: readonly AgendaItem[] = [
  item('Conference rules and procedures', ['Principles / Confidentiality / Health & Safety / Equal Opportunities / Complaints / Decisions']),
  item('Introductions and apologies', ['Chair to lead introductions and apologies']),
  item('Family and network details', [
    "Review the genogram including who's living in the family home and what family/network members have been brought into safety planning",
  ]),
  item('What has got us to this point?', ['Family and network to share their understanding of why we are here today']),
  item("What are we worried about / what's working well?", ['Mapping conversation with family, network, and professionals']),
  item("Child and parents' involvement", ['Direct work to be shared', "Parents' involvement"]),
  item('Analysis and judgement', [
    'Review all Danger Statements, Safety Goals and Safety Scales',
    'Does there need to be another Danger Statement?',
    'IRO overall progress and Safety Scale',
  ]),
  item('Conference decision', [
    'Considering the discussion in the conference, should the child be supported by a Child in Need plan or a Child Protection plan?',
    'Please consider and outline the recommendations from each professional as to whether the child should be supported by a Child in Need plan or a Child Protection plan',
  ]),
  item('What needs to happen?', ['Review/pressure test safety plan', 'Contingency planning', 'Conference actions', 'Core Group members']),
];

/** Barnsley chair's guidance (seed 004), "Conference Agenda", in its order. */
export const BARNSLEY_AGENDA: readonly AgendaItem[] = [
  item('Introductions and apologies'),
  item('Child voice', ['Including any advocacy reports']),
  item('Family support and networks'),
  item('Danger statement and safety goals'),
  item('Review plan actions', ['RCPC only'], true),
  item('What we are worried about', [
    'What is the dangerous situation and how is it causing HARM to the child?',
    'What are the complicating factors?',
  ]),
  item('What is working well', ['What are the strengths in parenting and wider network, how are these keeping children SAFE?']),
  item('Chair summary'),
  item('Decision and recommendations', ['Scaling from 0-10', 'Category of harm']),
  item('Finalise the plan', ['Including contingency plan and bottom lines']),
  item('Date of next review and the Core Group', ['Including who is a core group member']),
];

/** Default agenda: the conference's tasks as listed by the Bolton procedures (and London summary). */
export const DEFAULT_AGENDA: readonly AgendaItem[] = [
  item('Introductions, apologies and purpose', ['Confidentiality: information is shared only with those who need it']),
  item('Reports and information', [
    "Children's Social Care report",
    'Reports from the other agencies (shared with the parents beforehand)',
    'Written reports from those unable to attend',
  ]),
  item("The child's wishes and feelings, and the parents' views"),
  item('Review of progress against the Child Protection Plan', [], true),
  item('Analysis', [
    'Has the child suffered significant harm?',
    'Is the child likely to suffer significant harm in the future?',
  ]),
  item('Decision', ['Child Protection Plan, or not (at a review: continue or discontinue)', 'Category of harm']),
  item('If a plan: what needs to happen', [
    'Lead professional',
    'Outline plan and contingency plan',
    'Core group members and the first core group date',
    'Review date',
  ]),
  item('If no plan: support', ['Services, Family Group Conference, Child in Need action plan']),
];
