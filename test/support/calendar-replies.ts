/**
 * Messages as calendar clients and mail servers send them back to an organiser, built as raw RFC 5322 text so that the
 * listener sees every header and MIME part as it would from the wire. Each builder says which published shape it follows.
 */
export interface Answer {
  from: string;
  to: string;
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  attendee: string;
  partstat: 'ACCEPTED' | 'DECLINED' | 'TENTATIVE' | 'DELEGATED';
  title: string;
  messageId: string;
  /** Extra ATTENDEE parameters, e.g. `;SENT-BY="mailto:pa@police.example"`. */
  attendeeParams?: string;
}

const CRLF = '\r\n';
const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const london = (d: Date) => utc(d).replace(/Z$/, ''); // winter dates: London is UTC
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64').replace(/.{76}/g, `$&${CRLF}`);
const lines = (...parts: string[]) => parts.join(CRLF);
const date = 'Mon, 23 Nov 2026 10:15:00 +0000';
const ACCEPTED_WORD = {
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined',
  TENTATIVE: 'Tentative',
  DELEGATED: 'Delegated',
} as const;

/** The VTIMEZONE Outlook and Exchange write for UK time ([MS-OXCICAL] §2.1.3.1.1.19: Windows zone names as TZID). */
const GMT_STANDARD_TIME = lines(
  'BEGIN:VTIMEZONE',
  'TZID:GMT Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T010000',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
);

/**
 * Outlook / Exchange ([MS-OXCICAL] and Exchange's iMIP): subject "Accepted: <subject>", multipart/alternative of
 * text/plain, text/html and `text/calendar; method=REPLY` in base64; the VEVENT in "GMT Standard Time" with the
 * X-MICROSOFT-CDO properties. A proposal of a new time is the same shape, METHOD:COUNTER, "New Time Proposed: <subject>".
 */
export function outlookAnswer(a: Answer, counter?: { startsAt: Date; endsAt: Date }): string {
  const method = counter ? 'COUNTER' : 'REPLY';
  const subject = counter ? `New Time Proposed: ${a.title}` : `${ACCEPTED_WORD[a.partstat]}: ${a.title}`;
  const ics = lines(
    'BEGIN:VCALENDAR',
    `METHOD:${method}`,
    'PRODID:Microsoft Exchange Server 2010',
    'VERSION:2.0',
    GMT_STANDARD_TIME,
    'BEGIN:VEVENT',
    `ATTENDEE;PARTSTAT=${counter ? 'TENTATIVE' : a.partstat};CN=Attendee${a.attendeeParams ?? ''}:mailto:${a.attendee}`,
    'COMMENT;LANGUAGE=en-GB:\\n',
    `SUMMARY;LANGUAGE=en-GB:${subject}`,
    `DTSTART;TZID=GMT Standard Time:${london(counter?.startsAt ?? a.startsAt)}`,
    `DTEND;TZID=GMT Standard Time:${london(counter?.endsAt ?? a.endsAt)}`,
    `UID:${a.uid}`,
    'CLASS:PUBLIC',
    'PRIORITY:5',
    `DTSTAMP:${utc(new Date('2026-11-23T10:15:00Z'))}`,
    'TRANSP:OPAQUE',
    'STATUS:CONFIRMED',
    `SEQUENCE:${a.sequence}`,
    'LOCATION;LANGUAGE=en-GB:',
    `X-MICROSOFT-CDO-APPT-SEQUENCE:${a.sequence}`,
    'X-MICROSOFT-CDO-REPLYTIME:20261123T101500Z',
    ...(counter
      ? [
          `X-MS-OLK-ORIGINALSTART;TZID=GMT Standard Time:${london(a.startsAt)}`,
          `X-MS-OLK-ORIGINALEND;TZID=GMT Standard Time:${london(a.endsAt)}`,
        ]
      : []),
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  );
  const boundary = '_000_DB9PR01MB1234EURPRD01PRODOUTLOOK_';
  return lines(
    `From: Attendee <${a.from}>`,
    `To: <${a.to}>`,
    `Subject: ${subject}`,
    `Thread-Topic: ${a.title}`,
    `Date: ${date}`,
    `Message-ID: <${a.messageId}>`,
    'Accept-Language: en-GB',
    'Content-Language: en-GB',
    'X-MS-Has-Attach:',
    'X-MS-TNEF-Correlator:',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset="us-ascii"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '',
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset="us-ascii"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '<html><body></body></html>',
    '',
    `--${boundary}`,
    `Content-Type: text/calendar; charset="utf-8"; method=${method}`,
    'Content-Transfer-Encoding: base64',
    '',
    base64(ics),
    '',
    `--${boundary}--`,
    '',
  );
}

