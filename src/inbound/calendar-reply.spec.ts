import { readCalendarAnswer } from './calendar-reply';

const calendar = (method: string, ...event: string[]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    'UID:session-1@quorum',
    'DTSTAMP:20261123T101500Z',
    ...event,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

describe('readCalendarAnswer', () => {
  it('reads a REPLY: its UID, SEQUENCE and the attendee with their answer', () => {
    const answer = readCalendarAnswer(
      calendar('REPLY', 'SEQUENCE:2', 'ATTENDEE;PARTSTAT=ACCEPTED;CN=Someone:MAILTO:DC.Patel@Police.example'),
    );
    expect(answer).toEqual({
      method: 'REPLY',
      uid: 'session-1@quorum',
      sequence: 2,
      proposed: null,
      attendees: [
        {
          address: 'dc.patel@police.example',
          partstat: 'ACCEPTED',
          sentBy: null,
          delegatedTo: null,
          delegatedFrom: null,
        },
      ],
    });
  });

  it('keeps who answered on the attendee’s behalf and who it was delegated to', () => {
    const answer = readCalendarAnswer(
      calendar(
        'REPLY',
        'ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:deputy@police.example";SENT-BY="mailto:pa@police.example":mailto:boss@police.example',
      ),
    );
    expect(answer?.attendees[0]).toMatchObject({
      partstat: 'DELEGATED',
      delegatedTo: 'deputy@police.example',
      sentBy: 'pa@police.example',
    });
  });

  it('reads a COUNTER’s proposed time, in the zone the VTIMEZONE beside it defines', () => {
    const zone = [
      'BEGIN:VTIMEZONE',
      'TZID:GMT Standard Time',
      'BEGIN:STANDARD',
      'DTSTART:16010101T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0000',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:16010101T010000',
      'TZOFFSETFROM:+0000',
      'TZOFFSETTO:+0100',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
    ].join('\r\n');
    const ics = calendar(
      'COUNTER',
      'ATTENDEE;PARTSTAT=TENTATIVE:mailto:a@b.example',
      'DTSTART;TZID=GMT Standard Time:20270610T140000',
      'DTEND;TZID=GMT Standard Time:20270610T150000',
    ).replace('BEGIN:VEVENT', `${zone}\r\nBEGIN:VEVENT`);
    const answer = readCalendarAnswer(ics);
    expect(answer?.method).toBe('COUNTER');
    // 14:00 in June is British Summer Time: 13:00 UTC.
    expect(answer?.proposed).toEqual({
      startsAt: new Date('2027-06-10T13:00:00Z'),
      endsAt: new Date('2027-06-10T14:00:00Z'),
    });
  });

  it('is not an answer when it is a REQUEST, has no UID, or does not parse', () => {
    expect(readCalendarAnswer(calendar('REQUEST', 'ATTENDEE:mailto:a@b.example'))).toBeNull();
    expect(
      readCalendarAnswer(calendar('REPLY', 'ATTENDEE:mailto:a@b.example').replace('UID:session-1@quorum\r\n', '')),
    ).toBeNull();
    expect(readCalendarAnswer('not a calendar')).toBeNull();
  });
});
