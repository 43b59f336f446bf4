import { simpleParser } from 'mailparser';
import { classifyInbound } from './inbound-classifier';

const ics = ['BEGIN:VCALENDAR', 'METHOD:REPLY', 'BEGIN:VEVENT', 'UID:u-1', 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@b.example', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
const message = (headers: string[], body = 'Hello') => [...headers, '', body, ''].join('\r\n');
const classify = async (raw: string) => classifyInbound(await simpleParser(raw), raw);

describe('classifyInbound', () => {
  it('reads a calendar answer from a single text/calendar body, with its sender', async () => {
    const raw = message(['From: Someone <A@B.example>', 'Content-Type: text/calendar; method=REPLY; charset=utf-8'], ics);
    expect(await classify(raw)).toMatchObject({ kind: 'CALENDAR', from: 'a@b.example', answer: { method: 'REPLY', uid: 'u-1' } });
  });

  it('reads a calendar answer from an attached .ics when there is no text/calendar part', async () => {
    const raw = message(
      ['From: a@b.example', 'Content-Type: multipart/mixed; boundary="M"'],
      ['--M', 'Content-Type: text/plain', '', 'has accepted', '--M', 'Content-Type: application/octet-stream; name="invite.ics"',
        'Content-Disposition: attachment; filename="invite.ics"', '', ics, '--M--'].join('\r\n'),
    );
    expect(await classify(raw)).toMatchObject({ kind: 'CALENDAR', answer: { uid: 'u-1' } });
  });
});
