import type { Case } from '../cases/case.entity';
import type { NewDelivery } from '../deliveries/outbox';
import type { Person } from '../directory/person.entity';
import { FieldError, Problem } from '../http/problem';
import type { MeetingTypeRules } from '../meeting-types/meeting-types';
import { londonDateOf } from '../time/london';
import type { AccessNeedsDto, AddParticipantDto, BookMeetingDto, JoiningDetailsDto } from './book-meeting.dto';
import type { MeetingFormat } from './meeting.entity';
import type { Slot } from './meetings.repository';

/*
 * The checks a booking and its changes make before anything is written: pure functions over the request, the rules
 * table and the rows already read, each answering with the fields at fault.
 */

/** Personal links work until this long after the meeting's last session. */
export const LINK_LIFETIME_AFTER_MEETING_MS = 28 * 24 * 3_600_000;

/** Someone about to be written as a participant. */
export interface Attendee {
  personId: string;
  role: string;
  isChair: boolean;
  sessionIds: string[];
  reportRequired: boolean;
  caseIds?: string[] | null;
  interpreterLanguage?: string | null;
  phoneOnly?: boolean;
  assistedVideo?: boolean;
  accessibilityNotes?: string | null;
}

export function accessNeedsOf(p: {
  accessNeeds?: AccessNeedsDto;
}): Pick<Attendee, 'interpreterLanguage' | 'phoneOnly' | 'assistedVideo' | 'accessibilityNotes'> {
  return {
    interpreterLanguage: p.accessNeeds?.interpreterLanguage ?? null,
    phoneOnly: p.accessNeeds?.phoneOnly ?? false,
    assistedVideo: p.accessNeeds?.assistedVideo ?? false,
    accessibilityNotes: p.accessNeeds?.notes ?? null,
  };
}

/**
 * A meeting held in parts is held when its last part is held (README "Rules"): a LAC review whose short first part
 * (the IRO with the young person) comes before the review meeting is dated by the review meeting, for timeliness,
 * the record's due dates and the next review alike.
 */
export function heldOnOf(parts: Slot[]): string {
  return londonDateOf(new Date(Math.max(...parts.map((s) => s.startsAt.getTime()))));
}

