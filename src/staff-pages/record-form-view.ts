import { ATTENDANCE_STATUSES, JOINED_BY } from '../minutes/minutes.dto';
import { VIEWS_OBTAINED_BY } from '../minutes/record-content.dto';
import {
  CHILD_PARTICIPATION_CODES,
  CHILD_PARTICIPATION_MEANINGS,
  CP_CATEGORIES,
  REVIEW_METHODS,
} from '../meeting-types/meeting-types';
import { outcomeLabel } from '../meeting-types/labels';
import { FormValues, RecordFormMeeting, rowCount } from './record-form';
import {
  ATTENDANCE_LABELS,
  CATEGORY_LABELS,
  JOINED_BY_LABELS,
  METHOD_LABELS,
  VIEWS_OBTAINED_LABELS,
} from './record-labels';
import { contentSections } from './record-form-content-view';
import type { FormField, FormGroup, FormSection } from './record-form-fields';

export type { FormField, FormGroup, FormSection };

/** One GOV.UK form field as `templates/partials/record-field.hbs` draws it. */
const SHARE = 'Share this in the family’s copy of the record';
const YES_NO = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];

/** The record form's sections for this meeting's type, filled with `values` and each field's error. */
export function recordFormSections(
  meeting: RecordFormMeeting,
  values: FormValues,
  errors: Record<string, string>,
): { sections: FormSection[]; decisionRows: number; actionRows: number; dissentRows: number } {
  const value = (id: string) => {
    const v = values[id];
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  };
  const chosen = (id: string) => {
    const v = values[id];
    return Array.isArray(v) ? v : v ? [v] : [];
  };
  const options = (id: string, list: { value: string; text: string }[], blank?: string) => [
    ...(blank !== undefined ? [{ value: '', text: blank, checked: value(id) === '' }] : []),
    ...list.map((o) => ({ ...o, checked: chosen(id).includes(o.value) })),
  ];
  const field = (kind: FormField['kind'], id: string, label: string, more: Partial<FormField> = {}): FormField => ({
    kind,
    id,
    label,
    value: value(id),
    error: errors[id],
    ...more,
  });
  const select = (id: string, label: string, list: { value: string; text: string }[], more: Partial<FormField> = {}) =>
    field('select', id, label, { options: options(id, list, 'Choose'), ...more });
  const radios = (id: string, label: string, list: { value: string; text: string }[], more: Partial<FormField> = {}) =>
    field('radios', id, label, { options: options(id, list), ...more });
  const share = (id: string) => field('checkbox', id, SHARE, { options: options(id, [{ value: 'yes', text: SHARE }]) });
  const coded = <T extends string>(codes: readonly T[], labels: Readonly<Record<T, string>>) =>
    codes.map((code) => ({ value: code, text: labels[code] }));
  const decisionRows = rowCount(values, 'decisionRows', countRows(values, 'decision', 'text'));
  const more = contentSections(
    meeting,
    values,
    {
      field,
      select,
      radios,
      share,
      checkboxes: (id, label, list) => field('checkboxes', id, label, { options: options(id, list) }),
      date: (id, label) =>
        field('date', id, label, {
          day: value(`${id}-day`),
          month: value(`${id}-month`),
          year: value(`${id}-year`),
          error: errors[`${id}-day`],
        }),
    },
    decisionRows,
  );

  const sections: FormSection[] = [];
  sections.push({
    id: 'how-held',
    heading: 'How each part was held',
    groups: meeting.sessions.map((s, i) => ({
      heading: s.heading,
      fields: [
        radios(`session-${i}-method`, `How ${s.heading} was held`, coded(REVIEW_METHODS, METHOD_LABELS)),
        field('textarea', `session-${i}-reason`, 'Why, if it was not held in person', {
          hint: 'Needed for video, phone, a mix, or separate conversations',
        }),
      ],
    })),
  });
  sections.push({
    id: 'attendance',
    heading: 'Who attended',
    hint: 'Account for everyone invited.',
    groups: meeting.participants.map((p, i) => ({
      heading: `${p.name} (${p.role})`,
      fields: [
        select(`attendance-${i}-status`, `Attendance of ${p.name}`, coded(ATTENDANCE_STATUSES, ATTENDANCE_LABELS)),
        select(`attendance-${i}-joinedBy`, `How ${p.name} joined`, coded(JOINED_BY, JOINED_BY_LABELS), {
          hint: 'If they attended',
        }),
        field('text', `attendance-${i}-note`, `Note on the attendance of ${p.name}`, { hint: 'Optional' }),
      ],
    })),
  });
  sections.push(...more.afterAttendance);
  const childGroups: FormGroup[] = meeting.cases.map((c, i) => ({
    heading: `Case ${c.reference}`,
    fields: [
      ...(meeting.rules.childParticipation
        ? [
            select(
              `pn-${i}`,
              `How the child of ${c.reference} took part (participation code)`,
              CHILD_PARTICIPATION_CODES.map((code) => ({
                value: code,
                text: `${code}: ${CHILD_PARTICIPATION_MEANINGS[code]}`,
              })),
            ),
          ]
        : []),
      ...(meeting.rules.childViews
        ? [
            field('textarea', `childViews-${i}-views`, `The child’s wishes, feelings and views (${c.reference})`),
            field('checkboxes', `childViews-${i}-obtainedBy`, 'How they were obtained', {
              options: options(`childViews-${i}-obtainedBy`, coded(VIEWS_OBTAINED_BY, VIEWS_OBTAINED_LABELS)),
            }),
            field('text', `childViews-${i}-notObtainedReason`, 'Why the views could not be obtained', {
              hint: 'Only if they could not be',
            }),
            share(`childViews-${i}-share`),
          ]
        : []),
    ],
  }));
  if (childGroups.some((g) => g.fields.length))
    sections.push({ id: 'child', heading: 'The child', groups: childGroups });
  const family: FormField[] = [];
  if (meeting.rules.familyViews)
    family.push(
      field('textarea', 'familyViews-parents', 'The parents’ views'),
      field('textarea', 'familyViews-widerFamily', 'The wider family’s and carers’ views', { hint: 'Optional' }),
      radios('familyViews-reportsShared', 'Did the parents see the reports before the meeting?', YES_NO, {
        inline: true,
      }),
      field('text', 'familyViews-reportsNotSharedReason', 'Why they did not', { hint: 'Only if they did not' }),
      share('familyViews-share'),
    );
  if (meeting.rules.advocacy)
    family.push(
      radios('advocacy-offered', 'Was the child offered an independent advocate?', YES_NO, { inline: true }),
      radios('advocacy-used', 'Did the child use one?', YES_NO, { inline: true }),
    );
  if (meeting.rules.legalRepresentation)
    family.push(
      radios('parentsLegallyRepresented', 'Did the parents have legal representation?', YES_NO, { inline: true }),
    );
  if (family.length) sections.push({ id: 'views', heading: 'Views', groups: [{ fields: family }] });
  sections.push(...more.afterViews, ...more.beforeSummary);

  const summary: FormField[] = [
    field('textarea', 'summary', 'Summary of the meeting'),
    radios('planConsidered', 'Was the plan considered?', YES_NO, { inline: true }),
  ];
  if (meeting.rules.familyCopy)
    summary.push(
      field('textarea', 'familySummary', 'The summary the family receives', {
        hint: 'Or say below why the family is not sent the record',
      }),
      field('text', 'familyNotSharedReason', 'Why the family is not sent the record'),
    );
  if (meeting.rules.requiredAgencies)
    summary.push(
      field('text', 'agenciesMissingReason', 'Why social work, police or health took no part', {
        hint: 'Only if one of them did not',
      }),
    );
  if (meeting.rules.quorum)
    summary.push(field('textarea', 'reasonToProceed', 'The chair’s reason to proceed if the meeting was not quorate'));
  sections.push({ id: 'summary-section', heading: 'Summary', groups: [{ fields: summary }] });

  sections.push({
    id: 'decisions',
    heading: 'Decisions',
    hint: 'Each decision with its reasons. Leave a row empty if you do not need it.',
    groups: Array.from({ length: decisionRows }, (_, i) => ({
      heading: `Decision ${i + 1}`,
      fields: [
        field('textarea', `decision-${i}-text`, `Decision ${i + 1}`),
        field('textarea', `decision-${i}-rationale`, `Reasons for decision ${i + 1}`),
        field('text', `decision-${i}-dissent`, `Dissent from decision ${i + 1}`, { hint: 'Optional' }),
        share(`decision-${i}-share`),
      ],
    })),
  });
  sections.push(...more.afterDecisions);
  const actionRows = rowCount(values, 'actionRows', countRows(values, 'action', 'description'));
  const owners = meeting.owners.map((o) => ({ value: o.personId, text: o.name }));
  const cases = meeting.cases.map((c) => ({ value: c.id, text: c.reference }));
  sections.push({
    id: 'actions',
    heading: 'Actions',
    hint: 'Who does what, by when, and the need it meets.',
    groups: Array.from({ length: actionRows }, (_, i) => ({
      heading: `Action ${i + 1}`,
      fields: [
        field('textarea', `action-${i}-description`, `Action ${i + 1}`),
        select(`action-${i}-owner`, `Who owns action ${i + 1}`, owners),
        ...(meeting.content?.actionsNameCase && meeting.cases.length > 1
          ? [select(`action-${i}-case`, `The victim’s case action ${i + 1} is for`, cases)]
          : []),
        field('date', `action-${i}-due`, `When action ${i + 1} is due`, {
          day: value(`action-${i}-due-day`),
          month: value(`action-${i}-due-month`),
          year: value(`action-${i}-due-year`),
          error: errors[`action-${i}-due-day`],
        }),
        field('text', `action-${i}-need`, `The need action ${i + 1} meets`),
        share(`action-${i}-share`),
      ],
    })),
  });
  if (meeting.rules.outcomes.length)
    sections.push({
      id: 'outcomes',
      heading: 'Outcome',
      groups: meeting.cases.map((c, i) => ({
        heading: `Case ${c.reference}`,
        fields: [
          radios(
            `outcome-${i}-outcome`,
            `Outcome for ${c.reference}`,
            meeting.rules.outcomes.map((o) => ({ value: o, text: outcomeLabel(o) })),
          ),
          ...(meeting.rules.outcomeNeedsCategory.length
            ? [
                select(
                  `outcome-${i}-category`,
                  `Category of abuse for ${c.reference}`,
                  coded(CP_CATEGORIES, CATEGORY_LABELS),
                  {
                    hint: `Only with: ${meeting.rules.outcomeNeedsCategory.map(outcomeLabel).join(', ')}`,
                  },
                ),
              ]
            : []),
          field('textarea', `outcome-${i}-notes`, `Recommendations or notes for ${c.reference}`, { hint: 'Optional' }),
          share(`outcome-${i}-share`),
        ],
      })),
    });
  sections.push(...more.afterOutcomes);
  return { sections, decisionRows, actionRows, dissentRows: more.dissentRows };
}

/** How many rows of a list hold something: the last one written, counted from 1. */
function countRows(values: FormValues, prefix: string, key: string): number {
  let last = 0;
  for (const name of Object.keys(values)) {
    const match = new RegExp(`^${prefix}-(\\d+)-${key}$`).exec(name);
    if (match && values[name]) last = Math.max(last, Number(match[1]) + 1);
  }
  return last;
}
