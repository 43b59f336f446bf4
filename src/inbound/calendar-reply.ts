import ICAL from 'ical.js';

/** One ATTENDEE line of an iTIP reply, as the answering calendar wrote it. */
export interface ReplyAttendee {
  address: string;
  partstat: string | null;
  /** Set when someone answered on the attendee's behalf (RFC 5545 SENT-BY): not the recipient answering for itself. */
  sentBy: string | null;
  delegatedTo: string | null;
  delegatedFrom: string | null;
}

/** What an iTIP REPLY or COUNTER (RFC 5546 §3.2.3, §3.2.7) says about one of our sessions. */
export interface CalendarAnswer {
  method: 'REPLY' | 'COUNTER';
  uid: string;
  sequence: number;
  attendees: ReplyAttendee[];
  /** A COUNTER's proposed time, when it gives one. */
  proposed: { startsAt: Date; endsAt: Date | null } | null;
}

const mailbox = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const address = value
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
  return address === '' ? null : address;
};

/**
 * Reads a text/calendar body; null when it is not a REPLY or COUNTER with one VEVENT and a UID (a REQUEST forwarded
 * back, a PUBLISH, or text that does not parse are not answers to us).
 */
export function readCalendarAnswer(ics: string): CalendarAnswer | null {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  } catch {
    return null;
  }
  const method = String(calendar.getFirstPropertyValue('method') ?? '').toUpperCase();
  if (method !== 'REPLY' && method !== 'COUNTER') return null;
  const events = calendar.getAllSubcomponents('vevent');
  if (events.length !== 1) return null;
  const vevent = events[0];
  const uid = vevent.getFirstPropertyValue('uid');
  if (typeof uid !== 'string' || uid.trim() === '') return null;
  // Outlook writes the proposed time in a TZID with the VTIMEZONE beside it: registered so that the time reads right.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const attendees = vevent.getAllProperties('attendee').flatMap((property) => {
    const address = mailbox(property.getFirstValue());
    if (!address) return [];
    const parameter = (name: string) => {
      const value = property.getParameter(name);
      return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : null;
    };
    return [
      {
        address,
        partstat: parameter('partstat')?.toUpperCase() ?? null,
        sentBy: mailbox(parameter('sent-by')),
        delegatedTo: mailbox(parameter('delegated-to')),
        delegatedFrom: mailbox(parameter('delegated-from')),
      },
    ];
  });
  const sequence = Number(vevent.getFirstPropertyValue('sequence') ?? 0);
  return {
    method,
    uid: uid.trim(),
    sequence: Number.isFinite(sequence) ? sequence : 0,
    attendees,
    proposed: method === 'COUNTER' ? proposedTime(vevent) : null,
  };
}

function proposedTime(vevent: ICAL.Component): CalendarAnswer['proposed'] {
  const start = vevent.getFirstPropertyValue('dtstart');
  if (!(start instanceof ICAL.Time)) return null;
  const end = vevent.getFirstPropertyValue('dtend');
  return { startsAt: start.toJSDate(), endsAt: end instanceof ICAL.Time ? end.toJSDate() : null };
}
