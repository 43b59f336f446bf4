import { FORMAT_LABELS, participantRoleLabel } from '../meeting-types/labels';
import type { MeetingTypeRules } from '../meeting-types/meeting-types';
import type { MeetingView } from '../meetings/meeting-view';
import { londonDate, londonDateTime, londonTimeRange } from '../templates/london-format';
import { BookingFields, CASE_KIND_WORDS, MAX_PARTS, partCount, personCount, rolesFor } from './booking-form';
import type { PersonChoices } from './booking-people';

/** What the "Book a meeting" form and "check your answers" show: built from the fields, so both pages are pure views. */

export interface PersonOption {
  id: string;
  name: string;
  agency: string | null;
  kind: string;
}

export function bookingFormView(
  fields: BookingFields,
  errors: Record<string, string>,
  rules: MeetingTypeRules,
  people: { chair: PersonChoices; rows: PersonChoices[] },
  offer: { newCase: boolean; overlap: boolean },
) {
  const parts = partCount(fields);
  // A search that found exactly one person chooses them, unless someone is chosen already.
  const select = (
    { options, hint }: PersonChoices,
    findField: string,
    chosenField: string,
    action: string,
    what: string,
  ) => {
    const find = fields[findField] ?? '';
    const chosen = fields[chosenField];
    const only = find.trim() && !chosen && options.length === 1 ? options[0].id : chosen;
    return {
      find: { id: findField, value: find, hint, action, what },
      options: options.map((p) => ({
        value: p.id,
        label: p.agency ? `${p.name} (${p.agency})` : p.name,
        selected: p.id === only,
      })),
    };
  };
  const partName = (i: number) => fields[`s${i}-label`]?.trim() || `Part ${i + 1}`;
  const only = (kinds: (p: PersonOption) => boolean) => (c: PersonChoices) => ({
    ...c,
    options: c.options.filter(kinds),
  });
  const invitable = only((p) => rules.familyMayAttend || p.kind === 'PROFESSIONAL');
  const chairs = only((p) => p.kind === 'PROFESSIONAL');
  const hasAny = (names: string[]) => names.some((n) => (fields[n] ?? '').trim() !== '' || errors[n]);
  return {
    values: fields,
    split: parts > 1,
    partCount: parts,
    peopleCount: personCount(fields),
    manyPeople: personCount(fields) > 1,
    mayAddPart: parts < MAX_PARTS,
    offerNewCase: offer.newCase || fields.newCase === 'yes',
    newCaseChecked: fields.newCase === 'yes',
    caseKinds:
      rules.caseKinds.length > 1
        ? rules.caseKinds.map((kind) => ({
            value: kind,
            label: CASE_KIND_WORDS[kind],
            checked: fields.caseKind === kind,
          }))
        : null,
    offerOverlap: offer.overlap || fields.allowOverlap === 'yes',
    overlapChecked: fields.allowOverlap === 'yes',
    chair: select(chairs(people.chair), 'chairFind', 'chairId', 'find-chair', 'the chair'),
    formats: Object.entries(FORMAT_LABELS).map(([value, label]) => ({
      value,
      label,
      checked: fields.format === value,
    })),
    parts: Array.from({ length: parts }, (_, i) => {
      const f = (name: string) => `s${i}-${name}`;
      return {
        n: i + 1,
        index: i,
        legend: parts > 1 ? `Part ${i + 1}` : 'When and where',
        what: parts > 1 ? `part ${i + 1}` : 'the meeting',
        dateLegend: parts > 1 ? `Date of part ${i + 1}` : 'Date of the meeting',
        ...Object.fromEntries(
          ['label', 'date', 'start', 'end', 'videoUrl', 'dialInNumber', 'accessCode', 'venue'].map((name) => [
            name,
            { id: f(name), value: fields[f(name)] ?? '', error: errors[name === 'date' ? f('date-day') : f(name)] },
          ]),
        ),
        day: fields[f('date-day')],
        month: fields[f('date-month')],
        year: fields[f('date-year')],
      };
    }),
    rows: Array.from({ length: personCount(fields) }, (_, j) => {
      const f = (name: string) => `p${j}-${name}`;
      return {
        n: j + 1,
        index: j,
        person: f('person'),
        role: f('role'),
        report: f('report'),
        ...select(invitable(people.rows[j]), f('find'), f('person'), `find-person-${j}`, `person ${j + 1}`),
        roles: rolesFor(rules).map(([value, label]) => ({ value, label, selected: fields[f('role')] === value })),
        reportChecked: fields[f('report')] === 'yes',
        personError: errors[f('person')],
        roleError: errors[f('role')],
        partsError: errors[f('part-0')],
        partBoxes: Array.from({ length: parts }, (_, i) => ({
          id: f(`part-${i}`),
          label: partName(i),
          checked: fields[f(`part-${i}`)] === 'yes',
        })),
        needs: {
          open:
            hasAny([f('interpreter'), f('needs')]) ||
            fields[f('phoneOnly')] === 'yes' ||
            fields[f('assistedVideo')] === 'yes',
          interpreter: { id: f('interpreter'), value: fields[f('interpreter')] ?? '', error: errors[f('interpreter')] },
          phoneOnly: { id: f('phoneOnly'), checked: fields[f('phoneOnly')] === 'yes' },
          assistedVideo: { id: f('assistedVideo'), checked: fields[f('assistedVideo')] === 'yes' },
          notes: { id: f('needs'), value: fields[f('needs')] ?? '', error: errors[f('needs')] },
        },
      };
    }),
  };
}