/**
 * Google Calendar (as RFC 6047 and the CalConnect iMIP guide describe Gmail's messages): multipart/mixed holding a
 * multipart/alternative of text/plain, text/html and `text/calendar; method=REPLY`, then the same calendar again as an
 * `application/ics` attachment named invite.ics. Google's subject reads "<Accepted>: <title> @ <when> (<address>)".
 */
export function gmailReply(a: Answer): string {
  const ics = lines(
    'BEGIN:VCALENDAR',
    'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:REPLY',
    'BEGIN:VEVENT',
    `DTSTART:${utc(a.startsAt)}`,
    `DTEND:${utc(a.endsAt)}`,
    `DTSTAMP:${utc(new Date('2026-11-23T10:15:00Z'))}`,
    `ORGANIZER;CN=Meetings:mailto:${a.to}`,
    `UID:${a.uid}`,
    `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${a.partstat};CN=${a.attendee};X-NUM-GUESTS=0${a.attendeeParams ?? ''}:mailto:${a.attendee}`,
    'CREATED:20261123T090000Z',
    'LAST-MODIFIED:20261123T101500Z',
    `SEQUENCE:${a.sequence}`,
    'STATUS:CONFIRMED',
    `SUMMARY:${a.title}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  );
  const mixed = '000000000000a1b2c3d4e5f60001';
  const alternative = '000000000000a1b2c3d4e5f60002';
  const subject = `${ACCEPTED_WORD[a.partstat]}: ${a.title} @ Thu 3 Dec 2026 10am - 11:30am (GMT) (${a.attendee})`;
  return lines(
    `From: Attendee <${a.from}>`,
    `To: ${a.to}`,
    `Subject: ${subject}`,
    `Date: ${date}`,
    `Message-ID: <${a.messageId}>`,
    'Reply-To: Attendee <' + a.from + '>',
    'Sender: Google Calendar <calendar-notification@google.com>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${mixed}"`,
    '',
    `--${mixed}`,
    `Content-Type: multipart/alternative; boundary="${alternative}"`,
    '',
    `--${alternative}`,
    'Content-Type: text/plain; charset="UTF-8"; format=flowed; delsp=yes',
    'Content-Transfer-Encoding: base64',
    '',
    base64(`${a.attendee} has ${a.partstat.toLowerCase()} this invitation.\n`),
    '',
    `--${alternative}`,
    'Content-Type: text/html; charset="UTF-8"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '<p>has responded</p>',
    '',
    `--${alternative}`,
    'Content-Type: text/calendar; charset="UTF-8"; method=REPLY',
    'Content-Transfer-Encoding: 7bit',
    '',
    ics,
    '',
    `--${alternative}--`,
    '',
    `--${mixed}`,
    'Content-Type: application/ics; name="invite.ics"',
    'Content-Disposition: attachment; filename="invite.ics"',
    'Content-Transfer-Encoding: base64',
    '',
    base64(ics),
    '',
    `--${mixed}--`,
    '',
  );
}

/**
 * Apple Calendar on macOS and iOS answering by mail: one `text/calendar; method=REPLY` part (RFC 6047 §2.4, as Apple's
 * iMIP replies and the DAViCal example carry it), quoted-printable, with Apple's PRODID and X-WR-* properties.
 */
