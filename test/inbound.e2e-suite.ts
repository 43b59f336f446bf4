import { createTransport, Transporter } from 'nodemailer';
import { PassThrough } from 'node:stream';
import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { InboundSmtpListener } from '../src/inbound/inbound-smtp.listener';
import { Answer, appleReply, gmailReply, outlookAnswer, outOfOffice, postfixBounce } from './support/calendar-replies';
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
import { calendarPart } from './support/mail';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

const ORGANISER = 'meetings@northshire.example';

/** Calendar replies, counters, bounces and auto-replies delivered over SMTP to the inbound listener (issue 23). */
describe('replies and bounces', () => {
  let t: TestApp;
  let relay: TestSmtpServer;
  let dir: Directory;
  let client: Transporter;
  let logs = '';
  let sent = 0;

  beforeAll(async () => {
    relay = await TestSmtpServer.start();
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => (logs += chunk.toString('utf8')));
    t = await startTestApp(
      {
        SMTP_URL: relay.url,
        MAIL_FROM: ORGANISER,
        INBOUND_SMTP_PORT: '0',
        INBOUND_MAX_BYTES: '65536',
        LOG_LEVEL: 'info',
      },
      { logDestination: destination },
    );
    const port = t.get<InboundSmtpListener>(InboundSmtpListener).port;
    client = createTransport({ host: '127.0.0.1', port: port!, secure: false, ignoreTLS: true });
    dir = await seedDirectory(t);
  });
  afterAll(async () => {
    client.close();
    await t.close();
    await relay.close();
  });

  /** An ICPC ten days after the harness clock (never today's date), its invites sent through the relay. */
  async function bookAndSend(): Promise<MeetingBody> {
    const day = new Date(t.clock.now().getTime() + 10 * 86_400_000);
    day.setUTCHours(10, 0, 0, 0);
    const { people } = dir;
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        caseIds: [(await aCase(t)).id],
        chairId: people.chair.id,
        allowOverlap: true,
        sessions: [aSession(day.toISOString(), 90)],
        participants: ['police', 'healthVisitor', 'teacher', 'idva', 'father'].map((who) => ({
          personId: people[who as 'police'].id,
          role: who === 'father' ? 'PARENT' : 'OTHER',
        })),
      }),
    );
    relay.clear();
    await t.get<DeliveryWorker>(DeliveryWorker).drain();
    return meeting;
  }

  /** What the participant's calendar would answer to the invite it received: its UID, SEQUENCE and times. */
  function answerTo(address: string, fields: Partial<Answer> = {}): Answer {
    const invite = calendarPart(relay.to(address).at(-1)!).invite;
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
      messageId: `reply-${sent}-${process.pid}@client.example`,
      ...fields,
    };
  }

  const deliver = (raw: string, from = 'sender@client.example') =>
    client.sendMail({ envelope: { from, to: [ORGANISER] }, raw });
  const meetingNow = async (id: string) =>
    (
      await t.http
        .get(`/api/meetings/${id}`)
        .set(await t.auth('COORDINATOR'))
        .expect(200)
    ).body as MeetingBody;
  const inbound = async (query = '') =>
    (
      await t.http
        .get(`/api/inbound${query}`)
        .set(await t.auth('COORDINATOR'))
        .expect(200)
    ).body;

  it('takes each participant’s own answer from Outlook, Gmail and Apple Calendar as their RSVP, audited', async () => {
    const meeting = await bookAndSend();
    const { police, healthVisitor, teacher } = dir.people;
    await deliver(outlookAnswer(answerTo(police.email!, { partstat: 'ACCEPTED' })));
    await deliver(gmailReply(answerTo(healthVisitor.email!, { partstat: 'DECLINED' })));
    await deliver(appleReply(answerTo(teacher.email!, { partstat: 'TENTATIVE' })));

    const now = await meetingNow(meeting.id);
    expect(participantOf(now, police.id).rsvp).toBe('ACCEPTED');
    expect(participantOf(now, healthVisitor.id).rsvp).toBe('DECLINED');
    expect(participantOf(now, teacher.id).rsvp).toBe('TENTATIVE');
    expect(participantOf(now, dir.people.idva.id).rsvp).toBe('NEEDS_ACTION');
    const audit = await t.dataSource.query(
      `SELECT actor, changes FROM audit_events WHERE meeting_id = $1 AND action = 'participant.replied-from-calendar' ORDER BY at`,
      [meeting.id],
    );
    expect(audit.map((a: { changes: { rsvp: string } }) => a.changes.rsvp).sort()).toEqual([
      'ACCEPTED',
      'DECLINED',
      'TENTATIVE',
    ]);
    expect(audit[0].actor).toMatch(/^participant:/);
    // Ids and outcomes in the logs, never an address.
    expect(logs).toContain('"outcome":"RSVP"');
    for (const address of [police.email!, healthVisitor.email!, teacher.email!]) expect(logs).not.toContain(address);
  });

  it('changes nothing on a forged reply, an unknown attendee or a delegate, and lists each for the coordinator', async () => {
    const meeting = await bookAndSend();
    const { father, police, idva } = dir.people;
    await deliver(outlookAnswer(answerTo(father.email!, { partstat: 'DECLINED', from: 'someone@elsewhere.example' })));
    await deliver(
      gmailReply(answerTo(police.email!, { attendee: 'stranger@police.example', from: 'stranger@police.example' })),
    );
    await deliver(
      outlookAnswer(
        answerTo(idva.email!, { partstat: 'DELEGATED', attendeeParams: ';DELEGATED-TO="mailto:deputy@idva.example"' }),
      ),
    );

    const now = await meetingNow(meeting.id);
    for (const person of [father, police, idva]) expect(participantOf(now, person.id).rsvp).toBe('NEEDS_ACTION');
    const listed = await inbound(`?meetingId=${meeting.id}`);
    expect(listed.items.map((i: { outcome: string; reason: string }) => `${i.outcome} ${i.reason}`).sort()).toEqual([
      'REVIEW DELEGATED',
      'REVIEW SENDER_MISMATCH',
      'REVIEW UNKNOWN_ATTENDEE',
    ]);
    const forged = listed.items.find((i: { reason: string }) => i.reason === 'SENDER_MISMATCH');
    expect(forged).toMatchObject({
      sender: 'someone@elsewhere.example',
      attendee: father.email,
      participantId: participantOf(now, father.id).id,
      sessionId: meeting.sessions[0].id,
    });
    const trail = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE meeting_id = $1 AND action = 'inbound.needs-review'`,
      [meeting.id],
    );
    expect(trail[0].n).toBe(3);
  });

  it('lists an answer to an older version of a session that has moved since, and takes the answer to the new one', async () => {
    const meeting = await bookAndSend();
    const police = dir.people.police;
    const toTheFirst = answerTo(police.email!);
    const session = meeting.sessions[0];
    const later = (iso: string) => new Date(new Date(iso).getTime() + 3 * 3_600_000).toISOString();
    await t.http
      .patch(`/api/meetings/${meeting.id}/sessions/${session.id}`)
      .set(await t.auth('COORDINATOR'))
      .send({ startsAt: later(session.startsAt), endsAt: later(session.endsAt) })
      .expect(200);
    await t.get<DeliveryWorker>(DeliveryWorker).drain();

    await deliver(appleReply(toTheFirst));
    expect(participantOf(await meetingNow(meeting.id), police.id).rsvp).toBe('NEEDS_ACTION');
    expect((await inbound(`?meetingId=${meeting.id}`)).items).toEqual([
      expect.objectContaining({ outcome: 'REVIEW', reason: 'OUTDATED' }),
    ]);
    const toTheUpdate = answerTo(police.email!);
    expect(toTheUpdate.sequence).toBeGreaterThan(toTheFirst.sequence);
    await deliver(appleReply(toTheUpdate));
    expect(participantOf(await meetingNow(meeting.id), police.id).rsvp).toBe('ACCEPTED');
  });

  it('lists a counter-proposal (Outlook "New Time Proposed") with the time proposed, and leaves the RSVP alone', async () => {
    const meeting = await bookAndSend();
    const answer = answerTo(dir.people.police.email!);
    const startsAt = new Date(answer.startsAt.getTime() + 86_400_000);
    const endsAt = new Date(answer.endsAt.getTime() + 86_400_000);
    await deliver(outlookAnswer(answer, { startsAt, endsAt }));

    expect(participantOf(await meetingNow(meeting.id), dir.people.police.id).rsvp).toBe('NEEDS_ACTION');
    const listed = await inbound(`?meetingId=${meeting.id}`);
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({
      outcome: 'REVIEW',
      reason: 'COUNTER_PROPOSAL',
      proposedStartsAt: startsAt.toISOString(),
      proposedEndsAt: endsAt.toISOString(),
    });
  });

  it('turns an invite a Postfix relay returned into BOUNCED with its status and diagnostic, on the meeting and the list', async () => {
    const meeting = await bookAndSend();
    const returned = relay.to(dir.people.idva.email!)[0];
    await deliver(
      postfixBounce({
        to: ORGANISER,
        recipient: dir.people.idva.email!,
        originalFrom: ORGANISER,
        originalMessageId: returned.parsed.messageId!.replace(/^<|>$/g, ''),
        messageId: `bounce-${process.pid}@relay.northshire.example`,
      }),
      '',
    );

    const idva = participantOf(await meetingNow(meeting.id), dir.people.idva.id) as ReturnType<typeof participantOf> & {
      deliveries: { status: string; lastError: string }[];
    };
    expect(idva.deliveries).toHaveLength(1);
    expect(idva.deliveries[0].status).toBe('BOUNCED');
    expect(idva.deliveries[0].lastError).toMatch(
      /^5\.1\.1 smtp; 550 5\.1\.1 .*Recipient address rejected: User unknown$/,
    );
    // The others' invites stay SENT, and a later pass of the worker does not make the bounce SENT again.
    await t.get<DeliveryWorker>(DeliveryWorker).drain();
    const after = await meetingNow(meeting.id);
    expect(participantOf(after, dir.people.idva.id).deliveries[0].status).toBe('BOUNCED');
    expect(participantOf(after, dir.people.police.id).deliveries[0].status).toBe('SENT');
    const listed = await inbound(`?meetingId=${meeting.id}`);
    expect(listed.items).toEqual([
      expect.objectContaining({ outcome: 'BOUNCE', participantId: idva.id, detail: expect.stringContaining('5.1.1') }),
    ]);
    const trail = await t.dataSource.query(
      `SELECT action FROM audit_events WHERE meeting_id = $1 AND action = 'delivery.bounced'`,
      [meeting.id],
    );
    expect(trail).toHaveLength(1);
  });

  it('counts an out-of-office and otherwise ignores it; a message delivered twice is applied once', async () => {
    const meeting = await bookAndSend();
    const before = (await inbound()).counts;
    await deliver(
      outOfOffice({ from: dir.people.teacher.email!, to: ORGANISER, messageId: `ooo-${process.pid}@school.example` }),
    );
    const reply = outlookAnswer(answerTo(dir.people.teacher.email!, { partstat: 'DECLINED' }));
    await deliver(reply);
    await deliver(reply);

    const counts = (await inbound()).counts;
    expect(counts.AUTO_REPLY).toBe(before.AUTO_REPLY + 1);
    expect(counts.RSVP).toBe(before.RSVP + 1);
    expect(participantOf(await meetingNow(meeting.id), dir.people.teacher.id).rsvp).toBe('DECLINED');
    expect((await inbound('?outcome=AUTO_REPLY')).items[0]).toMatchObject({
      outcome: 'AUTO_REPLY',
      meetingId: null,
      sender: null,
    });
  });

  it('relays nothing and refuses what is too large', async () => {
    await expect(
      client.sendMail({
        envelope: { from: 'a@client.example', to: ['someone@elsewhere.example'] },
        raw: 'Subject: hi\r\n\r\nhi\r\n',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    const big = `Subject: big\r\n\r\n${'x'.repeat(70_000)}\r\n`;
    await expect(
      client.sendMail({ envelope: { from: 'a@client.example', to: [ORGANISER] }, raw: big }),
    ).rejects.toMatchObject({ responseCode: 552 });
    await t.http
      .get('/api/inbound?outcome=SOMETHING')
      .set(await t.auth('COORDINATOR'))
      .expect(400);
    await t.http
      .get('/api/inbound')
      .set(await t.auth('VIEWER'))
      .expect(403);
    // A chair with no part in these meetings is told of none of what came back about them (issue 16's policy).
    expect((await inbound()).items.length).toBeGreaterThan(0);
    const outsider = await t.http
      .get('/api/inbound')
      .set(await t.auth('CHAIR'))
      .expect(200);
    expect(outsider.body.items).toEqual([]);
  });
});