/**
 * "Check your answers" from the booking as the service would make it (tried and rolled back): the statutory latest
 * date, the pre-read deadline and, per part, who is invited and how the invitation reaches them.
 */
export function bookingCheckView(
  view: MeetingView,
  rules: MeetingTypeRules,
  names: Map<string, { name: string; agency: string | null }>,
  newCase: boolean,
) {
  const nameOf = (personId: string) => names.get(personId)?.name ?? 'Unknown';
  const split = view.sessions.length > 1;
  return {
    typeLabel: rules.label,
    split,
    caseReference: view.cases[0]?.reference ?? '',
    newCase,
    chairName: nameOf(view.chairId),
    formatLabel: FORMAT_LABELS[view.format],
    dueBy: view.dueBy ? londonDate(view.dueBy) : null,
    withinTimescale:
      view.withinTimescale === null
        ? null
        : view.withinTimescale
          ? 'Yes'
          : 'No: it is later than the statutory latest date. The record will need to say why.',
    preReadDeadline: londonDateTime(view.preReadDeadline),
    parts: view.sessions.map((s) => ({
      heading: split ? `Part ${s.index + 1}${s.label ? `: ${s.label}` : ''}` : 'The meeting',
      when: londonTimeRange(s.startsAt, s.endsAt),
      join: s.join,
      invites: view.participants
        .filter((p) => p.sessionIds.includes(s.id))
        .map((p) => {
          const delivery = p.deliveries.find((d) => d.sessionId === s.id);
          const needs = [
            p.accessNeeds.interpreterLanguage ? `an interpreter for ${p.accessNeeds.interpreterLanguage}` : null,
            p.accessNeeds.phoneOnly ? 'joins by phone only' : null,
            p.accessNeeds.assistedVideo ? 'needs help to join by video' : null,
            p.accessNeeds.notes,
          ].filter(Boolean);
          return {
            name: nameOf(p.personId),
            role: participantRoleLabel(p.role),
            report: p.reportRequired,
            needs: needs.join('; '),
            how:
              delivery?.status === 'NO_EMAIL'
                ? 'No email address: the chair tells them another way'
                : 'A calendar invitation by email',
          };
        }),
    })),
  };
}
