import { CASE_KINDS, CaseKind } from '../cases/case.entity';
import { MEETING_FORMATS, MeetingFormat } from '../meetings/meeting.entity';
import { PARTICIPANT_ROLE_LABELS } from '../meeting-types/labels';
import type { MeetingTypeRules } from '../meeting-types/meeting-types';
import { atLondonWallClock, isWallClockTime } from '../time/london';
import { dateInput } from './list-filters';
import { UUID } from '../http/uuid.pipe';

/**
 * The "Book a meeting" form as the browser sends it (every value a string), read into a booking or into messages
 * by field: the GOV.UK error summary and the message beside each field come from here. Pure, so each rule is a unit
 * test; what needs the database (the case, the people, clashes, keep-apart rules) the booking service checks and the
 * page maps back. Parts are `s0-…`, `s1-…`; people `p0-…`, `p1-…`; the counts travel in `parts` and `people`.
 */

export type BookingFields = Record<string, string | undefined>;

/** The API takes up to 20 parts and 200 people; a form longer than this is booked through the API. */
export const MAX_PARTS = 8;
export const MAX_PEOPLE = 30;
/** People rows on a fresh form. */
export const FIRST_PEOPLE_ROWS = 2;

const TOP_FIELDS = [
  'type',
  'case',
  'newCase',
  'caseKind',
  'caseInitials',
  'chairFind',
  'chairId',
  'format',
  'allowOverlap',
];
const PART_FIELDS = ['label', 'date-day', 'date-month', 'date-year', 'start', 'end'];
export const JOIN_FIELDS = ['videoUrl', 'dialInNumber', 'accessCode', 'venue'] as const;
/** A person's row: `find` is what was typed to search the directory for them (see booking-people.ts). */
export const PERSON_FIELDS = ['find', 'person', 'role', 'report', 'interpreter', 'phoneOnly', 'assistedVideo', 'needs'];

/** Family roles: not offered for a type family members do not attend. */
const FAMILY_ROLES = new Set(['PARENT', 'CARER', 'CHILD', 'GRANDPARENT']);

export const CASE_KIND_WORDS: Readonly<Record<CaseKind, string>> = {
  CHILD: 'Child',
  ADULT_VICTIM: 'Adult victim (MARAC)',
};

/** The reference rule of `POST /api/cases` (CreateCaseDto), so a new case is refused on the form and not at booking. */
const CASE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/;

const count = (raw: string | undefined, fallback: number, max: number) => {
  const n = Number.parseInt(raw ?? '', 10);
  return Number.isFinite(n) ? Math.min(Math.max(n, 1), max) : fallback;
};
export const partCount = (fields: BookingFields) => count(fields.parts, 1, MAX_PARTS);
export const personCount = (fields: BookingFields) => count(fields.people, FIRST_PEOPLE_ROWS, MAX_PEOPLE);

/** Every field of a form with these many parts and people: carried unchanged to "check your answers" and back. */
export function bookingFieldNames(parts: number, people: number): string[] {
  return [
    ...TOP_FIELDS,
    'parts',
    'people',
    ...Array.from({ length: parts }, (_, i) => [...PART_FIELDS, ...JOIN_FIELDS].map((f) => `s${i}-${f}`)).flat(),
    ...Array.from({ length: people }, (_, j) => [
      ...PERSON_FIELDS.map((f) => `p${j}-${f}`),
      ...Array.from({ length: parts }, (_, i) => `p${j}-part-${i}`),
    ]).flat(),
  ];
}

/** The fields of the form as posted, no more (a stray field never reaches a page). */
export function bookingFieldsOf(body: BookingFields): BookingFields {
  const names = bookingFieldNames(partCount(body), personCount(body));
  return Object.fromEntries(names.map((name) => [name, body[name] ?? '']));
}

