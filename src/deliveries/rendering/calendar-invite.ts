import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalAttendeeType,
  ICalCalendarMethod,
  ICalEventBusyStatus,
  ICalEventClass,
  ICalEventStatus,
} from 'ical-generator';
import { londonDateTime, londonShortDate, londonTimeRange } from '../../templates/london-format';
import { quotedParamsWrittenOnce, calendarText } from './ics-text';

/** How to take part in one session. Any of them may be missing; an in-person session has only a venue. */
export interface JoiningDetails {
  videoUrl?: string | null;
  dialInNumber?: string | null;
  accessCode?: string | null;
  venue?: string | null;
}

/**
 * The one plain object an invitation is made from: one session, one recipient (INVITES.md I2), like Cal.com's
 * CalendarEvent. Everything in it ends up in the `.ics`, which every client shows and some share.
 */
export interface CalendarInvite {
  method: 'REQUEST' | 'CANCEL';
  /** Stored per session, generated once: `<uuid>@<our domain>`, nothing personal (INVITES.md C1, C2). */
  uid: string;
  /** Stored per session, raised by the organiser for every re-send (INVITES.md C3, C4). */
  sequence: number;
  /** DTSTAMP: when this message was written. */
  stamp: Date;
  /** Instants, written in UTC (`…Z`) with no time zone (INVITES.md D1). */
  start: Date;
  end: Date;
  /** Built by meetingTitle(): type, case reference and date, never a name (INVITES.md I1). */
  summary: string;
  /** Plain text, built by describeInvite(). */
  description: string;
  /** locationOf(join): the video link, else the venue, else the phone number. */
  location: string | null;
  /** The recipient's personal link. */
  url: string | null;
  /** The service mailbox, the same address as the email's From (INVITES.md F3, A8). */
  organizer: { name: string; email: string };
  /** The recipient, and only the recipient (INVITES.md I2). */
  attendee: { name: string; email: string; isChair: boolean };
  /**
   * CONFIRMED for invitations and updates; CANCELLED for every cancellation, a removed participant's included
   * (API.md "Invitations": each VEVENT has its recipient as the only ATTENDEE, so it cancels only their copy).
   * null renders no STATUS at all; Quorum's own messages always carry one.
   */
  status: 'CONFIRMED' | 'CANCELLED' | null;
}

export const PRODUCT_ID = '//Quorum//Safeguarding Meetings//EN';

/**
 * A display name fit for a CN parameter: no double quotes, control characters or line breaks. ical-generator
 * would write a quote as RFC 6868 `^'`, which Outlook may not read, and quotes in CN have broken Outlook and
 * Google for other libraries (INVITES.md E4, P22).
 */
