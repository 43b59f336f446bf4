import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { TemplateRenderer } from '../../templates/template-renderer';
import { CalendarInvite, describeInvite, JoiningDetails, locationOf, meetingTitle } from './calendar-invite';
import { composeInviteEmail, composeNotificationEmail, InviteEmailInput, OutgoingMail } from './invite-email';
import { lintItip } from './itip-lint';

const FROM = 'meetings@quorum.localhost';
const renderer = new TemplateRenderer();
const london = (date: string, time: string) =>
  DateTime.fromISO(`${date}T${time}`, { zone: 'Europe/London' }).toJSDate();

// INVITES.md T14 fixture: the child and family must not reach a subject, a title, a location, a file name or a UID.
const CHILD = 'Amelia Testchild';
const PARENT = { name: 'Sarah Testchild', email: 'parent@example.net' };
const POLICE = { name: 'DC Patel', email: 'dc@police.example' };

interface Session {
  uid: string;
  start: Date;
  end: Date;
  join: JoiningDetails;
  label: string | null;
  part?: { index: number; count: number };
}
const FIRST: Session = {
  uid: '5f0c2a8e-1b7d-4c3e-9a55-0e6f7d8c9b10@quorum.localhost',
  start: london('2026-07-01', '10:00'),
  end: london('2026-07-01', '11:30'),
  join: {
    videoUrl: 'https://video.example/meet/1?pwd=a&b=c',
    dialInNumber: '0300 123 4567',
    accessCode: '482911',
    venue: null,
  },
  label: 'Professionals and mother',
  part: { index: 1, count: 2 },
};
const SECOND: Session = {
  uid: '9d1e3b7c-2a4f-4e6d-8b1a-7c6e5d4f3a21@quorum.localhost',
  start: london('2026-07-01', '13:00'),
  end: london('2026-07-01', '14:00'),
  join: {
    videoUrl: 'https://video.example/meet/2',
    dialInNumber: '0300 765 4321',
    accessCode: '482912',
    venue: 'Room 2, Town Hall',
  },
  label: 'Professionals and father',
  part: { index: 2, count: 2 },
};

/** What the invite composer does: one participant, one session, one kind of message. */
function anInviteEmail(
  kind: InviteEmailInput['kind'],
  options: {
    to?: { name: string; email: string };
    session?: Session;
    sequence?: number;
    stamp?: Date;
    isChair?: boolean;
  } = {},
): OutgoingMail {
  const to = options.to ?? POLICE;
  const session = options.session ?? FIRST;
  const cancelling = kind === 'CANCEL' || kind === 'UNINVITE';
  const personalUrl = `http://localhost:3000/p/token-for-${to.email.split('@')[0]}`;
  const references = ['CR-1042'];
  const preReadDeadline = london('2026-06-26', '17:00');
  const invite: CalendarInvite = {
    method: cancelling ? 'CANCEL' : 'REQUEST',
    uid: session.uid,
    sequence: options.sequence ?? 0,
    stamp: options.stamp ?? new Date('2026-06-20T08:15:00Z'),
    start: session.start,
    end: session.end,
    summary: meetingTitle({
      typeShortLabel: 'ICPC',
      typeLabel: 'Initial child protection conference',
      caseReferences: references,
      date: session.start,
      part: session.part,
    }),
    description: describeInvite({
      typeLabel: 'Initial child protection conference',
      caseReferences: references,
      part: session.part,
      start: session.start,
      end: session.end,
      join: session.join,
      preReadDeadline,
      personalUrl,
      reportRequired: true,
      cancelled: cancelling,
    }),
    location: locationOf(session.join),
    url: personalUrl,
    organizer: { name: 'Quorum safeguarding meetings', email: FROM },
    attendee: { name: to.name, email: to.email, isChair: options.isChair ?? false },
    status: cancelling ? 'CANCELLED' : 'CONFIRMED',
  };
  return composeInviteEmail(
    renderer,
    {
      kind,
      invite,
      recipientName: to.name,
      typeLabel: 'Initial child protection conference',
      caseReferences: references,
      join: session.join,
      preReadDeadline,
      personalUrl,
      reportRequired: true,
      sessionLabel: session.label,
      part: session.part,
    },
    FROM,
  );
}

/** The raw RFC 5322 message nodemailer would hand to SMTP, with the options the mail transport uses. */
async function rawMessage(mail: object): Promise<string> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = (await transport.sendMail(mail)) as unknown as { message: Buffer };
  return info.message.toString('utf8');
}

