import { collectCalendar } from './itip';

// ical.js is the parser we did not write: invites are read back through it, never through our own code.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js');

export interface ParsedInvite {
  method: string;
  uid: string;
  sequence: number;
  status: string | null;
  summary: string;
  description: string;
  location: string | null;
  start: string;
  end: string;
  attendees: string[];
  organizer: string;
  hasAlarm: boolean;
  raw: string;
}

export function parseInvite(ics: string): ParsedInvite {
  collectCalendar(ics, 'ics');
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent');
  if (events.length !== 1) throw new Error(`expected exactly one VEVENT, found ${events.length}`);
  const vevent = events[0];
  const event = new ICAL.Event(vevent);
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.uid,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue('status') ?? null,
    summary: event.summary,
    description: event.description,
    location: event.location ?? null,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    attendees: vevent
      .getAllProperties('attendee')
      .map((p: { getFirstValue(): string }) => p.getFirstValue().replace(/^mailto:/i, 'mailto:')),
    organizer: String(vevent.getFirstPropertyValue('organizer')).replace(/^mailto:/i, 'mailto:'),
    hasAlarm: vevent.getAllSubcomponents('valarm').length > 0,
    raw: ics,
  };
}

/** Every VEVENT of a feed (PUBLISH calendar). */
export function parseFeed(ics: string): { uid: string; summary: string; start: string; status: string | null }[] {
  collectCalendar(ics, 'ics');
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent: unknown) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      status: (vevent as { getFirstPropertyValue(n: string): string }).getFirstPropertyValue('status') ?? null,
    };
  });
}