/** The roles offered for a type, as words: never the chair's (booked with the meeting), family ones only where family attend. */
export function rolesFor(rules: MeetingTypeRules): [string, string][] {
  return Object.entries(PARTICIPANT_ROLE_LABELS).filter(
    ([code]) => code !== 'CHAIR' && (rules.familyMayAttend || !FAMILY_ROLES.has(code)),
  );
}

export interface BookingPart {
  label: string | null;
  startsAt: Date;
  endsAt: Date;
  join: { videoUrl: string | null; dialInNumber: string | null; accessCode: string | null; venue: string | null };
}

export interface BookingPerson {
  personId: string;
  role: string;
  reportRequired: boolean;
  /** Indexes of the parts attended. */
  parts: number[];
  accessNeeds: { interpreterLanguage: string | null; phoneOnly: boolean; assistedVideo: boolean; notes: string | null };
  /** The form row, for an error the service names by position. */
  row: number;
}

export interface BookingInput {
  caseReference: string;
  /** Set when the case is created with the booking (the reference is new). */
  newCase: { kind: CaseKind; subjectInitials: string | null } | null;
  chairId: string;
  format: MeetingFormat;
  allowOverlap: boolean;
  parts: BookingPart[];
  participants: BookingPerson[];
}

export function readBookingForm(
  fields: BookingFields,
  rules: MeetingTypeRules,
): { booking: BookingInput | null; errors: Record<string, string> } {
  const value = (name: string) => (fields[name] ?? '').trim();
  const ticked = (name: string) => value(name) === 'yes';
  const errors: Record<string, string> = {};
  const caseReference = value('case');
  if (!caseReference) errors.case = 'Enter the case reference';
  let newCase: BookingInput['newCase'] = null;
  if (ticked('newCase')) {
    if (caseReference && !CASE_REFERENCE.test(caseReference))
      errors.case = 'A new case reference is up to 40 letters, digits and / _ . -';
    const kind = (rules.caseKinds.length === 1 ? rules.caseKinds[0] : value('caseKind')) as CaseKind;
    if (!CASE_KINDS.includes(kind) || !rules.caseKinds.includes(kind)) errors.caseKind = 'Choose who the case is about';
    const initials = value('caseInitials');
    if (initials.length > 10) errors.caseInitials = 'Enter initials of up to 10 characters, like A.T.';
    newCase = { kind, subjectInitials: initials || null };
  }
  if (!UUID.test(value('chairId'))) errors.chairId = 'Choose who chairs the meeting';
  const format = value('format') as MeetingFormat;
  const formatKnown = MEETING_FORMATS.includes(format);
  if (!formatKnown) errors.format = 'Choose how people attend';

  const partTotal = partCount(fields);
  const parts: (BookingPart | null)[] = Array.from({ length: partTotal }, (_, i) =>
    readPart((name) => value(`s${i}-${name}`), `s${i}-`, partTotal > 1 ? `part ${i + 1}` : 'the meeting'),
  );

  const participants: BookingPerson[] = [];
  for (let row = 0; row < personCount(fields); row++) {
    const field = (name: string) => `p${row}-${name}`;
    const personId = value(field('person'));
    const role = value(field('role'));
    if (!personId && !role) continue;
    const who = `person ${row + 1}`;
    if (!UUID.test(personId)) errors[field('person')] = `Choose ${who}, or leave their role empty`;
    else if (!rolesFor(rules).some(([code]) => code === role)) errors[field('role')] = `Choose what ${who} attends as`;
    const attends = partTotal === 1 ? [0] : [...Array(partTotal).keys()].filter((i) => ticked(field(`part-${i}`)));
    if (!attends.length) errors[field('part-0')] = `Choose which parts ${who} attends`;
    const interpreter = value(field('interpreter'));
    if (interpreter.length > 60) errors[field('interpreter')] = 'Enter the language in up to 60 characters';
    const notes = value(field('needs'));
    if (notes.length > 1000) errors[field('needs')] = 'Describe their needs in up to 1,000 characters';
    participants.push({
      personId,
      role,
      reportRequired: ticked(field('report')),
      parts: attends,
      accessNeeds: {
        interpreterLanguage: interpreter || null,
        phoneOnly: ticked(field('phoneOnly')),
        assistedVideo: ticked(field('assistedVideo')),
        notes: notes || null,
      },
      row,
    });
  }

  function readPart(v: (name: string) => string, prefix: string, what: string): BookingPart | null {
    const date = dateInput(v('date-day'), v('date-month'), v('date-year'));
    if (!date)
      errors[`${prefix}date-day`] =
        date === '' ? `Enter the date of ${what}` : 'The date must be a real date, like 27 3 2027';
    if (!isWallClockTime(v('start')))
      errors[`${prefix}start`] = `Enter the start time of ${what} on the 24-hour clock, like 09:30`;
    if (v('end') && !isWallClockTime(v('end')))
      errors[`${prefix}end`] = 'Enter the end time on the 24-hour clock, like 11:00';
    if (v('label').length > 120) errors[`${prefix}label`] = 'Enter a name of up to 120 characters';
    const join = {
      videoUrl: v('videoUrl') || null,
      dialInNumber: v('dialInNumber') || null,
      accessCode: v('accessCode') || null,
      venue: v('venue') || null,
    };
    if (join.videoUrl && !/^https:\/\/[^\s"<>]+$/i.test(join.videoUrl))
      errors[`${prefix}videoUrl`] = 'Enter the video link as a full https:// address';
    if (formatKnown && format !== 'IN_PERSON' && !join.videoUrl && !join.dialInNumber)
      errors[`${prefix}videoUrl`] = `Enter a video link or a dial-in number for ${what}`;
    if (formatKnown && format !== 'VIRTUAL' && !join.venue) errors[`${prefix}venue`] = `Enter where ${what} is held`;
    if (!date || errors[`${prefix}start`] || errors[`${prefix}end`]) return null;
    try {
      const startsAt = atLondonWallClock(date, v('start'));
      const endsAt = v('end')
        ? atLondonWallClock(date, v('end'))
        : new Date(startsAt.getTime() + rules.defaultDurationMinutes * 60_000);
      if (endsAt <= startsAt) errors[`${prefix}end`] = 'The end time must be after the start time';
      return { label: v('label') || null, startsAt, endsAt, join };
    } catch {
      errors[`${prefix}start`] = 'This time does not exist in the UK that day: the clocks go forward';
      return null;
    }
  }

  if (Object.keys(errors).length || parts.some((p) => !p)) return { booking: null, errors };
  return {
    booking: {
      caseReference,
      newCase,
      chairId: value('chairId'),
      format,
      allowOverlap: ticked('allowOverlap'),
      parts: parts as BookingPart[],
      participants,
    },
    errors,
  };
}

/** The form field an error of the booking API (`sessions[1].join.venue`, `participants[1].personId`) belongs beside. */
export function fieldOfApiError(path: string, participants: BookingPerson[]): string {
  const person = /^participants\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (person) {
    const row = participants[Number(person[1])]?.row ?? 0;
    const detail = path.slice(person[0].length);
    if (person[2] === 'sessions' || person[2] === 'caseIds') return `p${row}-part-0`;
    if (person[2] === 'role') return `p${row}-role`;
    if (person[2] === 'accessNeeds') return /notes/.test(detail) ? `p${row}-needs` : `p${row}-interpreter`;
    return `p${row}-person`;
  }
  const part = /^sessions\[(\d+)\]\.?(.*)$/.exec(path);
  if (part) {
    const [, index, rest] = part;
    const join = JOIN_FIELDS.find((f) => rest.includes(f));
    const field =
      join ??
      (rest.startsWith('join')
        ? 'videoUrl'
        : rest.startsWith('label')
          ? 'label'
          : rest.startsWith('endsAt')
            ? 'end'
            : 'start');
    return `s${index}-${field}`;
  }
  if (path.startsWith('chair')) return 'chairId';
  if (path === 'kind') return 'caseKind';
  if (path === 'subjectInitials') return 'caseInitials';
  return 'case';
}
