import { lintItip } from '../src/deliveries/rendering/itip-lint';
import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { insertPersonalLink } from '../src/deliveries/personal-link-at-send';
import { personalPathOf } from './support/links';
import { FixedClock } from '../src/time/clock';
import {
  aBooking,
  aCase,
  aSession,
  Directory,
  MeetingBody,
  participantOf,
  post,
  seedDirectory,
  videoJoin,
} from './support/factories';
import { parseFeed, parseInvite } from './support/ical';
import { calendarPart } from './support/mail';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

describe('invitations', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let dir: Directory;
  let worker: DeliveryWorker;
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
  const familyWords = ['Amelia', 'Barry', 'Testparent', 'family.example', '7700'];

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp(
      { SMTP_URL: smtp.url, DELIVERY_RETRY_BASE_MS: '1000', MAIL_FROM: 'meetings@northshire.example' },
      { clock },
    );
    worker = t.get(DeliveryWorker);
    dir = await seedDirectory(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(() => smtp.clear());

  async function splitIcpc(): Promise<MeetingBody> {
    const child = await aCase(t);
    const { people } = dir;
    return post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: people.chair.id,
        allowOverlap: true,
        sessions: [
          aSession('2026-12-03T10:00:00Z', 90, { label: 'Professionals and mother', join: videoJoin(1) }),
          aSession('2026-12-03T13:00:00Z', 60, { label: 'Professionals and father', join: videoJoin(2) }),
        ],
        participants: [
          { personId: people.police.id, role: 'POLICE', reportRequired: true },
          { personId: people.mother.id, role: 'PARENT', sessions: [0] },
          { personId: people.father.id, role: 'PARENT', sessions: [1] },
        ],
      }),
    );
  }

  it('sends each person exactly the sessions they attend, with that session’s joining details', async () => {
    const meeting = await splitIcpc();
    await worker.drain();
    const [first, second] = meeting.sessions;

    const toMother = smtp.to(dir.people.mother.email!);
    expect(toMother).toHaveLength(1);
    const mother = calendarPart(toMother[0]);
    expect(mother.mimeMethod).toBe('REQUEST');
    expect(mother.transferEncoding?.toLowerCase()).toBe('base64');
    // INVITES.md T1: multipart/mixed → alternative [text, html, text/calendar; method=REQUEST] + application/ics attachment.
    const raw = toMother[0].raw;
    expect(raw).toMatch(/Content-Type: multipart\/mixed/);
    expect(raw.match(/Content-Type: text\/calendar/g)).toHaveLength(1);
    expect(raw.match(/Content-Type: application\/ics/g)).toHaveLength(1);
    expect(raw).toMatch(
      /Content-Type: application\/ics; name=invite\.ics\r\nContent-Disposition: attachment; filename=invite\.ics\r\nContent-Transfer-Encoding: base64/,
    );
    expect(toMother[0].parsed.text).toContain('482911');
    expect(toMother[0].parsed.html).toContain('482911');
    expect(mother.invite).toMatchObject({
      method: 'REQUEST',
      sequence: 0,
      start: '2026-12-03T10:00:00.000Z',
      end: '2026-12-03T11:30:00.000Z',
    });
    expect(mother.invite.description).toContain('https://video.example/meet/1');
    expect(mother.invite.description).toContain('482911');
    expect(mother.invite.description).not.toContain('482912');
    expect(mother.invite.attendees).toEqual([`mailto:${dir.people.mother.email}`]);
    expect(mother.invite.organizer).toBe('mailto:meetings@northshire.example');
    expect(mother.invite.hasAlarm).toBe(false);

    const father = calendarPart(smtp.to(dir.people.father.email!)[0]);
    expect(smtp.to(dir.people.father.email!)).toHaveLength(1);
    expect(father.invite.description).toContain('482912');
    expect(father.invite.description).not.toContain('482911');
    expect(father.invite.uid).not.toBe(mother.invite.uid);

    const police = smtp.to(dir.people.police.email!).map((m) => calendarPart(m).invite);
    expect(police.map((i) => i.uid).sort()).toEqual([mother.invite.uid, father.invite.uid].sort());
    expect(smtp.to(dir.people.chair.email!)).toHaveLength(2);
    expect(smtp.messages).toHaveLength(1 + 1 + 2 + 2);

    // Nobody learns another participant's address, and no family name is in a subject or title.
    for (const mail of smtp.messages) {
      const invite = calendarPart(mail).invite;
      for (const word of familyWords) {
        expect(mail.parsed.subject).not.toContain(word);
        expect(invite.summary).not.toContain(word);
        expect(invite.location ?? '').not.toContain(word);
      }
      if (!mail.envelopeTo.includes(dir.people.mother.email!)) expect(mail.raw).not.toContain(dir.people.mother.email!);
    }
    const delivered = await t.http
      .get(`/api/meetings/${meeting.id}`)
      .set(await t.auth('COORDINATOR'))
      .expect(200);
    expect(participantOf(delivered.body, dir.people.mother.id).deliveries).toEqual([
      expect.objectContaining({ sessionId: first.id, status: 'SENT', kind: 'INVITE' }),
    ]);
    expect(participantOf(delivered.body, dir.people.father.id).deliveries).toEqual([
      expect.objectContaining({ sessionId: second.id, status: 'SENT', kind: 'INVITE' }),
    ]);
  });

  it('sends a reschedule only to that session’s people, with the same UID and a higher SEQUENCE', async () => {
    const meeting = await splitIcpc();
    await worker.drain();
    const fatherUid = calendarPart(smtp.to(dir.people.father.email!)[0]).invite.uid;
    smtp.clear();

    await t.http
      .patch(`/api/meetings/${meeting.id}/sessions/${meeting.sessions[1].id}`)
      .set(await t.auth('COORDINATOR'))
      .send({ startsAt: '2026-12-03T14:00:00Z', endsAt: '2026-12-03T15:00:00Z', join: { accessCode: '999000' } })
      .expect(200);
    await worker.drain();

    expect(smtp.to(dir.people.mother.email!)).toHaveLength(0);
    const recipients = smtp.messages.flatMap((m) => m.envelopeTo).sort();
    expect(recipients).toEqual([dir.people.chair.email, dir.people.father.email, dir.people.police.email].sort());
    const update = calendarPart(smtp.to(dir.people.father.email!)[0]);
    expect(update.mimeMethod).toBe('REQUEST');
    expect(update.invite).toMatchObject({ uid: fatherUid, sequence: 1, start: '2026-12-03T14:00:00.000Z' });
    expect(update.invite.description).toContain('999000');
    expect(smtp.to(dir.people.father.email!)[0].parsed.subject).toMatch(/^Updated/);
  });

  it('keeps a SEQUENCE per part: a change to one part leaves the other’s number as it was (INVITES.md C3, T6)', async () => {
    const meeting = await splitIcpc();
    await worker.drain();
    smtp.clear();
    const auth = await t.auth('COORDINATOR');
    const change = (index: number, accessCode: string) =>
      t.http
        .patch(`/api/meetings/${meeting.id}/sessions/${meeting.sessions[index].id}`)
        .set(auth)
        .send({ join: { accessCode } })
        .expect(200);

    await change(1, '111111');
    const after = await change(1, '222222');
    expect(after.body.sequence).toBe(2);
    expect(after.body.sessions.map((x: { sequence: number }) => x.sequence)).toEqual([0, 2]);
    await worker.drain();
    smtp.clear();

    // The mother attends part 1 only: its first update carries SEQUENCE 1, though the meeting has changed three times.
    const third = await change(0, '333333');
    expect(third.body.sequence).toBe(3);
    expect(third.body.sessions.map((x: { sequence: number }) => x.sequence)).toEqual([1, 2]);
    await worker.drain();
    const toMother = smtp.to(dir.people.mother.email!).map((m) => calendarPart(m).invite);
    expect(toMother).toEqual([expect.objectContaining({ uid: expect.any(String), sequence: 1 })]);
    expect(toMother[0].description).toContain('333333');
  });

  it('sends CANCEL to a removed person, and on cancellation to everyone', async () => {
    const meeting = await splitIcpc();
    await worker.drain();
    const invitedUids = smtp
      .to(dir.people.police.email!)
      .map((mail) => calendarPart(mail).invite.uid)
      .sort();
    smtp.clear();
    const auth = await t.auth('COORDINATOR');

    const police = participantOf(meeting, dir.people.police.id);
    await t.http.delete(`/api/meetings/${meeting.id}/participants/${police.id}`).set(auth).expect(200);
    await worker.drain();
    expect(smtp.messages).toHaveLength(2);
    for (const mail of smtp.messages) {
      expect(mail.envelopeTo).toEqual([dir.people.police.email]);
      const part = calendarPart(mail);
      expect(part.mimeMethod).toBe('CANCEL');
      // API.md: cancellations are METHOD:CANCEL, STATUS:CANCELLED, same UID, higher SEQUENCE.
      expect(part.invite).toMatchObject({ method: 'CANCEL', sequence: 1, status: 'CANCELLED' });
      expect(part.invite.hasAlarm).toBe(false);
      expect(lintItip(part.invite.raw, { method: 'CANCEL', sequence: 1 })).toEqual([]);
    }
    expect(smtp.messages.map((mail) => calendarPart(mail).invite.uid).sort()).toEqual(invitedUids);
    smtp.clear();

    await t.http.post(`/api/meetings/${meeting.id}/cancel`).set(auth).send({ reason: 'Concerns resolved' }).expect(200);
    await worker.drain();
    expect(smtp.messages.flatMap((m) => m.envelopeTo).sort()).toEqual(
      [dir.people.chair.email, dir.people.chair.email, dir.people.mother.email, dir.people.father.email].sort(),
    );
    for (const mail of smtp.messages) {
      const part = calendarPart(mail);
      expect(part).toMatchObject({
        mimeMethod: 'CANCEL',
        invite: expect.objectContaining({ method: 'CANCEL', status: 'CANCELLED', sequence: 2 }),
      });
      expect(mail.parsed.subject).toMatch(/^Cancelled/);
    }
  });

  it('delays but loses no invite while the SMTP relay is down, and sends each once when it is back', async () => {
    smtp.setDown(true);
    const meeting = await splitIcpc();
    await worker.drain();
    expect(smtp.messages).toHaveLength(0);
    const pending = await t.dataSource.query(
      `SELECT status, attempts, last_error FROM deliveries WHERE meeting_id = $1`,
      [meeting.id],
    );
    expect(pending.every((d: { status: string; attempts: number }) => d.status === 'PENDING' && d.attempts === 1)).toBe(
      true,
    );
    const stored = await t.dataSource.query(`SELECT participant_id, rendered FROM deliveries WHERE meeting_id = $1`, [
      meeting.id,
    ]);
    expect(stored.every((d: { rendered: unknown }) => d.rendered !== null)).toBe(true);

    smtp.setDown(false);
    await worker.drain(); // not yet due: backoff
    expect(smtp.messages).toHaveLength(0);
    clock.advance(60_000);
    await worker.drain();
    expect(smtp.messages).toHaveLength(6);
    clock.advance(3_600_000);
    await worker.drain();
    expect(smtp.messages).toHaveLength(6);
    const sent = await t.dataSource.query(`SELECT DISTINCT status FROM deliveries WHERE meeting_id = $1`, [meeting.id]);
    expect(sent).toEqual([{ status: 'SENT' }]);
    // The retry sent the very bytes first rendered (same DTSTAMP and SEQUENCE: INVITES.md T5).
    const mother = participantOf(meeting, dir.people.mother.id);
    const firstRender = stored.find((d: { participant_id: string }) => d.participant_id === mother.id).rendered;
    // Stored with the link's placeholder (issue 17: no working link at rest); sent with the link put in.
    const token = (await personalPathOf(t, mother.id)).slice(3);
    expect(calendarPart(smtp.to(dir.people.mother.email!)[0]).invite.raw).toBe(
      insertPersonalLink(firstRender, token).icalEvent!.content,
    );
  });

  it('records a participant without an email as NO_EMAIL and sends them nothing', async () => {
    const child = await aCase(t);
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'RCPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2026-12-15T10:00:00Z')],
        participants: [{ personId: dir.people.noEmailGran.id, role: 'GRANDPARENT' }],
      }),
    );
    await worker.drain();
    expect(smtp.messages.flatMap((m) => m.envelopeTo)).toEqual([dir.people.chair.email]);
    expect(participantOf(meeting, dir.people.noEmailGran.id).deliveries).toEqual([
      expect.objectContaining({ status: 'NO_EMAIL' }),
    ]);
  });

  it('serves what a participant was sent as invite.ics, and a personal calendar feed', async () => {
    const meeting = await splitIcpc();
    await worker.drain();
    const father = participantOf(meeting, dir.people.father.id);
    const ics = await t.http
      .get(`/api/meetings/${meeting.id}/participants/${father.id}/invite.ics`)
      .set(await t.auth('COORDINATOR'))
      .expect(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    const sent = calendarPart(smtp.to(dir.people.father.email!)[0]).invite;
    expect(parseInvite(ics.text)).toMatchObject({ uid: sent.uid, sequence: 0, method: 'REQUEST' });
    // Staff never hold a participant's keys: the personal link the father was sent is not in the staff copy.
    const link = /https?:\/\/\S+\/p\/[A-Za-z0-9_-]+/.exec(sent.description)![0];
    expect(ics.text.replace(/\r\n[ \t]/g, '')).not.toContain(new URL(link).pathname);
    expect(parseInvite(ics.text).description).toContain('personal link: sent to the participant only');
    const reads = await t.dataSource.query(
      `SELECT actor_name FROM audit_events WHERE action = 'invite.read' AND entity_id = $1`,
      [father.id],
    );
    expect(reads).toEqual([{ actor_name: 'Test COORDINATOR' }]);

    const { body } = await t.http
      .get(`/api/people/${dir.people.police.id}/feed`)
      .set(await t.auth('COORDINATOR'))
      .expect(200);
    const feedPath = new URL(body.url).pathname;
    const feed = await t.http.get(feedPath).expect(200);
    const events = parseFeed(feed.text);
    expect(events.map((e) => e.uid)).toEqual(expect.arrayContaining(meeting.sessions.map(() => expect.any(String))));
    expect(events.some((e) => e.uid === sent.uid)).toBe(true);
    for (const event of events) for (const word of familyWords) expect(event.summary).not.toContain(word);
    await t.http.get('/feeds/not-a-real-token.ics').expect(404);
  });

  it('re-sends a participant their invitations with the same UID and a higher SEQUENCE', async () => {
    const meeting = await splitIcpc();
    await worker.drain();
    const first = calendarPart(smtp.to(dir.people.father.email!)[0]).invite;
    smtp.clear();
    const father = participantOf(meeting, dir.people.father.id);
    await t.http
      .post(`/api/meetings/${meeting.id}/participants/${father.id}/resend`)
      .set(await t.auth('COORDINATOR'))
      .expect(200);
    await worker.drain();
    const again = smtp.to(dir.people.father.email!).map((m) => calendarPart(m).invite);
    expect(again).toEqual([
      expect.objectContaining({ uid: first.uid, method: 'REQUEST', sequence: first.sequence + 1 }),
    ]);
    expect(smtp.messages.flatMap((m) => m.envelopeTo)).toEqual([dir.people.father.email]); // nobody else
  });

  it('opens a personal page for one participant only, and takes their RSVP', async () => {
    const meeting = await splitIcpc();
    await worker.drain();
    const invite = calendarPart(smtp.to(dir.people.father.email!)[0]).invite;
    const link = /https?:\/\/[^\s]+\/p\/[A-Za-z0-9_-]+/.exec(invite.description)?.[0];
    expect(link).toBeDefined();
    const path = new URL(link!).pathname;
    const page = await t.http.get(path).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('482912');
    expect(page.text).not.toContain('482911'); // the mother's session is not his
    expect(page.text).not.toContain('Amelia');
    await t.http.post(`${path}/rsvp`).type('form').send({ response: 'ACCEPTED' }).expect(303);
    const after = await t.http
      .get(`/api/meetings/${meeting.id}`)
      .set(await t.auth('COORDINATOR'))
      .expect(200);
    expect(participantOf(after.body, dir.people.father.id).rsvp).toBe('ACCEPTED');
    await t.http.post(`${path}/rsvp`).type('form').send({ response: 'MAYBE' }).expect(400);
    await t.http.get('/p/unknown-token').expect(404);

    // The link expires after the meeting.
    const now = clock.now();
    clock.set(new Date('2027-01-15T00:00:00Z'));
    await t.http.get(path).expect(404);
    clock.set(now);
    await t.http.get(path).expect(200);
  });
});