export function sanitiseDisplayName(name: string): string {
  return (
    name
      .replace(/["\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'Participant'
  );
}

/** The one-line LOCATION: the video link if there is one, else the venue, else the phone number (INVITES.md F7). */
export function locationOf(join: JoiningDetails): string | null {
  return blankToNull(join.videoUrl) ?? blankToNull(join.venue) ?? blankToNull(join.dialInNumber);
}

/**
 * An iMIP REQUEST or CANCEL holding exactly one VEVENT: the stored UID and SEQUENCE, UTC times, the service
 * mailbox as ORGANIZER and the recipient as the only ATTENDEE, `CLASS:PRIVATE`, no VALARM, and the final CRLF
 * ical-generator leaves out (INVITES.md B, C, D, E, I). Throws on a combination no client should ever receive.
 */
export function renderIcs(invite: CalendarInvite): string {
  checkInvite(invite);
  const requesting = invite.method === 'REQUEST';
  // No calendar-level `timezone`: it would add TIMEZONE-ID/X-WR-TIMEZONE and drop the Z from DTSTAMP (INVITES.md D5, P6).
  const calendar = ical({
    prodId: PRODUCT_ID,
    method: requesting ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  const event = calendar.createEvent({
    id: invite.uid, // never ical-generator's random default (INVITES.md C1, P2)
    sequence: invite.sequence,
    stamp: invite.stamp,
    start: invite.start,
    end: invite.end,
    summary: invite.summary,
    description: invite.description,
    location: blankToNull(invite.location),
    url: blankToNull(invite.url),
    organizer: { name: sanitiseDisplayName(invite.organizer.name), email: invite.organizer.email },
    class: ICalEventClass.PRIVATE, // hides the details in shared and delegated calendars (INVITES.md I3)
    ...(invite.status === null
      ? {}
      : { status: invite.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED }),
    ...(requesting ? { busystatus: ICalEventBusyStatus.BUSY } : {}),
  });
  event.createAttendee({
    email: invite.attendee.email,
    name: sanitiseDisplayName(invite.attendee.name),
    role: invite.attendee.isChair ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.NEEDSACTION,
    type: ICalAttendeeType.INDIVIDUAL,
    // RSVP=TRUE gives Apple and Gmail their reply buttons (INVITES.md B10); a cancellation asks for no reply.
    ...(requesting ? { rsvp: true } : {}),
  });
  // ical-generator ends without the CRLF after END:VCALENDAR that strict validators want (INVITES.md E2, P21).
  return `${quotedParamsWrittenOnce(calendarText(calendar))}\r\n`; // calendar.toString(), folded faster (ics-text.ts)
}

function checkInvite(invite: CalendarInvite): void {
  const problems: string[] = [];
  if (!invite.uid.trim()) problems.push('the UID is empty');
  if (!Number.isSafeInteger(invite.sequence) || invite.sequence < 0)
    problems.push(`SEQUENCE ${invite.sequence} is not a whole number ≥ 0`);
  for (const [name, value] of [
    ['stamp', invite.stamp],
    ['start', invite.start],
    ['end', invite.end],
  ] as const) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) problems.push(`${name} is not a valid Date`);
  }
  if (invite.end.getTime() <= invite.start.getTime()) problems.push('the session ends before it starts');
  if (!invite.attendee.email.trim()) problems.push('the attendee has no email address');
  if (invite.attendee.email.trim().toLowerCase() === invite.organizer.email.trim().toLowerCase()) {
    problems.push('the attendee is the organizer mailbox (Outlook would treat them as the organizer, INVITES.md F4)');
  }
  // INVITES.md C6, P4: a REQUEST with STATUS:CANCELLED leaves the event in calendars.
  if (invite.method === 'REQUEST' && invite.status === 'CANCELLED')
    problems.push('a cancellation must be METHOD:CANCEL, not REQUEST with STATUS:CANCELLED');
  if (invite.method === 'CANCEL' && invite.status === 'CONFIRMED')
    problems.push('a CANCEL carries STATUS:CANCELLED or no STATUS');
  if (problems.length > 0) throw new RangeError(`Cannot write this invitation: ${problems.join('; ')}`);
}

export interface MeetingTitleInput {
  /** `ICPC` */
  typeShortLabel: string;
  /** `Initial child protection conference`: not used in the title, accepted so callers can pass the meeting type's labels as they are. */
  typeLabel: string;
  /** Reference codes only (`CR-1042`). */
  caseReferences: string[];
  /** The session's start; the title shows its London date. */
  date: Date;
  /** For a meeting split into sessions. Deliberately no label: a session label ("Father") can be personal. */
  part?: { index: number; count: number };
}

/**
 * `ICPC – CR-1042 – Thu 3 Dec 2026 (part 1 of 2)`: the SUMMARY and the email subject. It names the meeting by
 * type, reference codes and date, and takes no names by construction: titles leak into free/busy views, shared
 * calendars and lock screens (INVITES.md I1). More than three references are shortened (`A, B, C +2`).
 */
export function meetingTitle(input: MeetingTitleInput): string {
  const references = input.caseReferences.map(oneLine).filter((reference) => reference !== '');
  const shown =
    references.length > 3 ? `${references.slice(0, 3).join(', ')} +${references.length - 3}` : references.join(', ');
  const part = input.part && input.part.count > 1 ? ` (part ${input.part.index} of ${input.part.count})` : '';
  return (
    [oneLine(input.typeShortLabel), shown, londonShortDate(input.date)].filter((piece) => piece !== '').join(' – ') +
    part
  );
}

/** The joining block as lines of plain text, in one order everywhere: video, phone, access code (PIN), venue. */
export function joinLines(join: JoiningDetails): string[] {
  const line = (label: string, value: string | null | undefined) =>
    blankToNull(value) === null ? null : `${label}: ${oneLine(value!)}`;
  return [
    line('Join by video', join.videoUrl),
    line('Join by phone', join.dialInNumber),
    line('Access code (PIN)', join.accessCode),
    line('Venue', join.venue),
  ].filter((entry): entry is string => entry !== null);
}

export interface InviteDescriptionInput {
  typeLabel: string;
  caseReferences: string[];
  /** Which session of a split meeting this is, when there is more than one. */
  part?: { index: number; count: number };
  start: Date;
  end: Date;
  join: JoiningDetails;
  preReadDeadline: Date | null;
  personalUrl: string;
  reportRequired: boolean;
  /** A CANCEL (the session is cancelled, or the recipient no longer attends it): no joining details, no link. */
  cancelled: boolean;
  /** The CANCEL is for this recipient alone (removed or excluded): the meeting itself goes ahead. */
  uninvited?: boolean;
}

/**
 * The plain-text DESCRIPTION. Some clients show only the calendar entry, so it carries everything needed to
 * attend: the time in UK time, the whole joining block (link, phone, PIN, venue), the pre-read deadline, the
 * personal link, and a word to Gmail users whose calendar will not add the event by itself (INVITES.md A7, F7, G1).
 */
export function describeInvite(input: InviteDescriptionInput): string {
  const references = input.caseReferences
    .map(oneLine)
    .filter((reference) => reference !== '')
    .join(', ');
  const lines = [oneLine(input.typeLabel)];
  if (references) lines.push(`Case reference: ${references}`);
  if (input.part && input.part.count > 1) lines.push(`Session: part ${input.part.index} of ${input.part.count}`);
  lines.push(`When: ${londonTimeRange(input.start, input.end)}`);
  if (input.cancelled) {
    lines.push(
      '',
      input.uninvited
        ? 'NO LONGER INVITED: you are no longer invited to this session. The meeting itself is not cancelled. You do not need to attend.'
        : 'CANCELLED: this meeting has been cancelled. You do not need to attend.',
    );
    return lines.join('\n');
  }
  const join = joinLines(input.join);
  if (join.length > 0) lines.push('', 'How to join', ...join);
  if (input.preReadDeadline) {
    lines.push('', `Reports are due by ${londonDateTime(input.preReadDeadline)}.`);
    if (input.reportRequired) lines.push('You are asked to send a report: upload it through your personal page.');
  }
  lines.push(
    '',
    `Your personal page for this meeting (reply, joining details, reports): ${input.personalUrl}`,
    '',
    'Gmail users: if this meeting is not added to your calendar, open the invitation and choose Yes or Add to calendar.',
  );
  return lines.join('\n');
}

function blankToNull(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value.trim();
}

/** Line breaks inside a value would break the layout of a title or a labelled line. */
function oneLine(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}
