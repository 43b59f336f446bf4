import { generateKeyPairSync } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { dkimSign } from 'mailauth';
import { createTransport, Transporter } from 'nodemailer';
import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { InboundAuthentication } from '../src/inbound/inbound-authentication';
import { InboundImapPoller } from '../src/inbound/inbound-imap.poller';
import { InboundSmtpListener } from '../src/inbound/inbound-smtp.listener';
import { Answer, outlookAnswer, postfixBounce } from './support/calendar-replies';
import {
  aBooking,
  aCase,
  aSession,
  Directory,
  MeetingBody,
  participantOf,
  post,
  seedDirectory,
} from './support/factories';
import { describeWithImap, startImapServer, TestImapServer } from './support/imap';
import { calendarPart } from './support/mail';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

const ORGANISER = 'meetings@northshire.example';
/** The council's receiving server, whose Authentication-Results header Quorum believes over IMAP. */
const COUNCIL_MX = 'mx.northshire.example';

type Participant = ReturnType<typeof participantOf> & { deliveries: { status: string; lastError: string }[] };

/** A booked ICPC, its invites sent through the relay; and what each attendee's calendar would answer to it. */
function meetingHarness(get: () => { t: TestApp; relay: TestSmtpServer; dir: Directory }) {
  let sent = 0;
  return {
    async bookAndSend(): Promise<MeetingBody> {
      const { t, relay, dir } = get();
      const day = new Date(t.clock.now().getTime() + 10 * 86_400_000);
      day.setUTCHours(10, 0, 0, 0);
      const meeting = await post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          caseIds: [(await aCase(t)).id],
          chairId: dir.people.chair.id,
          allowOverlap: true,
          sessions: [aSession(day.toISOString(), 90)],
          participants: ['police', 'teacher', 'idva', 'father'].map((who) => ({
            personId: dir.people[who as 'police'].id,
            role: who === 'father' ? 'PARENT' : 'OTHER',
          })),
        }),
      );
      relay.clear();
      await t.get<DeliveryWorker>(DeliveryWorker).drain();
      return meeting;
    },
    answerTo(address: string, fields: Partial<Answer> = {}): Answer {
      const invite = calendarPart(get().relay.to(address).at(-1)!).invite;
      sent += 1;
      return {
        from: address,
        to: ORGANISER,
        uid: invite.uid,
        sequence: invite.sequence,
        startsAt: new Date(invite.start),
        endsAt: new Date(invite.end),
        attendee: address,
        partstat: 'ACCEPTED',
        title: invite.summary,
        messageId: `imap-reply-${sent}-${process.pid}@client.example`,
        ...fields,
      };
    },
    async participant(meetingId: string, personId: string): Promise<Participant> {
      const { t } = get();
      const body = (
        await t.http
          .get(`/api/meetings/${meetingId}`)
          .set(await t.auth('COORDINATOR'))
          .expect(200)
      ).body as MeetingBody;
      return participantOf(body, personId) as Participant;
    },
  };
}

