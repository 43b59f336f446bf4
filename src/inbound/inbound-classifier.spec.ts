import { simpleParser } from 'mailparser';
import { classifyInbound } from './inbound-classifier';

const ics = [
  'BEGIN:VCALENDAR',
  'METHOD:REPLY',
  'BEGIN:VEVENT',
  'UID:u-1',
  'ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@b.example',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');
const message = (headers: string[], body = 'Hello') => [...headers, '', body, ''].join('\r\n');
const classify = async (raw: string) => classifyInbound(await simpleParser(raw), raw);

describe('classifyInbound', () => {
  it('reads a calendar answer from a single text/calendar body, with its sender', async () => {
    const raw = message(
      ['From: Someone <A@B.example>', 'Content-Type: text/calendar; method=REPLY; charset=utf-8'],
      ics,
    );
    expect(await classify(raw)).toMatchObject({
      kind: 'CALENDAR',
      from: 'a@b.example',
      answer: { method: 'REPLY', uid: 'u-1' },
    });
  });

  it('reads a calendar answer from an attached .ics when there is no text/calendar part', async () => {
    const raw = message(
      ['From: a@b.example', 'Content-Type: multipart/mixed; boundary="M"'],
      [
        '--M',
        'Content-Type: text/plain',
        '',
        'has accepted',
        '--M',
        'Content-Type: application/octet-stream; name="invite.ics"',
        'Content-Disposition: attachment; filename="invite.ics"',
        '',
        ics,
        '--M--',
      ].join('\r\n'),
    );
    expect(await classify(raw)).toMatchObject({ kind: 'CALENDAR', answer: { uid: 'u-1' } });
  });

  it('takes a bounce as a bounce although Postfix marks it Auto-Submitted', async () => {
    const raw = message(
      [
        'From: MAILER-DAEMON@relay.example',
        'Auto-Submitted: auto-replied',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="R"',
      ],
      [
        '--R',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; relay.example',
        '',
        'Action: failed',
        'Status: 5.1.1',
        '',
        '--R',
        'Content-Type: text/rfc822-headers',
        '',
        'Message-ID: <x@y>',
        '',
        '--R--',
      ].join('\r\n'),
    );
    expect(await classify(raw)).toEqual({
      kind: 'DELIVERY_REPORT',
      report: { originalMessageId: 'x@y', action: 'failed', status: '5.1.1', diagnostic: null },
    });
  });

  it('knows auto-replies by their headers or their subject', async () => {
    expect(await classify(message(['From: a@b.example', 'Auto-Submitted: auto-replied', 'Subject: Re: ICPC']))).toEqual(
      { kind: 'AUTO_REPLY' },
    );
    expect(await classify(message(['From: a@b.example', 'Auto-Submitted: no', 'Subject: Re: ICPC']))).toEqual({
      kind: 'UNRECOGNISED',
    });
    expect(await classify(message(['From: a@b.example', 'X-Autoreply: yes', 'Subject: Re: ICPC']))).toEqual({
      kind: 'AUTO_REPLY',
    });
    expect(await classify(message(['From: a@b.example', 'Subject: Out of Office: ICPC']))).toEqual({
      kind: 'AUTO_REPLY',
    });
    expect(await classify(message(['From: a@b.example', 'Subject: Automatic reply: ICPC']))).toEqual({
      kind: 'AUTO_REPLY',
    });
  });
});
