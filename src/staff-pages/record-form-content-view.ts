import { CONSULTED, DISPUTE_STAGES, MARAC_CRITERIA } from '../minutes/record-content.dto';
import { outcomeLabel } from '../meeting-types/labels';
import { londonDate } from '../templates/london-format';
import { dissentRowCount, RecordContentMeeting } from './record-form-content';
import type { FormValues } from './form-read';
import type { FormField, FormSection } from './record-form-fields';
import { CONSULTED_LABELS, CRITERIA_LABELS, DISPUTE_STAGE_LABELS } from './record-labels';

/** The record form's field builders, bound to its values and errors (record-form-view.ts makes them). */
export interface FieldKit {
  field: (kind: FormField['kind'], id: string, label: string, more?: Partial<FormField>) => FormField;
  select: (id: string, label: string, list: { value: string; text: string }[], more?: Partial<FormField>) => FormField;
  radios: (id: string, label: string, list: { value: string; text: string }[], more?: Partial<FormField>) => FormField;
  checkboxes: (id: string, label: string, list: { value: string; text: string }[]) => FormField;
  date: (id: string, label: string) => FormField;
  share: (id: string) => FormField;
}

interface Meeting {
  cases: { id: string; reference: string }[];
  owners: { personId: string; name: string }[];
  content?: RecordContentMeeting;
}

/** Where the issue 22 sections go among the form's own. */
export interface ContentSections {
  afterAttendance: FormSection[];
  afterViews: FormSection[];
  beforeSummary: FormSection[];
  afterDecisions: FormSection[];
  afterOutcomes: FormSection[];
  dissentRows: number;
}