/** The organiser mailbox polled over IMAP (issue 23): a real dovecot-imapd on loopback, messages put in with APPEND. */
describeWithImap('replies and bounces read from the organiser mailbox over IMAP', () => {
  let t: TestApp;
  let relay: TestSmtpServer;
  let imap: TestImapServer;
  let dir: Directory;
  let mailbox: ImapFlow;
  const h = meetingHarness(() => ({ t, relay, dir }));

  beforeAll(async () => {
    relay = await TestSmtpServer.start();
    imap = await startImapServer();
    t = await startTestApp({
      SMTP_URL: relay.url,
      MAIL_FROM: ORGANISER,
      INBOUND_IMAP_URL: imap.url,
      INBOUND_MAX_BYTES: '65536',
      INBOUND_AUTH: 'enforce',
      INBOUND_AUTH_SERVID: COUNCIL_MX,
    });
    dir = await seedDirectory(t);
    mailbox = new ImapFlow({
      host: '127.0.0.1',
      port: imap.port,
      secure: false,
      auth: { user: imap.user, pass: imap.password },
      logger: false,
    });
    await mailbox.connect();
  });
  afterAll(async () => {
    await mailbox?.logout();
    await t?.close();
    await imap?.close();
    await relay?.close();
  });

  /** As the council's server files a message it received: its own Authentication-Results on top. */
  const received = (raw: string, results = 'spf=pass smtp.mailfrom=client.example; dkim=none; dmarc=pass') =>
    `Authentication-Results: ${COUNCIL_MX};\r\n ${results.replace(/; /g, ';\r\n ')}\r\n${raw}`;
  const append = async (raw: string) => {
    const appended = await mailbox.append('INBOX', raw);
    if (!appended || !appended.uid) throw new Error('APPEND did not answer the new message’s UID');
    return appended as typeof appended & { uid: number };
  };
  const flagsOf = async (uid: number) => {
    const lock = await mailbox.getMailboxLock('INBOX');
    try {
      const message = await mailbox.fetchOne(String(uid), { uid: true, flags: true }, { uid: true });
      return message ? [...(message.flags ?? [])] : [];
    } finally {
      lock.release();
    }
  };
  const poll = () => t.get<InboundImapPoller>(InboundImapPoller).poll();
  const repliedFromCalendar = async (meetingId: string) =>
    (
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE meeting_id = $1 AND action = 'participant.replied-from-calendar'`,
        [meetingId],
      )
    )[0].n as number;

  it('applies an Outlook REPLY and a Postfix DSN in one poll, marks both \\Seen, and applies nothing twice', async () => {
    const meeting = await h.bookAndSend();
    const { police, idva } = dir.people;
    const reply = await append(received(outlookAnswer(h.answerTo(police.email!, { partstat: 'ACCEPTED' }))));
    const returned = relay.to(idva.email!)[0];
    const bounce = await append(
      received(
        postfixBounce({
          to: ORGANISER,
          recipient: idva.email!,
          originalFrom: ORGANISER,
          originalMessageId: returned.parsed.messageId!.replace(/^<|>$/g, ''),
          messageId: `imap-bounce-${process.pid}@relay.northshire.example`,
        }),
      ),
    );
    expect(await flagsOf(reply.uid)).not.toContain('\\Seen');

    expect(await poll()).toEqual({ received: 2, tooLarge: 0 });
    expect((await h.participant(meeting.id, police.id)).rsvp).toBe('ACCEPTED');
    const bounced = await h.participant(meeting.id, idva.id);
    expect(bounced.deliveries[0].status).toBe('BOUNCED');
    expect(bounced.deliveries[0].lastError).toMatch(/^5\.1\.1 /);
    expect(await flagsOf(reply.uid)).toContain('\\Seen');
    expect(await flagsOf(bounce.uid)).toContain('\\Seen');

    // Nothing unseen: a second poll reads nothing.
    expect(await poll()).toEqual({ received: 0, tooLarge: 0 });
    // As if Quorum had stopped after committing and before flagging: the reply is unseen again, read again, and
    // its Message-ID makes it a duplicate that changes nothing.
    await mailbox.messageFlagsRemove(String(reply.uid), ['\\Seen'], { uid: true });
    expect(await poll()).toEqual({ received: 1, tooLarge: 0 });
    expect(await repliedFromCalendar(meeting.id)).toBe(1);
    expect(await flagsOf(reply.uid)).toContain('\\Seen');
  });

  it('changes nothing for a message the council’s server did not vouch for, and lists it as rejected', async () => {
    const meeting = await h.bookAndSend();
    const { teacher } = dir.people;
    // Its only Authentication-Results is another host's (the sender can write any header it likes).
    const forged = outlookAnswer(h.answerTo(teacher.email!, { partstat: 'DECLINED' }));
    await append(`Authentication-Results: mx.elsewhere.example; spf=pass; dmarc=pass\r\n${forged}`);
    // The council's server checked it and found it failing DMARC (and delivered it all the same).
    const failing = outlookAnswer(h.answerTo(teacher.email!, { partstat: 'DECLINED' }));
    await append(received(failing, 'spf=fail smtp.mailfrom=school.example; dmarc=fail header.from=school.example'));
    expect(await poll()).toEqual({ received: 2, tooLarge: 0 });
    expect((await h.participant(meeting.id, teacher.id)).rsvp).toBe('NEEDS_ACTION');
    const listed = (
      await t.http
        .get('/api/inbound?outcome=REJECTED')
        .set(await t.auth('COORDINATOR'))
        .expect(200)
    ).body as { items: { reason: string; sender: string; meetingId: string | null }[] };
    expect(listed.items.map((i) => i.reason).sort()).toEqual(['DMARC_FAIL', 'NO_TRUSTED_RESULTS']);
    expect(listed.items.every((i) => i.sender === teacher.email && i.meetingId === null)).toBe(true);
  });

  it('marks a message larger than INBOUND_MAX_BYTES \\Seen and leaves it for a person, applying nothing', async () => {
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM inbound_messages`))[0].n;
    const big = await append(
      received(
        `From: someone@client.example\r\nTo: ${ORGANISER}\r\nSubject: Large\r\nMessage-ID: <big-${process.pid}@client.example>\r\n\r\n${'x'.repeat(70_000)}\r\n`,
      ),
    );
    expect(await poll()).toEqual({ received: 0, tooLarge: 1 });
    expect(await flagsOf(big.uid)).toContain('\\Seen');
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM inbound_messages`))[0].n).toBe(before);
  });
});

/**
 * SPF, DKIM and DMARC of what reaches the SMTP listener (INBOUND_AUTH=enforce), with mailauth. DNS is an in-memory
 * zone given as mailauth's resolver (a double of DNS alone): the checks, the signatures and the decisions are real.
 */
describe('forged replies (SPF, DKIM and DMARC)', () => {
  let t: TestApp;
  let relay: TestSmtpServer;
  let dir: Directory;
  let client: Transporter;
  const h = meetingHarness(() => ({ t, relay, dir }));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicDer = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  /** police.example signs with DKIM and publishes p=reject; school.example has SPF for loopback and no DMARC. */
  const zone: Record<string, string[]> = {
    'police.example': ['v=spf1 ip4:192.0.2.10 -all'],
    '_dmarc.police.example': ['v=DMARC1; p=reject'],
    'sel._domainkey.police.example': [`v=DKIM1; k=rsa; p=${publicDer}`],
    'school.example': ['v=spf1 ip4:127.0.0.1 -all'],
    'family.example': ['v=spf1 ip4:192.0.2.20 -all'],
  };
  const resolver = (name: string, type: string): Promise<string[][]> => {
    const records = type === 'TXT' ? zone[name.toLowerCase()] : undefined;
    if (!records) return Promise.reject(Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(records.map((r) => [r]));
  };

  beforeAll(async () => {
    relay = await TestSmtpServer.start();
    t = await startTestApp({
      SMTP_URL: relay.url,
      MAIL_FROM: ORGANISER,
      INBOUND_SMTP_PORT: '0',
      INBOUND_AUTH: 'enforce',
    });
    t.get<InboundAuthentication>(InboundAuthentication).resolver = resolver;
    const port = t.get<InboundSmtpListener>(InboundSmtpListener).port!;
    client = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, name: 'mta.client.example' });
    dir = await seedDirectory(t);
  });
  afterAll(async () => {
    client?.close();
    await t?.close();
    await relay?.close();
  });

  const signed = async (raw: string) => {
    const key = { signingDomain: 'police.example', selector: 'sel', privateKey: privatePem };
    // mailauth 4 reads the keys from `signatureData` (its typings also name them at the top level).
    const result = await dkimSign(raw, { ...key, signatureData: [key], signTime: t.clock.now() });
    expect(result.errors).toEqual([]);
    return result.signatures + raw;
  };
  const deliver = (raw: string, from: string) => client.sendMail({ envelope: { from, to: [ORGANISER] }, raw });
  const rejected = async () =>
    (
      await t.http
        .get('/api/inbound?outcome=REJECTED')
        .set(await t.auth('COORDINATOR'))
        .expect(200)
    ).body.items as { reason: string; detail: string }[];

  it('takes a reply DKIM-signed by the attendee’s domain (DMARC pass), and one whose SPF passes where there is no DMARC', async () => {
    const meeting = await h.bookAndSend();
    const { police, teacher } = dir.people;
    await deliver(await signed(outlookAnswer(h.answerTo(police.email!, { partstat: 'ACCEPTED' }))), police.email!);
    await deliver(outlookAnswer(h.answerTo(teacher.email!, { partstat: 'TENTATIVE' })), teacher.email!);
    expect((await h.participant(meeting.id, police.id)).rsvp).toBe('ACCEPTED');
    expect((await h.participant(meeting.id, teacher.id)).rsvp).toBe('TENTATIVE');
  });

  it('changes nothing for a tampered signed reply, an unsigned one under p=reject, or one failing SPF with no DMARC', async () => {
    const meeting = await h.bookAndSend();
    const { police, father } = dir.people;
    const before = (await rejected()).length;
    const answer = h.answerTo(police.email!, { partstat: 'ACCEPTED' });
    // The signature of the ACCEPTED reply on a DECLINED one (what a forger who captured a signed reply could try).
    const original = outlookAnswer(answer);
    const signature = (await signed(original)).slice(0, -original.length);
    expect(signature).toMatch(/^DKIM-Signature: /);
    await deliver(
      signature + outlookAnswer({ ...answer, partstat: 'DECLINED', messageId: `t1-${process.pid}@x.example` }),
      police.email!,
    );
    await deliver(
      outlookAnswer(h.answerTo(police.email!, { partstat: 'DECLINED', messageId: `t2-${process.pid}@x.example` })),
      police.email!,
    );
    await deliver(outlookAnswer(h.answerTo(father.email!, { partstat: 'DECLINED' })), father.email!);

    expect((await h.participant(meeting.id, police.id)).rsvp).toBe('NEEDS_ACTION');
    expect((await h.participant(meeting.id, father.id)).rsvp).toBe('NEEDS_ACTION');
    const now = await rejected();
    expect(now.length - before).toBe(3);
    expect(
      now
        .slice(0, 3)
        .map((r) => r.reason)
        .sort(),
    ).toEqual(['DMARC_FAIL', 'DMARC_FAIL', 'SPF_AND_DKIM_FAIL']);
    expect(now.find((r) => r.reason === 'SPF_AND_DKIM_FAIL')!.detail).toMatch(/spf=fail/);
    const audit = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'inbound.rejected'`,
    );
    expect(audit[0].n).toBeGreaterThanOrEqual(3);
  });

  it('over IMAP without a trusted server, checks DKIM and DMARC over the stored message', async () => {
    const meeting = await h.bookAndSend();
    const auth = t.get<InboundAuthentication>(InboundAuthentication);
    const answer = h.answerTo(dir.people.police.email!);
    const good = await signed(outlookAnswer(answer));
    expect(await auth.check(good, { via: 'imap' })).toEqual({ pass: true });
    const bad = await auth.check(outlookAnswer(answer), { via: 'imap' });
    expect(bad).toMatchObject({ pass: false, reason: 'DMARC_FAIL' });
    expect(meeting.id).toBeTruthy();
  });
});