interface MimePart {
  headers: Map<string, string>;
  /** `text/calendar` */
  type: string;
  /** The whole Content-Type header, unfolded. */
  contentType: string;
  children: MimePart[];
  body: Buffer;
}

/** A small MIME reader for tests: headers, the multipart tree and the decoded bodies (INVITES.md "parseMime"). */
function parseMime(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const contentType = headers.get('content-type') ?? 'text/plain';
  const type = contentType.split(';')[0].trim().toLowerCase();
  const content = raw.slice(split + 4);
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)![1];
    const sections = content.split(`--${boundary}`);
    const children = sections
      .slice(1, -1)
      .map((section) => parseMime(section.replace(/^\r\n/, '').replace(/\r\n$/, '')));
    expect(sections[sections.length - 1].startsWith('--')).toBe(true); // the closing delimiter
    return { headers, type, contentType, children, body: Buffer.alloc(0) };
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(content.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            content
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          )
        : Buffer.from(content, 'utf8');
  return { headers, type, contentType, children: [], body };
}

const leaves = (part: MimePart): MimePart[] => (part.children.length === 0 ? [part] : part.children.flatMap(leaves));
const shape = (part: MimePart): unknown =>
  part.children.length === 0 ? part.type : { [part.type]: part.children.map(shape) };

