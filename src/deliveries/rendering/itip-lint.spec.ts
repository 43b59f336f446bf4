import ical, { ICalCalendarMethod } from 'ical-generator';
import { CalendarInvite, renderIcs } from './calendar-invite';
import { lintItip } from './itip-lint';

const anInvite = (fields: Partial<CalendarInvite> = {}): CalendarInvite => ({
  method: 'REQUEST',
  uid: '0b8f1c1e-9a43-4b5e-9d0f-3c2a1b4d5e6f@quorum.localhost',
  sequence: 2,
  stamp: new Date('2026-06-20T08:15:00Z'),
  start: new Date('2026-07-01T09:00:00Z'),
  end: new Date('2026-07-01T10:30:00Z'),
  summary: 'ICPC – CR-1042 – Wed 1 Jul 2026',
  description: 'Join by video: https://video.example/1',
  location: 'https://video.example/1',
  url: 'http://localhost:3000/p/token',
  organizer: { name: 'Quorum', email: 'meetings@quorum.localhost' },
  attendee: { name: 'DC Patel', email: 'dc@police.example', isChair: false },
  status: 'CONFIRMED',
  ...fields,
});

const request = renderIcs(anInvite());
const cancel = renderIcs(anInvite({ method: 'CANCEL', sequence: 3, status: 'CANCELLED' }));

/** Replace one content line (or insert after it) in an object we wrote, keeping CRLF. */
const edit = (ics: string, from: string, to: string) => {
  if (!ics.includes(from)) throw new Error(`fixture has no ${JSON.stringify(from)}`);
  return ics.replace(from, to);
};

const ALARM = 'BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT';

