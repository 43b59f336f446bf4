import ical from 'ical-generator';
// ical.js is the parser we did not write. Its CommonJS build has no `default`, and esModuleInterop supplies one,
// so the default import works under ts-jest (CommonJS) and type-checks against ical.js's own typings.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import {
  CalendarInvite,
  describeInvite,
  InviteDescriptionInput,
  joinLines,
  locationOf,
  meetingTitle,
  renderIcs,
  sanitiseDisplayName,
} from './calendar-invite';
import { lintItip } from './itip-lint';

const UID = '0b8f1c1e-9a43-4b5e-9d0f-3c2a1b4d5e6f@quorum.localhost';

/** The instant London clocks show `time` on `date`. */
const london = (date: string, time: string) =>
  DateTime.fromISO(`${date}T${time}`, { zone: 'Europe/London' }).toJSDate();

const anInvite = (fields: Partial<CalendarInvite> = {}): CalendarInvite => ({
  method: 'REQUEST',
  uid: UID,
  sequence: 0,
  stamp: new Date('2026-06-20T08:15:00Z'),
  start: london('2026-07-01', '10:00'),
  end: london('2026-07-01', '11:30'),
  summary: 'ICPC – CR-1042 – Wed 1 Jul 2026',
  description: 'Join by video: https://video.example/1',
  location: 'https://video.example/1',
  url: 'http://localhost:3000/p/token',
  organizer: { name: 'Quorum safeguarding meetings', email: 'meetings@quorum.localhost' },
  attendee: { name: 'DC Patel', email: 'dc.patel@police.example', isChair: false },
  status: 'CONFIRMED',
  ...fields,
});

const aCancellation = (fields: Partial<CalendarInvite> = {}) =>
  anInvite({ method: 'CANCEL', sequence: 3, status: 'CANCELLED', ...fields });

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

/** The unfolded content lines, so a test can look at one property without caring where the line was folded. */
const contentLines = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('renderIcs: a REQUEST (INVITES.md T1)', () => {
  const ics = renderIcs(anInvite());

  it('is one VCALENDAR with METHOD:REQUEST before its one VEVENT', () => {
    const lines = contentLines(ics);
    expect(lines.slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Quorum//Safeguarding Meetings//EN',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
    ]);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(lintItip(ics, { method: 'REQUEST', sequence: 0 })).toEqual([]);
  });

  it('carries the stored UID, SEQUENCE:0, a UTC DTSTAMP and the times in UTC', () => {
    const lines = contentLines(ics);
    expect(lines).toContain(`UID:${UID}`);
    expect(lines).toContain('SEQUENCE:0');
    expect(lines).toContain('DTSTAMP:20260620T081500Z');
    expect(lines).toContain('DTSTART:20260701T090000Z'); // 10:00 BST
    expect(lines).toContain('DTEND:20260701T103000Z');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('CLASS:PRIVATE');
    expect(lines).toContain('X-MICROSOFT-CDO-BUSYSTATUS:BUSY');
  });

  it('writes a winter 10:00 as 10:00Z', () => {
    expect(
      contentLines(renderIcs(anInvite({ start: london('2026-12-03', '10:00'), end: london('2026-12-03', '11:30') }))),
    ).toEqual(expect.arrayContaining(['DTSTART:20261203T100000Z', 'DTEND:20261203T113000Z']));
  });

  it('has no time zone, no floating time and no alarm', () => {
    expect(ics).not.toMatch(/TZID|VTIMEZONE|TIMEZONE-ID|X-WR-TIMEZONE|VALARM|RRULE|RDATE|EXDATE|RECURRENCE-ID/);
  });

  it('ends every line, and the object, with CRLF', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});

describe('renderIcs: London wall-clock times either side of the clock changes (T11)', () => {
  it.each([
    ['2026-03-28', '20260328T100000Z'],
    ['2026-03-29', '20260329T090000Z'],
    ['2026-10-24', '20261024T090000Z'],
    ['2026-10-25', '20261025T100000Z'],
  ])('10:00 on %s is %s', (date, expected) => {
    const ics = renderIcs(anInvite({ start: london(date, '10:00'), end: london(date, '11:00') }));
    expect(contentLines(ics)).toContain(`DTSTART:${expected}`);
    expect(describeInvite(aDescription({ start: london(date, '10:00'), end: london(date, '11:00') }))).toContain(
      ', 10:00 to 11:00 (UK time)',
    );
  });
});