function parseIcs(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe('the invitation email on the wire (INVITES.md T1)', () => {
  let raw: string;
  let root: MimePart;
  beforeAll(async () => {
    raw = await rawMessage(anInviteEmail('INVITE'));
    root = parseMime(raw);
  });

  it('is mixed[alternative[text, html, calendar], ics attachment] and nothing else', () => {
    expect(shape(root)).toEqual({
      'multipart/mixed': [{ 'multipart/alternative': ['text/plain', 'text/html', 'text/calendar'] }, 'application/ics'],
    });
  });

  it('labels the calendar alternative with method=REQUEST and sends both calendar parts base64', () => {
    const [calendar, attachment] = leaves(root).slice(2);
    expect(calendar.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(calendar.headers.get('content-transfer-encoding')).toBe('base64');
    expect(calendar.headers.has('content-disposition')).toBe(false); // an alternative, not an attachment (T19)
    expect(attachment.contentType).toBe('application/ics; name=invite.ics');
    expect(attachment.headers.get('content-disposition')).toBe('attachment; filename=invite.ics');
    expect(attachment.headers.get('content-transfer-encoding')).toBe('base64');
    expect(calendar.body.toString('utf8')).toBe(attachment.body.toString('utf8'));
  });

  it('carries a calendar object that reads back with ical.js and passes our iTIP checks', () => {
    const ics = leaves(root)[2].body.toString('utf8');
    const { calendar, event } = parseIcs(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe(FIRST.uid);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-07-01T09:00:00.000Z');
    expect(ics).toContain('\r\nDTSTART:20260701T090000Z\r\n');
    expect(lintItip(ics, { method: 'REQUEST', sequence: 0 })).toEqual([]);
  });

  it('reads the same through mailparser', async () => {
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Invitation: ICPC – CR-1042 – Wed 1 Jul 2026 (part 1 of 2)');
    expect(parsed.text).toContain('Access code (PIN): 482911');
    expect(parsed.html).toContain('<dd>482911</dd>');
    const attachments = parsed.attachments.map((a) => a.contentType).sort();
    expect(attachments).toEqual(['application/ics', 'text/calendar']);
  });

  it('comes from the organizer mailbox (T19)', async () => {
    const parsed = await simpleParser(raw);
    expect(parsed.from?.value).toEqual([{ address: FROM, name: 'Quorum safeguarding meetings' }]);
    expect(
      String(parseIcs(leaves(root)[2].body.toString('utf8')).vevent.getFirstPropertyValue('organizer')).toLowerCase(),
    ).toBe(`mailto:${FROM}`);
    expect(root.headers.has('reply-to')).toBe(false);
  });
});

describe('the MIME method label matches the calendar METHOD (T2)', () => {
  const mimeMethod = (raw: string) => /Content-Type: text\/calendar;[^\r\n]*method=([A-Za-z-]+)/.exec(raw)?.[1];
  const icsMethod = (raw: string) =>
    parseIcs(
      leaves(parseMime(raw))
        .find((p) => p.type === 'text/calendar')!
        .body.toString('utf8'),
    ).calendar.getFirstPropertyValue('method');

  it.each(['INVITE', 'UPDATE', 'CANCEL', 'UNINVITE'] as const)('for %s', async (kind) => {
    const raw = await rawMessage(anInviteEmail(kind, { sequence: 1 }));
    expect(mimeMethod(raw)).toBe(kind === 'INVITE' || kind === 'UPDATE' ? 'REQUEST' : 'CANCEL');
    expect(mimeMethod(raw)).toBe(icsMethod(raw));
  });

  it('and would not, had the composer left nodemailer to choose (negative control: PUBLISH)', async () => {
    const mail = anInviteEmail('INVITE');
    const raw = await rawMessage({ ...mail, icalEvent: { content: mail.icalEvent!.content } });
    expect(mimeMethod(raw)).toBe('PUBLISH');
    expect(mimeMethod(raw)).not.toBe(icsMethod(raw));
  });
});

describe('subjects, file names and kinds', () => {
  it.each([
    ['INVITE', 'Invitation: ', 'invite.ics'],
    ['UPDATE', 'Updated: ', 'invite.ics'],
    ['CANCEL', 'Cancelled: ', 'cancel.ics'],
    ['UNINVITE', 'You are no longer invited to ', 'cancel.ics'],
  ] as const)('%s', (kind, prefix, filename) => {
    const mail = anInviteEmail(kind);
    expect(mail.subject).toBe(`${prefix}ICPC – CR-1042 – Wed 1 Jul 2026 (part 1 of 2)`);
    expect(mail.icalEvent?.filename).toBe(filename);
    expect(mail.icalEvent?.contentTransferEncoding).toBe('base64');
    expect(mail.to).toBe(POLICE.email);
  });

  it('refuses a message whose calendar part contradicts its kind', () => {
    const mail = (kind: InviteEmailInput['kind'], fields: Partial<CalendarInvite>) => () =>
      composeInviteEmail(
        renderer,
        {
          kind,
          invite: { ...parseBack(anInviteEmail('INVITE')), ...fields },
          recipientName: 'X',
          typeLabel: 'T',
          caseReferences: [],
          join: {},
          preReadDeadline: null,
          personalUrl: 'http://x/p/1',
          reportRequired: false,
        },
        FROM,
      );
    expect(mail('CANCEL', { method: 'REQUEST' })).toThrow(/carries a CANCEL/);
    expect(mail('UNINVITE', { method: 'CANCEL', status: null })).toThrow(/STATUS/);
    expect(mail('CANCEL', { method: 'CANCEL', status: null })).toThrow(/STATUS/);
    expect(mail('INVITE', { organizer: { name: 'Other', email: 'other@quorum.localhost' } })).toThrow(/ORGANIZER/);
  });
});

/** A CalendarInvite for the first session, to feed the refusal tests. */
function parseBack(mail: OutgoingMail): CalendarInvite {
  const { event } = parseIcs(mail.icalEvent!.content);
  return {
    method: 'REQUEST',
    uid: event.uid,
    sequence: 0,
    stamp: new Date('2026-06-20T08:15:00Z'),
    start: FIRST.start,
    end: FIRST.end,
    summary: event.summary,
    description: event.description,
    location: null,
    url: null,
    organizer: { name: 'Quorum', email: FROM },
    attendee: { name: 'X', email: 'x@x.example', isChair: false },
    status: 'CONFIRMED',
  };
}

describe('the bodies repeat everything (INVITES.md A7)', () => {
  const mail = anInviteEmail('INVITE');

  it('give the time in UK time, the whole joining block, the deadline, the personal link and the Gmail hint in text', () => {
    expect(mail.text).toContain('When: Wednesday 1 July 2026, 10:00 to 11:30 (UK time)');
    expect(mail.text).toContain('Join by video: https://video.example/meet/1?pwd=a&b=c'); // not HTML-escaped
    expect(mail.text).toContain('Join by phone: 0300 123 4567');
    expect(mail.text).toContain('Access code (PIN): 482911');
    expect(mail.text).toContain('Reports are due by Friday 26 June 2026, 17:00 (UK time).');
    expect(mail.text).toContain('You are asked to send a report');
    expect(mail.text).toContain('\nhttp://localhost:3000/p/token-for-dc\n');
    expect(mail.text).toContain('choose Yes or Add to calendar');
    expect(mail.text).toContain('Session: part 1 of 2 (Professionals and mother)');
    expect(mail.text).toMatch(/^You are invited to a meeting\n\nDear DC Patel,\n/);
    expect(mail.text).not.toMatch(/\n{3,}/);
    expect(mail.text).not.toMatch(/&amp;|&#x3D;|\{\{|\}\}/);
  });

  it('give the same in accessible HTML: a language, a heading, a definition list, links that show their address', () => {
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(mail.html).toContain('<title>ICPC – CR-1042 – Wed 1 Jul 2026 (part 1 of 2)</title>');
    expect(mail.html).toContain('<h1>You are invited to a meeting</h1>');
    expect(mail.html).toContain('<dt>Access code (PIN)</dt>\n  <dd>482911</dd>');
    expect(mail.html).toContain('<dd>Wednesday 1 July 2026, 10:00 to 11:30 (UK time)</dd>');
    expect(mail.html).toContain(
      '<a href="http://localhost:3000/p/token-for-dc">http://localhost:3000/p/token-for-dc</a>',
    );
    expect(mail.html).toMatch(
      /<a href="https:\/\/video\.example\/meet\/1\?pwd&#x3D;a&amp;b&#x3D;c">https:\/\/video\.example\/meet\/1\?pwd&#x3D;a&amp;b&#x3D;c<\/a>/,
    );
    expect(mail.html).toContain('Friday 26 June 2026, 17:00 (UK time)');
    expect(mail.html).not.toMatch(/<table/);
  });

  it('escape names in HTML and leave them as written in text', () => {
    const odd = anInviteEmail('INVITE', { to: { name: 'Jo <b>& Co</b>', email: 'jo@x.example' } });
    expect(odd.html).toContain('Dear Jo &lt;b&gt;&amp; Co&lt;/b&gt;,');
    expect(odd.text).toContain('Dear Jo <b>& Co</b>,');
  });

  it('say an update is one', () => {
    const update = anInviteEmail('UPDATE', { sequence: 1 });
    expect(update.text).toContain('The details of this meeting have changed');
    expect(update.html).toContain('<h1>A meeting you are invited to has changed</h1>');
  });

  it('say a cancellation is one, and give no joining details', () => {
    for (const kind of ['CANCEL', 'UNINVITE'] as const) {
      const mail = anInviteEmail(kind, { sequence: 1 });
      expect(mail.text).toMatch(
        kind === 'CANCEL'
          ? /THIS MEETING HAS BEEN CANCELLED/
          : /NO LONGER INVITED TO THIS SESSION OF THE MEETING. The meeting itself is not cancelled/,
      );
      expect(mail.text).toContain('When: Wednesday 1 July 2026, 10:00 to 11:30 (UK time)');
      for (const body of [mail.text, mail.html, mail.icalEvent!.content]) expect(body).not.toContain('482911');
    }
  });
});

describe('each session’s details go only to that session’s people (T6, T7)', () => {
  it('the second session carries its own link, number and PIN, and none of the first', () => {
    const first = anInviteEmail('INVITE', { session: FIRST });
    const second = anInviteEmail('INVITE', { session: SECOND });
    const ics = [first, second].map((m) => parseIcs(m.icalEvent!.content).event);
    expect(ics[0].uid).not.toBe(ics[1].uid);
    expect(ics[1].location).toBe('https://video.example/meet/2');
    for (const body of [second.text, second.html, second.icalEvent!.content.replace(/\r\n /g, '')]) {
      expect(body).toContain('482912');
      expect(body).toContain('0300 765 4321');
      expect(body).not.toContain('482911');
      expect(body).not.toContain('0300 123 4567');
    }
    expect(second.text).toContain('Venue: Room 2, Town Hall');
  });
});

describe('privacy (T14)', () => {
  it('keeps the family out of the subject, title, location, file name and UID, and other people out of the message', async () => {
    const toParent = anInviteEmail('INVITE', { to: PARENT });
    const toPolice = anInviteEmail('INVITE', { to: POLICE });
    for (const mail of [toParent, toPolice]) {
      const { event } = parseIcs(mail.icalEvent!.content);
      for (const word of [...CHILD.split(' '), ...PARENT.name.split(' ')]) {
        expect(mail.subject).not.toContain(word);
        expect(event.summary).not.toContain(word);
        expect(event.location ?? '').not.toContain(word);
        expect(event.uid).not.toContain(word);
        expect(mail.icalEvent!.filename).not.toContain(word);
      }
      expect(event.uid).toMatch(/^[0-9a-f-]{36}@quorum\.localhost$/);
      expect(mail.icalEvent!.content).toContain('CLASS:PRIVATE');
    }
    // The parent's name is in the greeting of the message to the parent only.
    expect(toParent.text).toContain(`Dear ${PARENT.name},`);
    // Grep the whole message, headers and decoded bodies alike: the bodies travel base64 or quoted-printable.
    const everything = (raw: string) =>
      [raw, ...leaves(parseMime(raw)).map((part) => part.body.toString('utf8'))].join('\n');
    const toPoliceAll = everything(await rawMessage(toPolice));
    expect(toPoliceAll).toContain('Dear DC Patel,'); // the decoding works
    expect(toPoliceAll).not.toMatch(/parent@example\.net|Testchild|Sarah/);
    expect(everything(await rawMessage(toParent))).not.toContain(POLICE.email);
  });
});

describe('notification emails (no calendar part)', () => {
  const context = {
    recipientName: 'DC Patel',
    typeLabel: 'Initial child protection conference',
    title: 'ICPC – CR-1042 – Wed 1 Jul 2026',
    caseReferences: 'CR-1042',
    meetingStart: 'Wednesday 1 July 2026, 10:00 (UK time)',
    personalUrl: 'http://localhost:3000/p/t',
  };

  it('remind a participant to send a report, with the deadline and the page to upload it', async () => {
    const mail = composeNotificationEmail(
      renderer,
      {
        template: 'reminder',
        subject: 'Report due: ICPC – CR-1042 – Wed 1 Jul 2026',
        to: POLICE.email,
        context: { ...context, deadline: 'Friday 26 June 2026, 17:00 (UK time)' },
      },
      FROM,
    );
    expect(mail.icalEvent).toBeUndefined();
    expect(mail.from).toBe(`Quorum safeguarding meetings <${FROM}>`);
    expect(mail.text).toContain('Reports are due by: Friday 26 June 2026, 17:00 (UK time)');
    expect(mail.text).toContain('\nhttp://localhost:3000/p/t\n');
    expect(mail.text).toContain(`Sent by Quorum from ${FROM}.`);
    expect(mail.html).toContain('<a href="http://localhost:3000/p/t">http://localhost:3000/p/t</a>');
    expect(shape(parseMime(await rawMessage(mail)))).toEqual({ 'multipart/alternative': ['text/plain', 'text/html'] });
  });

  it('list the reports of a pack with their links', () => {
    const documents = [
      { title: 'Social work report', late: false, url: 'http://localhost:3000/p/t/documents/1' },
      { title: 'Health visitor report & notes', late: true, url: 'http://localhost:3000/p/t/documents/2' },
    ];
    const mail = composeNotificationEmail(
      renderer,
      { template: 'pack', subject: 's', to: POLICE.email, context: { ...context, documents } },
      FROM,
    );
    expect(mail.text).toContain('- Social work report\n  http://localhost:3000/p/t/documents/1\n');
    expect(mail.text).toContain('- Health visitor report & notes (received late)\n');
    expect(mail.html).toContain(
      '<li><a href="http://localhost:3000/p/t/documents/2">Health visitor report &amp; notes</a> (received late)</li>',
    );
    const empty = composeNotificationEmail(
      renderer,
      { template: 'pack', subject: 's', to: POLICE.email, context: { ...context, documents: [] } },
      FROM,
    );
    expect(empty.text).toContain('No reports have been shared with you.');
    expect(empty.html).toContain('No reports have been shared with you.');
  });

  it('link to the approved record', () => {
    const mail = composeNotificationEmail(
      renderer,
      {
        template: 'minutes',
        subject: 's',
        to: POLICE.email,
        context: {
          ...context,
          heldOn: 'Wednesday 1 July 2026',
          minutesUrl: 'http://localhost:3000/p/t/minutes',
          confidential: true,
        },
      },
      FROM,
    );
    expect(mail.text).toContain('Read the record:\nhttp://localhost:3000/p/t/minutes');
    expect(mail.text).toContain('CONFIDENTIAL');
    expect(mail.html).toContain('<a href="http://localhost:3000/p/t/minutes">http://localhost:3000/p/t/minutes</a>');
  });

  it('tell the chair when the record is due', () => {
    const mail = composeNotificationEmail(
      renderer,
      {
        template: 'record-due',
        subject: 's',
        to: POLICE.email,
        context: { ...context, heldOn: 'Wednesday 1 July 2026', recordDueOn: 'Wednesday 15 July 2026' },
      },
      FROM,
    );
    expect(mail.text).toMatch(/^The record is due by Wednesday 15 July 2026\n/);
    expect(mail.html).toContain('<title>The record is due</title>');
  });
});