describe('lintItip (INVITES.md T17)', () => {
  it('finds nothing wrong with what renderIcs writes', () => {
    expect(lintItip(request, { method: 'REQUEST', sequence: 2 })).toEqual([]);
    expect(lintItip(cancel, { method: 'CANCEL', sequence: 3 })).toEqual([]);
    expect(lintItip(renderIcs(anInvite({ method: 'CANCEL', status: null })), { method: 'CANCEL' })).toEqual([]);
  });

  it.each<[string, string, RegExp]>([
    ['a VALARM in a CANCEL', edit(cancel, 'END:VEVENT', ALARM), /CANCEL contains a VALARM/],
    [
      'a VALARM in a REQUEST (our policy)',
      edit(request, 'END:VEVENT', ALARM),
      /VALARM: recipients set their own reminders/,
    ],
    [
      'a floating DTSTART',
      edit(request, 'DTSTART:20260701T090000Z', 'DTSTART:20260701T100000'),
      /DTSTART:20260701T100000 is a floating time/,
    ],
    [
      'a floating DTEND',
      edit(request, 'DTEND:20260701T103000Z', 'DTEND:20260701T113000'),
      /DTEND:20260701T113000 is a floating time/,
    ],
    [
      'a TZID without its VTIMEZONE',
      edit(request, 'DTSTART:20260701T090000Z', 'DTSTART;TZID=Europe/London:20260701T100000'),
      /TZID=Europe\/London without a matching VTIMEZONE/,
    ],
    [
      'a DTSTAMP without Z',
      edit(request, 'DTSTAMP:20260620T081500Z', 'DTSTAMP:20260620T081500'),
      /DTSTAMP:20260620T081500 is not a UTC date-time/,
    ],
    [
      'a LAST-MODIFIED without Z',
      edit(request, 'SEQUENCE:2', 'SEQUENCE:2\r\nLAST-MODIFIED:20260620T081500'),
      /LAST-MODIFIED:20260620T081500 is not a UTC/,
    ],
    ['no METHOD', edit(request, 'METHOD:REQUEST\r\n', ''), /METHOD is missing/],
    [
      'METHOD inside the VEVENT',
      edit(edit(request, 'METHOD:REQUEST\r\n', ''), 'SEQUENCE:2', 'SEQUENCE:2\r\nMETHOD:REQUEST'),
      /METHOD is inside VEVENT/,
    ],
    [
      'METHOD after the VEVENT',
      edit(edit(request, 'METHOD:REQUEST\r\n', ''), 'END:VEVENT', 'END:VEVENT\r\nMETHOD:REQUEST'),
      /METHOD comes after a component/,
    ],
    ['a METHOD other than the one on the MIME part', cancel, /METHOD:CANCEL differs from the expected REQUEST/],
    ['PUBLISH', edit(request, 'METHOD:REQUEST', 'METHOD:PUBLISH'), /METHOD:PUBLISH is not a REQUEST or a CANCEL/],
    [
      'two VEVENTs with different UIDs',
      edit(
        request,
        'END:VEVENT',
        'END:VEVENT\r\nBEGIN:VEVENT\r\nUID:other@quorum.localhost\r\nDTSTAMP:20260620T081500Z\r\nEND:VEVENT',
      ),
      /2 VEVENTs[\s\S]*different UIDs/,
    ],
    [
      'TIMEZONE-ID',
      edit(request, 'METHOD:REQUEST', 'METHOD:REQUEST\r\nTIMEZONE-ID:Europe/London'),
      /TIMEZONE-ID is not a standard property/,
    ],
    [
      'X-WR-TIMEZONE',
      edit(request, 'METHOD:REQUEST', 'METHOD:REQUEST\r\nX-WR-TIMEZONE:Europe/London'),
      /X-WR-TIMEZONE is present/,
    ],
    ['no ATTENDEE', request.replace(/ATTENDEE[^\r]*\r\n( [^\r]*\r\n)*/, ''), /there is no ATTENDEE/],
    ['no ORGANIZER', request.replace(/ORGANIZER[^\r]*\r\n/, ''), /ORGANIZER is missing/],
    ['a CANCEL without SEQUENCE', edit(cancel, 'SEQUENCE:3\r\n', ''), /SEQUENCE is missing from the CANCEL/],
    [
      'a REQUEST that says CANCELLED',
      edit(request, 'STATUS:CONFIRMED', 'STATUS:CANCELLED'),
      /REQUEST with STATUS:CANCELLED/,
    ],
    ['an RRULE', edit(request, 'SEQUENCE:2', 'SEQUENCE:2\r\nRRULE:FREQ=DAILY;COUNT=2'), /RRULE is present/],
    ['an RDATE', edit(request, 'SEQUENCE:2', 'SEQUENCE:2\r\nRDATE:20260702T090000Z'), /RDATE is present/],
    [
      'an organizer without mailto',
      edit(request, ':mailto:meetings@quorum.localhost', ':meetings@quorum.localhost'),
      /ORGANIZER is not a mailto/,
    ],
    ['no final CRLF', request.slice(0, -2), /does not end with CRLF/],
    ['bare LF', request.replace(/\r\n/g, '\n'), /bare CR or LF/],
    [
      'an unfolded long line',
      edit(request, 'SUMMARY:ICPC', `SUMMARY:${'x'.repeat(80)} ICPC`),
      /line \d+ is 1\d\d octets long/,
    ],
    ['an unclosed VEVENT', edit(request, 'END:VEVENT\r\n', ''), /END:VCALENDAR does not close BEGIN:VEVENT/],
  ])('flags %s', (_, ics, problem) => {
    expect(lintItip(ics, { method: 'REQUEST', sequence: 2 }).join('\n')).toMatch(problem);
  });

  it('flags a SEQUENCE other than the one expected, and a missing one where it should be above 0', () => {
    expect(lintItip(request, { sequence: 3 })).toEqual(['SEQUENCE is 2, expected 3']);
    expect(lintItip(edit(request, 'SEQUENCE:2\r\n', ''), { sequence: 2 })).toEqual([
      'SEQUENCE is missing, expected 2 (RFC 5546 §3.2.2)',
    ]);
    expect(lintItip(edit(request, 'SEQUENCE:2\r\n', ''), { sequence: 0 })).toEqual([]);
  });

  it('accepts a TZID that has its VTIMEZONE, and all-day dates', () => {
    const zone =
      'BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\nBEGIN:STANDARD\r\nDTSTART:19701025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT';
    const zoned = edit(
      edit(request, 'BEGIN:VEVENT', zone),
      'DTSTART:20260701T090000Z',
      'DTSTART;TZID=Europe/London:20260701T100000',
    );
    expect(lintItip(zoned)).toEqual([]);
    expect(lintItip(edit(request, 'DTSTART:20260701T090000Z', 'DTSTART;VALUE=DATE:20260701'))).toEqual([]);
  });

  it('catches what ical-generator writes when given a calendar time zone name (INVITES.md P6, negative control)', () => {
    const calendar = ical({ method: ICalCalendarMethod.REQUEST, timezone: 'Europe/London' });
    const event = calendar.createEvent({
      id: 'x@quorum.localhost',
      stamp: new Date('2026-06-20T08:15:00Z'),
      start: new Date('2026-07-01T09:00:00Z'),
      end: new Date('2026-07-01T10:00:00Z'),
      summary: 's',
      organizer: { name: 'Q', email: 'meetings@quorum.localhost' },
    });
    event.createAttendee({ email: 'a@x.example' });
    const problems = lintItip(`${calendar.toString()}\r\n`).join('\n');
    expect(problems).toMatch(/TIMEZONE-ID/);
    expect(problems).toMatch(/X-WR-TIMEZONE/);
    expect(problems).toMatch(/DTSTAMP:20260620T\d{6} is not a UTC date-time/); // the Z is gone
    expect(problems).toMatch(/DTSTART:20260701T\d{6} is a floating time/); // and no TZID either
  });
});
