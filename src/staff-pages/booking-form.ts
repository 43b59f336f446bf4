import { MEETING_FORMATS, MeetingFormat } from '../meetings/meeting.entity';
import type { MeetingTypeRules } from '../meeting-types/meeting-types';
import { atLondonWallClock, isWallClockTime } from '../time/london';
import { dateInput } from './list-filters';

/**
 * The "Book a meeting" form as the browser sends it (every value a string), read into a booking or into messages
 * by field: the GOV.UK error summary and the message beside each field come from here. Pure, so each rule is a unit
 * test; what needs the database (the case, the people, clashes) the booking service checks and the page maps back.
 */

export type BookingFields = Record<string, string | undefined>;

/** Up to this many people are invited from the form; more are added on the meeting page or through the API. */
export const PARTICIPANT_ROWS = 4;

/** The form's fields, carried unchanged from the form to "check your answers" and back. */
export const BOOKING_FIELDS = [
  'type',
  'case',
  'chairId',
  'format',
  'date-day',
  'date-month',
  'date-year',
  'start',
  'end',
  'videoUrl',
  'dialInNumber',
  'accessCode',
  'venue',
  ...Array.from({ length: PARTICIPANT_ROWS }, (_, i) => [`p${i}-person`, `p${i}-role`, `p${i}-report`]).flat(),
];

export interface BookingInput {
  caseReference: string;
  chairId: string;
  format: MeetingFormat;
  startsAt: Date;
  endsAt: Date;
  join: { videoUrl: string | null; dialInNumber: string | null; accessCode: string | null; venue: string | null };
  participants: { personId: string; role: string; reportRequired: boolean; row: number }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLE = /^[A-Z][A-Z_]{1,39}$/;

export function readBookingForm(
  fields: BookingFields,
  rules: MeetingTypeRules,
): { booking: BookingInput | null; errors: Record<string, string> } {
  const value = (name: string) => (fields[name] ?? '').trim();
  const errors: Record<string, string> = {};
  if (!value('case')) errors.case = 'Enter the case reference';
  if (!UUID.test(value('chairId'))) errors.chairId = 'Choose who chairs the meeting';
  const format = value('format') as MeetingFormat;
  if (!MEETING_FORMATS.includes(format)) errors.format = 'Choose how people attend';

  const date = dateInput(value('date-day'), value('date-month'), value('date-year'));
  if (!date)
    errors['date-day'] = date === '' ? 'Enter the date of the meeting' : 'The date must be a real date, like 27 3 2027';
  if (!isWallClockTime(value('start'))) errors.start = 'Enter the start time on the 24-hour clock, like 09:30';
  if (value('end') && !isWallClockTime(value('end')))
    errors.end = 'Enter the end time on the 24-hour clock, like 11:00';
  let startsAt: Date | null = null;
  let endsAt: Date | null = null;
  if (date && !errors.start && !errors.end) {
    try {
      startsAt = atLondonWallClock(date, value('start'));
      endsAt = value('end')
        ? atLondonWallClock(date, value('end'))
        : new Date(startsAt.getTime() + rules.defaultDurationMinutes * 60_000);
      if (endsAt <= startsAt) errors.end = 'The end time must be after the start time';
    } catch {
      errors.start = 'This time does not exist in the UK that day: the clocks go forward';
    }
  }

  const join = {
    videoUrl: value('videoUrl') || null,
    dialInNumber: value('dialInNumber') || null,
    accessCode: value('accessCode') || null,
    venue: value('venue') || null,
  };
  if (join.videoUrl && !/^https:\/\/[^\s"<>]+$/i.test(join.videoUrl))
    errors.videoUrl = 'Enter the video link as a full https:// address';
  if (format !== 'IN_PERSON' && MEETING_FORMATS.includes(format) && !join.videoUrl && !join.dialInNumber)
    errors.videoUrl = 'Enter a video link or a dial-in number';
  if (format !== 'VIRTUAL' && MEETING_FORMATS.includes(format) && !join.venue)
    errors.venue = 'Enter where the meeting is held';

  const participants: BookingInput['participants'] = [];
  for (let row = 0; row < PARTICIPANT_ROWS; row++) {
    const personId = value(`p${row}-person`);
    const role = value(`p${row}-role`);
    if (!personId && !role) continue;
    if (!UUID.test(personId)) errors[`p${row}-person`] = `Choose person ${row + 1}, or leave their role empty`;
    else if (!ROLE.test(role)) errors[`p${row}-role`] = `Choose what person ${row + 1} attends as`;
    else participants.push({ personId, role, reportRequired: value(`p${row}-report`) === 'yes', row });
  }

  if (Object.keys(errors).length || !startsAt || !endsAt) return { booking: null, errors };
  return {
    booking: { caseReference: value('case'), chairId: value('chairId'), format, startsAt, endsAt, join, participants },
    errors,
  };
}

/** The form field an error of the booking API (`sessions[0].join`, `participants[1].personId`) belongs beside. */
export function fieldOfApiError(path: string, participants: BookingInput['participants']): string {
  const participant = /^participants\[(\d+)\]/.exec(path);
  if (participant) return `p${participants[Number(participant[1])]?.row ?? 0}-person`;
  if (path.startsWith('chair')) return 'chairId';
  if (path.includes('venue')) return 'venue';
  if (path.includes('join')) return 'videoUrl';
  if (path.startsWith('sessions')) return 'start';
  if (path.startsWith('caseIds')) return 'case';
  return 'type';
}
