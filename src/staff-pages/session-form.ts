import type { MeetingFormat } from '../meetings/meeting.entity';
import { atLondonWallClock, formatLondonTime, isWallClockTime, londonDateOf } from '../time/london';
import { dateInput } from './list-filters';

/**
 * The "Change this part" form (a session's date, times and joining details) as the browser sends it, read into the
 * change or into messages by field. Pure, so each rule is a unit test; clashes and the meeting's state the service checks.
 */

export type SessionFields = Record<string, string | undefined>;

export const SESSION_FIELDS = [
  'date-day',
  'date-month',
  'date-year',
  'start',
  'end',
  'videoUrl',
  'dialInNumber',
  'accessCode',
  'venue',
] as const;

export interface SessionChange {
  startsAt: Date;
  endsAt: Date;
  join: { videoUrl: string | null; dialInNumber: string | null; accessCode: string | null; venue: string | null };
}

interface SessionNow {
  startsAt: Date | string;
  endsAt: Date | string;
  join: { videoUrl?: string | null; dialInNumber?: string | null; accessCode?: string | null; venue?: string | null };
}

/** The form filled in with the session as it is, in London time. */
export function sessionFormValues(session: SessionNow): Record<string, string> {
  const startsAt = new Date(session.startsAt);
  const [year, month, day] = londonDateOf(startsAt).split('-');
  return {
    'date-day': String(Number(day)),
    'date-month': String(Number(month)),
    'date-year': year,
    // The form takes HH:mm; the BST/GMT mark shown on the night the clocks go back is not part of it.
    start: formatLondonTime(startsAt).slice(0, 5),
    end: formatLondonTime(new Date(session.endsAt)).slice(0, 5),
    videoUrl: session.join.videoUrl ?? '',
    dialInNumber: session.join.dialInNumber ?? '',
    accessCode: session.join.accessCode ?? '',
    venue: session.join.venue ?? '',
  };
}

export function readSessionForm(
  fields: SessionFields,
  format: MeetingFormat,
): { change: SessionChange | null; errors: Record<string, string> } {
  const value = (name: string) => (fields[name] ?? '').trim();
  const errors: Record<string, string> = {};
  const date = dateInput(value('date-day'), value('date-month'), value('date-year'));
  if (!date)
    errors['date-day'] = date === '' ? 'Enter the date of this part' : 'The date must be a real date, like 27 3 2027';
  if (!isWallClockTime(value('start'))) errors.start = 'Enter the start time on the 24-hour clock, like 09:30';
  if (!isWallClockTime(value('end'))) errors.end = 'Enter the end time on the 24-hour clock, like 11:00';
  let startsAt: Date | null = null;
  let endsAt: Date | null = null;
  if (date && !errors.start && !errors.end) {
    try {
      startsAt = atLondonWallClock(date, value('start'));
      endsAt = atLondonWallClock(date, value('end'));
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
  if (format !== 'IN_PERSON' && !join.videoUrl && !join.dialInNumber)
    errors.videoUrl = 'Enter a video link or a dial-in number';
  if (format !== 'VIRTUAL' && !join.venue) errors.venue = 'Enter where this part is held';
  if (Object.keys(errors).length || !startsAt || !endsAt) return { change: null, errors };
  return { change: { startsAt, endsAt, join }, errors };
}

/** The form field an error of the session service (`startsAt`, `join.videoUrl`, `venue`) belongs beside. */
export function fieldOfSessionError(path: string): string {
  if (path.includes('venue')) return 'venue';
  if (path.includes('dialIn')) return 'dialInNumber';
  if (path.includes('accessCode')) return 'accessCode';
  if (path.includes('join') || path.includes('video')) return 'videoUrl';
  if (path.includes('end')) return 'end';
  return 'start';
}
