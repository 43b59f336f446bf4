import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalAttendeeType, ICalCalendarMethod, ICalEventBusyStatus, ICalEventClass, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { formatLondon, formatLondonTime, LONDON_ZONE } from '../../time/london';

export interface JoiningDetails {
  videoUrl?: string | null;
  dialInNumber?: string | null;
  accessCode?: string | null;
  venue?: string | null;
}

/** The one plain object an invitation is made from (one session, one recipient). */
export interface CalendarInvite {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  stamp: Date;
  start: Date;
  end: Date;
  /** Built by meetingTitle(): type, case reference and date, never a name. */
  summary: string;
  description: string;
  location: string | null;
  url: string | null;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string; isChair: boolean };
  /** CONFIRMED for invitations and updates, CANCELLED for a cancelled meeting, null when uninviting one person (RFC 5546 §3.2.5). */
  status: 'CONFIRMED' | 'CANCELLED' | null;
}

/** Quotes and control characters in a display name have broken Outlook and Google (INVITES.md E4, P22). */
export function sanitiseDisplayName(name: string): string {
  return name.replace(/["\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim() || 'Participant';
}

/**
 * An iMIP REQUEST or CANCEL with exactly one VEVENT: the stored UID and SEQUENCE, UTC times, the service mailbox as
 * ORGANIZER and the recipient as the only ATTENDEE (INVITES.md B, C, D, I).
 */
export function renderIcs(invite: CalendarInvite): string {
  const calendar = ical({
    prodId: '//Quorum//Safeguarding Meetings//EN',
    method: invite.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const event = calendar.createEvent({
    id: invite.uid,
    sequence: invite.sequence,
    stamp: invite.stamp,
    start: invite.start,
    end: invite.end,
    summary: invite.summary,
    description: invite.description,
    location: invite.location,
    url: invite.url,
    organizer: { name: sanitiseDisplayName(invite.organizer.name), email: invite.organizer.email },
    class: ICalEventClass.PRIVATE,
    ...(invite.status ? { status: invite.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED } : {}),
    ...(invite.method === 'REQUEST' ? { busystatus: ICalEventBusyStatus.BUSY } : {}),
  });
  event.createAttendee({
    email: invite.attendee.email,
    name: sanitiseDisplayName(invite.attendee.name),
    role: invite.attendee.isChair ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.NEEDSACTION,
    rsvp: invite.method === 'REQUEST',
    type: ICalAttendeeType.INDIVIDUAL,
  });
  // ical-generator leaves out the final CRLF that strict validators want (INVITES.md E2).
  return `${calendar.toString()}\r\n`;
}

/** `ICPC – CR-1042 – Thu 3 Dec 2026 (part 1 of 2)`: identifies the meeting without a name (INVITES.md I1). */
export function meetingTitle(input: { typeShortLabel: string; typeLabel: string; caseReferences: string[]; date: Date; part?: { index: number; count: number } }): string {
  const day = DateTime.fromJSDate(input.date, { zone: LONDON_ZONE }).toFormat('ccc d LLL yyyy');
  const references = input.caseReferences.length > 3 ? `${input.caseReferences.slice(0, 3).join(', ')} +${input.caseReferences.length - 3}` : input.caseReferences.join(', ');
  const part = input.part ? ` (part ${input.part.index} of ${input.part.count})` : '';
  return `${input.typeShortLabel} – ${references} – ${day}${part}`;
}

export function joinLines(join: JoiningDetails): string[] {
  return [
    join.videoUrl ? `Join by video: ${join.videoUrl}` : null,
    join.dialInNumber ? `Join by phone: ${join.dialInNumber}` : null,
    join.accessCode ? `Access code (PIN): ${join.accessCode}` : null,
    join.venue ? `Venue: ${join.venue}` : null,
  ].filter((line): line is string => line !== null);
}

/** The plain-text DESCRIPTION: time in UK time, the full joining block, the pre-read deadline and the personal link. */
export function describeInvite(input: {
  typeLabel: string;
  caseReferences: string[];
  start: Date;
  end: Date;
  join: JoiningDetails;
  preReadDeadline: Date | null;
  personalUrl: string;
  reportRequired: boolean;
  cancelled: boolean;
}): string {
  const lines = [
    `${input.typeLabel} – case reference ${input.caseReferences.join(', ')}`,
    input.cancelled ? 'This meeting, or your place in it, has been cancelled.' : `${formatLondon(input.start)} to ${formatLondonTime(input.end)}`,
  ];
  if (!input.cancelled) {
    lines.push('', ...joinLines(input.join));
    if (input.preReadDeadline) lines.push('', `Reports are due by ${formatLondon(input.preReadDeadline)}.${input.reportRequired ? ' You are asked to send a report.' : ''}`);
    lines.push('', `Your page for this meeting (reply, joining details, reports): ${input.personalUrl}`, '', 'If your calendar does not add this by itself, choose Yes or Add to calendar.');
  }
  return lines.join('\n');
}