describe('renderIcs: organizer and attendee (T3)', () => {
  const ics = renderIcs(anInvite());
  const { vevent } = parse(ics);

  it('names the service mailbox as ORGANIZER', () => {
    expect(String(vevent.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:meetings@quorum.localhost');
    expect(vevent.getFirstProperty('organizer')?.getParameter('cn')).toBe('Quorum safeguarding meetings');
  });

  it('lists the recipient as the only ATTENDEE, asked to reply', () => {
    const attendees = vevent.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    const [attendee] = attendees;
    expect(String(attendee.getFirstValue()).toLowerCase()).toBe('mailto:dc.patel@police.example');
    expect(attendee.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendee.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendee.getParameter('rsvp')).toBe('TRUE');
    expect(attendee.getParameter('cutype')).toBe('INDIVIDUAL');
    expect(attendee.getParameter('cn')).toBe('DC Patel');
  });

  it('marks the chair as CHAIR', () => {
    const chair = parse(
      renderIcs(anInvite({ attendee: { name: 'Chair', email: 'chair@la.example', isChair: true } })),
    ).vevent.getFirstProperty('attendee');
    expect(chair?.getParameter('role')).toBe('CHAIR');
  });

  it('refuses to list the organizer mailbox as the attendee', () => {
    expect(() =>
      renderIcs(anInvite({ attendee: { name: 'X', email: 'Meetings@Quorum.localhost', isChair: false } })),
    ).toThrow(/organizer/);
  });
});

describe('renderIcs: updates (T4, T5, T15)', () => {
  it('keeps the UID on a reschedule and carries the raised SEQUENCE and a newer DTSTAMP', () => {
    const first = renderIcs(anInvite());
    const moved = renderIcs(
      anInvite({
        sequence: 1,
        stamp: new Date('2026-06-21T08:00:00Z'),
        start: london('2026-07-02', '14:00'),
        end: london('2026-07-02', '15:00'),
      }),
    );
    expect(parse(moved).event.uid).toBe(parse(first).event.uid);
    expect(contentLines(moved)).toEqual(
      expect.arrayContaining(['SEQUENCE:1', 'DTSTAMP:20260621T080000Z', 'DTSTART:20260702T130000Z']),
    );
    expect(lintItip(moved, { method: 'REQUEST', sequence: 1 })).toEqual([]);
  });

  it('gives byte-identical output for the same invitation, so a stored message can be trusted on retry', () => {
    expect(renderIcs(anInvite({ sequence: 2 }))).toBe(renderIcs(anInvite({ sequence: 2 })));
  });

  it('carries the stored UID on every render, where ical-generator left alone invents a new one (negative control)', () => {
    expect(parse(renderIcs(anInvite())).event.uid).toBe(UID);
    expect(parse(renderIcs(anInvite())).event.uid).toBe(UID);
    const withoutId = () => {
      const calendar = ical();
      calendar.createEvent({
        start: new Date('2026-07-01T09:00:00Z'),
        end: new Date('2026-07-01T10:00:00Z'),
        summary: 's',
      });
      return parse(calendar.toString()).event.uid;
    };
    const [one, two] = [withoutId(), withoutId()];
    expect(one).not.toBe(UID);
    expect(one).not.toBe(two);
  });
});

describe('renderIcs: cancellations (T8, T9, T10)', () => {
  it('cancels the whole session with METHOD:CANCEL, the same UID, STATUS:CANCELLED and no alarm', () => {
    const ics = renderIcs(aCancellation());
    const { calendar, vevent, event } = parse(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.uid).toBe(UID);
    expect(event.sequence).toBe(3);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getAllSubcomponents('valarm')).toHaveLength(0);
    expect(ics).not.toMatch(/VALARM|RECURRENCE-ID|RSVP=|BUSYSTATUS/);
    expect(String(vevent.getFirstProperty('attendee')?.getFirstValue()).toLowerCase()).toBe(
      'mailto:dc.patel@police.example',
    );
    expect(lintItip(ics, { method: 'CANCEL', sequence: 3 })).toEqual([]);
  });

  it('uninvites one attendee from a session that goes on: CANCEL with no STATUS (RFC 5546 §3.2.5)', () => {
    const ics = renderIcs(aCancellation({ sequence: 4, status: null }));
    expect(parse(ics).calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(contentLines(ics).some((line) => line.startsWith('STATUS'))).toBe(false);
    expect(contentLines(ics)).toContain('SEQUENCE:4');
    expect(lintItip(ics, { method: 'CANCEL', sequence: 4 })).toEqual([]);
  });

  it('refuses a REQUEST that says CANCELLED and a CANCEL that says CONFIRMED (INVITES.md C6)', () => {
    expect(() => renderIcs(anInvite({ status: 'CANCELLED' }))).toThrow(/METHOD:CANCEL/);
    expect(() => renderIcs(aCancellation({ status: 'CONFIRMED' }))).toThrow(RangeError);
  });
});

describe('renderIcs: other refusals', () => {
  it.each<[string, Partial<CalendarInvite>]>([
    ['a negative SEQUENCE', { sequence: -1 }],
    ['a fractional SEQUENCE', { sequence: 1.5 }],
    ['an empty UID', { uid: ' ' }],
    ['an end before the start', { end: london('2026-07-01', '09:00') }],
    ['an invalid DTSTAMP', { stamp: new Date('nonsense') }],
    ['an attendee without an address', { attendee: { name: 'X', email: '', isChair: false } }],
  ])('%s', (_, fields) => {
    expect(() => renderIcs(anInvite(fields))).toThrow(RangeError);
  });
});

describe('renderIcs: escaping and folding (T12, T13)', () => {
  const summary = 'ICPC – CR-1, CR-2; a\\b\nsecond line – Siân Llŷr – Zoë 🎈';
  const description = `Line one\nLine two, with; punctuation: and a colon\n${'é🎈x'.repeat(125)}`;
  const ics = renderIcs(
    anInvite({
      summary,
      description,
      location: 'Room 2; Town Hall, Main St',
      attendee: { name: 'O\'Brien, "Jo"\r\n\u0007', email: 'jo@x.example', isChair: false },
    }),
  );

  it('keeps every physical line within 75 octets, separated by CRLF, continued with one space', () => {
    const physical = ics.split('\r\n');
    expect(physical.pop()).toBe('');
    for (const line of physical) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/^[ \t]{2}/);
      expect(line).not.toMatch(/\uFFFD/); // no UTF-8 sequence split across lines
    }
    expect(physical.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(5);
    expect(lintItip(ics)).toEqual([]);
  });

  it('reads back, unfolded and unescaped, exactly as written', () => {
    const { event } = parse(ics);
    expect(event.summary).toBe(summary);
    expect(event.description).toBe(description);
    expect(event.location).toBe('Room 2; Town Hall, Main St');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-07-01T09:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-07-01T10:30:00.000Z');
  });

  it('writes the attendee name without quotes, control characters or line breaks', () => {
    expect(parse(ics).vevent.getFirstProperty('attendee')?.getParameter('cn')).toBe("O'Brien, Jo");
    expect(ics).not.toContain("^'");
    expect(sanitiseDisplayName('  "Jo"\u0007 Smith\n')).toBe('Jo Smith');
    expect(sanitiseDisplayName('"\n"')).toBe('Participant');
  });
});

const aTitle = (fields: Partial<Parameters<typeof meetingTitle>[0]> = {}): Parameters<typeof meetingTitle>[0] => ({
  typeShortLabel: 'ICPC',
  typeLabel: 'Initial child protection conference',
  caseReferences: ['CR-1042'],
  date: london('2026-12-03', '10:00'),
  ...fields,
});

describe('meetingTitle (T14)', () => {
  it('carries the type, the case references, the London date and the part, and nothing else', () => {
    expect(meetingTitle(aTitle({ part: { index: 1, count: 2 } }))).toBe(
      'ICPC – CR-1042 – Thu 3 Dec 2026 (part 1 of 2)',
    );
    expect(meetingTitle(aTitle())).toBe('ICPC – CR-1042 – Thu 3 Dec 2026');
    expect(meetingTitle(aTitle({ part: { index: 1, count: 1 } }))).toBe('ICPC – CR-1042 – Thu 3 Dec 2026');
  });

  it('uses the London date of a late-evening session, and shortens a long list of references', () => {
    expect(
      meetingTitle(
        aTitle({
          typeShortLabel: 'MARAC',
          caseReferences: ['A', 'B', 'C', 'D', 'E'],
          date: new Date('2026-07-01T23:30:00Z'),
        }),
      ),
    ).toBe('MARAC – A, B, C +2 – Thu 2 Jul 2026');
  });

  it('stays on one line and leaves out empty references', () => {
    expect(meetingTitle(aTitle({ caseReferences: ['CR-1\r\n', ' '] }))).toBe('ICPC – CR-1 – Thu 3 Dec 2026');
    expect(meetingTitle(aTitle({ caseReferences: [] }))).toBe('ICPC – Thu 3 Dec 2026');
  });

  it('has no way to take a name or a session label', () => {
    // @ts-expect-error a session label ("Father") can be personal, so the title does not accept one
    meetingTitle(aTitle({ part: { index: 1, count: 2, label: 'Father' } }));
    // @ts-expect-error nor a person
    meetingTitle({ ...aTitle(), childName: 'Amelia Testchild' });
  });
});

const aDescription = (fields: Partial<InviteDescriptionInput> = {}): InviteDescriptionInput => ({
  typeLabel: 'Initial child protection conference',
  caseReferences: ['CR-1042'],
  start: london('2026-12-03', '10:00'),
  end: london('2026-12-03', '11:30'),
  join: {
    videoUrl: 'https://video.example/meet/1',
    dialInNumber: '0300 123 4567',
    accessCode: '482911',
    venue: 'Room 2, Town Hall',
  },
  preReadDeadline: london('2026-11-30', '17:00'),
  personalUrl: 'http://localhost:3000/p/abc',
  reportRequired: true,
  cancelled: false,
  ...fields,
});

describe('describeInvite', () => {
  it('says when in UK time and gives the whole joining block, the deadline, the personal link and the Gmail hint', () => {
    expect(describeInvite(aDescription({ part: { index: 2, count: 2 } }))).toBe(
      [
        'Initial child protection conference',
        'Case reference: CR-1042',
        'Session: part 2 of 2',
        'When: Thursday 3 December 2026, 10:00 to 11:30 (UK time)',
        '',
        'How to join',
        'Join by video: https://video.example/meet/1',
        'Join by phone: 0300 123 4567',
        'Access code (PIN): 482911',
        'Venue: Room 2, Town Hall',
        '',
        'Reports are due by Monday 30 November 2026, 17:00 (UK time).',
        'You are asked to send a report: upload it through your personal page.',
        '',
        'Your personal page for this meeting (reply, joining details, reports): http://localhost:3000/p/abc',
        '',
        'Gmail users: if this meeting is not added to your calendar, open the invitation and choose Yes or Add to calendar.',
      ].join('\n'),
    );
  });

  it('leaves out what is missing', () => {
    const text = describeInvite(
      aDescription({ join: { venue: 'Room 2' }, preReadDeadline: null, reportRequired: false }),
    );
    expect(text).toContain('How to join\nVenue: Room 2\n\nYour personal page');
    expect(text).not.toMatch(/Reports are due|PIN|Session:/);
  });

  it('keeps one session’s PIN out of another session’s description (T6, T7)', () => {
    const first = describeInvite(
      aDescription({ join: { videoUrl: 'https://video.example/1', dialInNumber: '0300 111', accessCode: '111111' } }),
    );
    const second = describeInvite(
      aDescription({ join: { videoUrl: 'https://video.example/2', dialInNumber: '0300 222', accessCode: '222222' } }),
    );
    expect(first).toContain('111111');
    expect(first).not.toContain('222222');
    expect(second).toContain('https://video.example/2');
    expect(second).not.toMatch(/111111|video\.example\/1/);
  });

  it('says a cancellation is one, and gives no joining details or link', () => {
    const text = describeInvite(aDescription({ cancelled: true }));
    expect(text).toContain('When: Thursday 3 December 2026, 10:00 to 11:30 (UK time)');
    expect(text).toContain('CANCELLED');
    expect(text).not.toMatch(/482911|video\.example|\/p\/abc/);
  });

  it('tells someone removed or excluded that they are no longer invited, and that the meeting is not cancelled', () => {
    const text = describeInvite(aDescription({ cancelled: true, uninvited: true }));
    expect(text).toContain(
      'NO LONGER INVITED: you are no longer invited to this session. The meeting itself is not cancelled.',
    );
    expect(text).not.toContain('CANCELLED:');
    expect(text).not.toMatch(/482911|video\.example|\/p\/abc/);
  });
});

describe('locationOf and joinLines (F7)', () => {
  it('puts the video link in LOCATION, else the venue, else the phone number', () => {
    expect(locationOf({ videoUrl: 'https://v.example/1', venue: 'Room 2', dialInNumber: '0300' })).toBe(
      'https://v.example/1',
    );
    expect(locationOf({ videoUrl: ' ', venue: 'Room 2', dialInNumber: '0300' })).toBe('Room 2');
    expect(locationOf({ dialInNumber: '0300 123' })).toBe('0300 123');
    expect(locationOf({})).toBeNull();
  });

  it('lists the joining details in one order, one line each', () => {
    expect(joinLines({ accessCode: '1\n2', videoUrl: 'https://v.example/1' })).toEqual([
      'Join by video: https://v.example/1',
      'Access code (PIN): 1 2',
    ]);
  });
});

describe('renderIcs: a backslash in a name (issue 17)', () => {
  it('writes it once in CN, as RFC 5545 quoted parameter values take it, however the line folds', () => {
    const name = 'Jordan O\\Brien-Longsurname-Averylongdisplaynamethatfoldsacrossthecontentline';
    const ics = renderIcs(anInvite({ attendee: { name, email: 'jordan@example.net', isChair: false } }));
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain(`;CN="${name}":`);
    expect(unfolded).not.toContain('O\\\\Brien');
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });
});