/** Ids a client sent that name nothing, or people who may not take part: 422 naming each field. */
export function throwUnprocessable(errors: FieldError[]): void {
  if (errors.length) throw new Problem(422, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

/** Which joining details each format needs (API.md "Meetings"). */
export function joinProblems(format: MeetingFormat, join: JoiningDetailsDto | undefined, field: string): FieldError[] {
  const remote = Boolean(join?.videoUrl || join?.dialInNumber);
  const venue = Boolean(join?.venue);
  const errors: FieldError[] = [];
  const described = format.toLowerCase().replace('_', '-');
  if ((format === 'VIRTUAL' || format === 'HYBRID') && !remote) {
    errors.push({ field: `${field}.join`, message: `a ${described} session needs a videoUrl or a dialInNumber` });
  }
  if ((format === 'IN_PERSON' || format === 'HYBRID') && !venue) {
    errors.push({ field: `${field}.join.venue`, message: `a ${described} session needs a venue` });
  }
  return errors;
}

export function slotProblems(slot: Slot, field: string): FieldError[] {
  // The request's validation refuses an instant that names no real time; this keeps it a 400 should one get past.
  if (Number.isNaN(slot.startsAt.getTime()))
    return [{ field: `${field}.startsAt`, message: 'is not a real date and time' }];
  if (Number.isNaN(slot.endsAt.getTime()))
    return [{ field: `${field}.endsAt`, message: 'is not a real date and time' }];
  if (slot.endsAt <= slot.startsAt) return [{ field: `${field}.endsAt`, message: 'must be after startsAt' }];
  if (slot.endsAt.getTime() - slot.startsAt.getTime() > 12 * 3_600_000)
    return [{ field: `${field}.endsAt`, message: 'a session lasts at most 12 hours' }];
  return [];
}

/** The sessions and participants of a booking, as far as they can be judged without the database: 400. */
export function shapeProblems(dto: BookMeetingDto, slots: Slot[], participants: AddParticipantDto[]): FieldError[] {
  const errors: FieldError[] = [];
  dto.sessions.forEach((session, i) => {
    errors.push(
      ...slotProblems(slots[i], `sessions[${i}]`),
      ...joinProblems(dto.format, session.join, `sessions[${i}]`),
    );
  });
  const seen = new Set<string>();
  participants.forEach((p, i) => {
    if (seen.has(p.personId)) errors.push({ field: `participants[${i}].personId`, message: 'is listed twice' });
    seen.add(p.personId);
    (p.sessions ?? []).forEach((index) => {
      if (index >= dto.sessions.length) {
        errors.push({
          field: `participants[${i}].sessions`,
          message: `session ${index} does not exist (the meeting has ${dto.sessions.length})`,
        });
      }
    });
  });
  return errors;
}

/** The chair must be a professional of a role that chairs this type; family members only where the type has them. */
export function peopleProblems(
  rules: MeetingTypeRules,
  chairId: string,
  participants: { personId: string }[],
  people: Map<string, Pick<Person, 'kind' | 'staffRole'>>,
  field: (i: number) => string = (i) => `participants[${i}].personId`,
): FieldError[] {
  const errors: FieldError[] = [];
  const chair = people.get(chairId);
  if (!chair) errors.push({ field: 'chairId', message: 'no person has this id' });
  else if (chair.kind !== 'PROFESSIONAL')
    errors.push({ field: 'chairId', message: 'the chair must be a professional' });
  else if (chair.staffRole && !rules.chairRoles.includes(chair.staffRole)) {
    errors.push({
      field: 'chairId',
      message: `a ${rules.shortLabel} is chaired by ${rules.chairRoles.join(' or ')}, and this person is ${chair.staffRole}`,
    });
  }
  participants.forEach((p, i) => {
    const person = people.get(p.personId);
    if (!person) errors.push({ field: field(i), message: 'no person has this id' });
    else if (person.kind === 'FAMILY' && !rules.familyMayAttend) {
      errors.push({ field: field(i), message: `family members are not invited to a ${rules.label}` });
    }
  });
  return errors;
}

/** Each case id must name a case of a kind the type is held about; the cases found keep the order given. */
export function caseProblems<C extends Pick<Case, 'id' | 'kind'>>(
  caseIds: string[],
  found: C[],
  rules: MeetingTypeRules,
): { cases: C[]; errors: FieldError[] } {
  const byId = new Map(found.map((c) => [c.id, c]));
  const errors: FieldError[] = [];
  caseIds.forEach((id, i) => {
    const c = byId.get(id);
    if (!c) errors.push({ field: `caseIds[${i}]`, message: 'no case has this id' });
    else if (!(rules.caseKinds as readonly string[]).includes(c.kind)) {
      errors.push({ field: `caseIds[${i}]`, message: `a ${rules.label} is not held about a case of kind ${c.kind}` });
    }
  });
  return { cases: caseIds.map((id) => byId.get(id)).filter((c): c is C => Boolean(c)), errors };
}

/** A participant's children must be cases of the meeting (an unknown id in a body: 422, naming the field). */
export function casesOutside(
  meetingCaseIds: string[],
  participants: { caseIds?: string[] }[],
  field: (i: number) => string,
): FieldError[] {
  return participants.flatMap((p, i) =>
    (p.caseIds ?? []).some((id) => !meetingCaseIds.includes(id))
      ? [{ field: field(i), message: 'must be cases of this meeting' }]
      : [],
  );
}

/** One calendar message about one part for one participant, at the part's new SEQUENCE. */
export function calendarDelivery(
  meetingId: string,
  participantId: string,
  sessionId: string,
  sequence: number | undefined,
  kind: string,
  email: string | null | undefined,
): NewDelivery {
  if (sequence === undefined) throw new Error(`no SEQUENCE for session ${sessionId}`);
  return { meetingId, participantId, sessionId, kind, sequence, hasAddress: Boolean(email) };
}