export function appleReply(a: Answer): string {
  const ics = lines(
    'BEGIN:VCALENDAR',
    'METHOD:REPLY',
    'VERSION:2.0',
    'PRODID:-//Apple Inc.//macOS 15.1//EN',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `ATTENDEE;CN="Attendee";EMAIL=${a.attendee};PARTSTAT=${a.partstat};ROLE=REQ-PARTICIPANT${a.attendeeParams ?? ''}:mailto:${a.attendee}`,
    `DTEND:${utc(a.endsAt)}`,
    `DTSTAMP:${utc(new Date('2026-11-23T10:15:00Z'))}`,
    `DTSTART:${utc(a.startsAt)}`,
    `ORGANIZER:mailto:${a.to}`,
    `SEQUENCE:${a.sequence}`,
    `SUMMARY:${a.title}`,
    `UID:${a.uid}`,
    'X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  );
  return lines(
    `From: Attendee <${a.from}>`,
    `To: ${a.to}`,
    `Subject: Invitation: ${a.title} ${ACCEPTED_WORD[a.partstat].toLowerCase()}`,
    `Date: ${date}`,
    `Message-Id: <${a.messageId}>`,
    'Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3826.200.121\\))',
    'X-Mailer: Apple Mail (2.3826.200.121)',
    'Content-Type: text/calendar; method=REPLY; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
    '',
    ics,
  );
}

/** Postfix's bounce (bounce(8)): multipart/report; report-type=delivery-status with the original message attached. */
export function postfixBounce(m: {
  to: string;
  recipient: string;
  originalMessageId: string;
  originalFrom: string;
  messageId: string;
}): string {
  const boundary = '4E2A81C0A3.1764000000/relay.northshire.example';
  return lines(
    'From: MAILER-DAEMON@relay.northshire.example (Mail Delivery System)',
    `To: ${m.to}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${date}`,
    `Message-Id: <${m.messageId}>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status;${CRLF}\tboundary="${boundary}"`,
    'Content-Transfer-Encoding: 8bit',
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${boundary}`,
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'This is the mail system at host relay.northshire.example.',
    '',
    "I'm sorry to have to inform you that your message could not",
    'be delivered to one or more recipients.',
    '',
    `<${m.recipient}>: host mx.idva.example[192.0.2.25] said: 550 5.1.1`,
    `    <${m.recipient}>: Recipient address rejected: User unknown (in reply to RCPT TO command)`,
    '',
    `--${boundary}`,
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; relay.northshire.example',
    'X-Postfix-Queue-ID: 4E2A81C0A3',
    `X-Postfix-Sender: rfc822; ${m.to}`,
    `Arrival-Date: ${date}`,
    '',
    `Final-Recipient: rfc822; ${m.recipient}`,
    `Original-Recipient: rfc822;${m.recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    'Remote-MTA: dns; mx.idva.example',
    `Diagnostic-Code: smtp; 550 5.1.1 <${m.recipient}>: Recipient address rejected: User${CRLF}    unknown`,
    '',
    `--${boundary}`,
    'Content-Description: Undelivered Message Headers',
    'Content-Type: text/rfc822-headers',
    'Content-Transfer-Encoding: 8bit',
    '',
    `From: ${m.originalFrom}`,
    `To: ${m.recipient}`,
    'Subject: Invitation: ICPC',
    `Message-ID: <${m.originalMessageId}>`,
    `Date: ${date}`,
    '',
    `--${boundary}--`,
    '',
  );
}

/** Exchange's out-of-office ("Automatic reply: <subject>", Auto-Submitted: auto-replied, X-Auto-Response-Suppress: All). */
export function outOfOffice(m: { from: string; to: string; messageId: string }): string {
  return lines(
    `From: Attendee <${m.from}>`,
    `To: ${m.to}`,
    'Subject: Automatic reply: Invitation: ICPC',
    `Date: ${date}`,
    `Message-ID: <${m.messageId}>`,
    'Auto-Submitted: auto-replied',
    'X-Auto-Response-Suppress: All',
    'X-MS-Exchange-Inbox-Rules-Loop: ' + m.from,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="us-ascii"',
    '',
    'I am out of the office until Monday.',
    '',
  );
}