export function contentSections(
  meeting: Meeting,
  values: FormValues,
  kit: FieldKit,
  decisionRows: number,
): ContentSections {
  const none: ContentSections = {
    afterAttendance: [],
    afterViews: [],
    beforeSummary: [],
    afterDecisions: [],
    afterOutcomes: [],
    dissentRows: 0,
  };
  const c = meeting.content;
  if (!c) return none;
  const coded = <T extends string>(codes: readonly T[], labels: Readonly<Record<T, string>>) =>
    codes.map((code) => ({ value: code, text: labels[code] }));
  const agencies = c.agencies.map((a) => ({ value: a.id, text: a.name }));
  const people = meeting.owners.map((o) => ({ value: o.personId, text: o.name }));
  const known = new Set(people.map((p) => p.value));
  const pickable = [
    ...people,
    ...c.staff.filter((s) => !known.has(s.personId)).map((s) => ({ value: s.personId, text: s.name })),
  ];
  const out = { ...none };

  out.afterAttendance.push({
    id: 'reports-received',
    heading: 'Reports received',
    hint: 'From the reports uploaded before the meeting. You do not need to type these.',
    groups: [],
    facts: c.reports.length
      ? c.reports.map((r) => ({
          key: r.who,
          value: r.receivedAt ? `${r.state}, ${r.receivedAt}` : r.state,
        }))
      : [{ key: 'Reports', value: 'Nobody was asked for a report' }],
  });

  if (c.ploLetters)
    out.afterViews.push({
      id: 'plo-letter',
      heading: 'Letter before proceedings',
      hint: 'From the case. A change of date is made on the case.',
      groups: [],
      facts: c.ploLetters.map((l) => ({
        key: `Case ${l.reference}`,
        value: l.on ? `Sent on ${londonDate(l.on)}` : 'No letter recorded',
      })),
    });
  if (c.consultation)
    out.afterViews.push({
      id: 'consultation',
      heading: 'Consultation and dispute resolution',
      groups: [
        {
          heading: 'Consultation forms',
          fields: [
            kit.checkboxes('consultation-sent', 'Consultation forms sent to', coded(CONSULTED, CONSULTED_LABELS)),
            kit.checkboxes(
              'consultation-returned',
              'Consultation forms returned by',
              coded(CONSULTED, CONSULTED_LABELS),
            ),
          ],
        },
        {
          heading: 'IRO dispute resolution',
          fields: [
            kit.select('dispute-stage', 'The stage the dispute reached', coded(DISPUTE_STAGES, DISPUTE_STAGE_LABELS), {
              hint: 'Only if the IRO raised a dispute',
            }),
            kit.date('dispute-raised', 'When it was raised'),
            kit.field('textarea', 'dispute-outcome', 'What came of it', { hint: 'Once resolved' }),
          ],
        },
      ],
    });

  const referralGroups = meeting.cases.flatMap((kase, i) =>
    c.referralCaseIds.includes(kase.id)
      ? [
          {
            heading: `Case ${kase.reference}`,
            fields: [
              kit.select(`referral-${i}-agency`, `Referring agency for ${kase.reference}`, agencies),
              kit.radios(
                `referral-${i}-criteria`,
                `Referral criteria for ${kase.reference}`,
                coded(MARAC_CRITERIA, CRITERIA_LABELS),
              ),
              kit.field('text', `referral-${i}-dash`, `DASH score for ${kase.reference}`, {
                hint: 'From 0 to 27. Needed with visible high risk',
              }),
              kit.field('text', `referral-${i}-children`, `Children in the household of ${kase.reference}`),
            ],
          },
        ]
      : [],
  );
  if (referralGroups.length)
    out.beforeSummary.push({
      id: 'referrals',
      heading: 'Referrals',
      hint: 'Whether a case is a repeat within 12 months is worked out from its earlier MARACs.',
      groups: referralGroups,
    });
  if (c.late)
    out.beforeSummary.push({
      id: 'late',
      heading: 'Held after its latest date',
      hint: `This conference should have been held by ${londonDate(c.late.dueBy)}.`,
      groups: [
        {
          fields: [
            kit.field('textarea', 'lateReason-reason', 'Why it was held late'),
            kit.select('lateReason-chair', 'The chair who agreed it', pickable),
            kit.select('lateReason-manager', 'The children’s social care manager who agreed it', pickable),
          ],
        },
      ],
    });

  const dissentRows = dissentRowCount(values);
  out.dissentRows = dissentRows;
  const decisions = Array.from({ length: decisionRows }, (_, i) => ({
    value: String(i + 1),
    text: `Decision ${i + 1}`,
  }));
  out.afterDecisions.push({
    id: 'dissent',
    heading: 'Dissent by agency',
    hint: 'An agency that disagrees: what with, and why. Leave a row empty if you do not need it.',
    groups: Array.from({ length: dissentRows }, (_, i) => ({
      heading: `Dissent ${i + 1}`,
      fields: [
        kit.select(`dissent-${i}-agency`, `Agency that dissents (dissent ${i + 1})`, agencies),
        kit.select(`dissent-${i}-decision`, `Decision dissented from (dissent ${i + 1})`, decisions, {
          hint: 'Optional',
        }),
        kit.field('textarea', `dissent-${i}-about`, `What the agency disagrees with (dissent ${i + 1})`),
        kit.field('textarea', `dissent-${i}-reason`, `Why (dissent ${i + 1})`),
      ],
    })),
  });

  // Distribution only (issue 22): professionals in the directory not invited, who receive the record when it goes out.
  const notInvited = c.staff.filter((s) => !known.has(s.personId)).map((s) => ({ value: s.personId, text: s.name }));
  if (notInvited.length)
    out.afterOutcomes.push({
      id: 'distribution',
      heading: 'Distribution',
      hint: 'Professionals who were not invited but receive the record when it is sent out, such as an absent GP. Never a family member.',
      groups: [{ fields: [kit.checkboxes('distribution', 'Also send the record to', notInvited)] }],
    });

  if (c.planFor.length)
    out.afterOutcomes.push({
      id: 'plan',
      heading: 'The child protection plan',
      hint: `Only with the outcome: ${c.planFor.map(outcomeLabel).join(', ')}.`,
      groups: [
        {
          fields: [
            kit.select('plan-lead', 'Lead practitioner', pickable),
            kit.checkboxes('plan-coreGroup', 'Core group members', people),
            kit.date('plan-firstCoreGroup', 'The date set for the first core group'),
            kit.date('plan-review', 'The date set for the review conference'),
            kit.share('plan-share'),
          ],
        },
      ],
    });
  return out;
}
