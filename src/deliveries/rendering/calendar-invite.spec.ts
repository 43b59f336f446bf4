import nodemailer from 'nodemailer';
import { CalendarInvite, meetingTitle, renderIcs, sanitiseDisplayName } from './calendar-invite';

// ical.js: a parser we did not write.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js');

const anInvite = (fields: Partial<CalendarInvite> = {}): CalendarInvite => ({
  method: 'REQUEST',
  uid: '0b8f1c1e-9a43-4b5e-9d0f-3c2a1b4d5e6f@quorum.localhost',
  sequence: 0,
  stamp: new Date('2026-11-23T09:00:00Z'),
  start: new Date('2026-07-01T09:00:00Z'),
  end: new Date('2026-07-01T10:30:00Z'),
  summary: 'ICPC – CR-1042 – Wed 1 Jul 2026',
  description: 'Join by video: https://video.example/1',
  location: 'https://video.example/1',
  url: 'http://localhost:3000/p/token',
  organizer: { name: 'Quorum', email: 'meetings@quorum.localhost' },
  attendee: { name: 'DC Patel', email: 'dc.patel@police.example', isChair: false },
  status: 'CONFIRMED',
  ...fields,
});

const parse = (ics: string) => {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent');
  return { calendar, vevent, event: new ICAL.Event(vevent) };
};

describe('renderIcs', () => {
  it('writes one REQUEST VEVENT with the stored UID, UTC times, no time zone and no alarm (INVITES.md T1)', () => {
    const ics = renderIcs(anInvite());
    const { calendar, vevent, event } = parse(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(event.uid).toBe('0b8f1c1e-9a43-4b5e-9d0f-3c2a1b4d5e6f@quorum.localhost');
    expect(ics).toContain('DTSTART:20260701T090000Z');
    expect(ics).toContain('DTEND:20260701T103000Z');
    expect(ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    expect(ics).not.toMatch(/TZID|VTIMEZONE|TIMEZONE-ID|X-WR-TIMEZONE|VALARM/);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(vevent.getFirstPropertyValue('class')).toBe('PRIVATE');
  });

  it('lists the recipient as the only attendee, with RSVP, and the service mailbox as organizer (T3)', () => {
    const ics = renderIcs(anInvite());
    const attendees = parse(ics).vevent.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(attendees[0].getFirstValue().toLowerCase()).toBe('mailto:dc.patel@police.example');
    expect(attendees[0].getParameter('rsvp')).toBe('TRUE');
    expect(attendees[0].getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendees[0].getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(renderIcs(anInvite({ attendee: { name: 'Chair', email: 'c@x.example', isChair: true } }))).toContain('ROLE=CHAIR');
    expect(String(parse(ics).vevent.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:meetings@quorum.localhost');
  });

  it('cancels with STATUS:CANCELLED for the whole meeting and without STATUS when uninviting one person (T8, T10)', () => {
    const cancelled = renderIcs(anInvite({ method: 'CANCEL', sequence: 3, status: 'CANCELLED' }));
    expect(parse(cancelled).calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(cancelled).toContain('SEQUENCE:3');
    expect(cancelled).not.toContain('VALARM');
    const uninvited = renderIcs(anInvite({ method: 'CANCEL', sequence: 4, status: null }));
    expect(uninvited).not.toContain('STATUS:');
    expect(uninvited).not.toContain('RSVP=TRUE');
  });

  it('escapes and folds: lines ≤ 75 octets, CRLF only, a final CRLF, names without quotes (T13)', () => {
    const summary = 'ICPC – CR-1, CR-2; a\\b – Zoë 🎈';
    const description = `Line one\nLine two, with; punctuation\n${'é'.repeat(300)}`;
    const ics = renderIcs(anInvite({ summary, description, attendee: { name: 'O\'Brien, "Jo"\n', email: 'jo@x.example', isChair: false } }));
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const { event, vevent } = parse(ics);
    expect(event.summary).toBe(summary);
    expect(event.description).toBe(description);
    const cn = vevent.getFirstProperty('attendee').getParameter('cn');
    expect(cn).toBe("O'Brien, Jo");
    expect(ics).not.toContain("^'");
  });

  it('keeps the UID across renders and raises SEQUENCE only when told (T4, T15)', () => {
    const first = parse(renderIcs(anInvite())).event;
    const again = parse(renderIcs(anInvite({ sequence: 1, start: new Date('2026-07-02T13:00:00Z'), end: new Date('2026-07-02T14:00:00Z') }))).event;
    expect(again.uid).toBe(first.uid);
    expect(again.sequence).toBe(1);
  });

  it('gives the same bytes whatever the server time zone (T11)', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/New_York';
    const elsewhere = renderIcs(anInvite());
    process.env.TZ = before;
    expect(elsewhere).toBe(renderIcs(anInvite()));
  });
});

describe('the MIME label of the calendar part (T2)', () => {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const send = async (icalEvent: object) =>
    ((await transport.sendMail({ from: 'a@quorum.localhost', to: 'b@x.example', subject: 's', text: 't', html: '<p>h</p>', icalEvent })) as unknown as { message: Buffer }).message.toString();

  it('says method=REQUEST when told, and PUBLISH (a mismatch Outlook rejects) when not', async () => {
    const content = renderIcs(anInvite());
    expect(await send({ method: 'REQUEST', content, contentTransferEncoding: 'base64' })).toContain('text/calendar; charset=utf-8; method=REQUEST');
    expect(await send({ content })).toContain('method=PUBLISH'); // negative control: why the composer always sets it
  });
});

describe('titles', () => {
  it('carry the type, the case references and the date, never a name', () => {
    expect(meetingTitle({ typeShortLabel: 'ICPC', typeLabel: 'Initial child protection conference', caseReferences: ['CR-1042'], date: new Date('2026-12-03T10:00:00Z'), part: { index: 1, count: 2 } })).toBe(
      'ICPC – CR-1042 – Thu 3 Dec 2026 (part 1 of 2)',
    );
  });
  it('use the London date of a late-evening session', () => {
    expect(meetingTitle({ typeShortLabel: 'MARAC', typeLabel: 'MARAC', caseReferences: ['A', 'B', 'C', 'D', 'E'], date: new Date('2026-07-01T23:30:00Z') })).toBe('MARAC – A, B, C +2 – Thu 2 Jul 2026');
  });
  it('strip quotes and control characters from display names', () => {
    expect(sanitiseDisplayName('  "Jo"\u0007 Smith\n')).toBe('Jo Smith');
  });
});
