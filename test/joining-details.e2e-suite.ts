import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { FixedClock } from '../src/time/clock';
import {
  aBooking,
  aCase,
  aSession,
  coordinatorOf,
  Directory,
  MeetingBody,
  participantOf,
  post,
  seedDirectory,
} from './support/factories';
import { parseInvite } from './support/ical';
import { personalPathOf } from './support/links';
import { calendarPart } from './support/mail';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 17 §3: joining details are for joining; links and feeds do not outlive their use. */
describe('cancelled and past meetings, and feeds over time', () => {
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
  let t: TestApp;
  let smtp: TestSmtpServer;
  let dir: Directory;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({ SMTP_URL: smtp.url }, { clock });
    dir = await seedDirectory(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(() => clock.set(new Date('2026-11-23T09:00:00Z')));

  const JOIN = {
    videoUrl: 'https://video.example/meet/secret-room',
    dialInNumber: '+44 20 7946 0999',
    accessCode: '771204',
    venue: 'Room 4, Civic Centre',
  };
  const JOIN_TEXT = ['secret-room', '7946 0999', '771204', 'Room 4'];

  async function aMeeting(personId: string, startsAt: string): Promise<MeetingBody> {
    const child = await aCase(t);
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'CORE_GROUP',
        format: 'HYBRID',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        allowOverlap: true,
        sessions: [aSession(startsAt, 60, { join: JOIN })],
        participants: [{ personId, role: 'PARENT' }],
      }),
    );
    await t.get<DeliveryWorker>(DeliveryWorker).drain();
    return meeting;
  }

  async function everywhere(
    meeting: MeetingBody,
    personId: string,
  ): Promise<Record<'page' | 'feed' | 'invite', string>> {
    const participant = participantOf(meeting, personId);
    // Read by the one who booked the meeting (issue 16: a parent's feed URL and invite are for the bookers of their meetings).
    const booker = await coordinatorOf(t, meeting.type);
    const { url } = (await t.http.get(`/api/people/${personId}/feed`).set(booker).expect(200)).body;
    const invite = await t.http
      .get(`/api/meetings/${meeting.id}/participants/${participant.id}/invite.ics`)
      .set(booker)
      .expect(200);
    return {
      page: (await t.http.get(await personalPathOf(t, participant.id)).expect(200)).text,
      feed: (await t.http.get(new URL(url).pathname).expect(200)).text,
      invite: invite.text,
    };
  }

  /** Which joining details each text holds (calendar lines unfolded first: RFC 5545 folds at 75 octets). */
  const shows = (texts: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(texts).map(([where, text]) => [
        where,
        JOIN_TEXT.filter((j) => text.replace(/\r\n[ \t]/g, '').includes(j)),
      ]),
    );

  it('shows joining details before the session, and nowhere once it has ended', async () => {
    const meeting = await aMeeting(dir.people.mother.id, '2026-12-01T10:00:00Z');
    expect(shows(await everywhere(meeting, dir.people.mother.id))).toEqual({
      page: JOIN_TEXT,
      feed: JOIN_TEXT,
      invite: JOIN_TEXT,
    });
    clock.set(new Date('2026-12-01T11:00:01Z'));
    expect(shows(await everywhere(meeting, dir.people.mother.id))).toEqual({ page: [], feed: [], invite: [] });
  });

  it('shows a cancelled meeting without its joining details, in the page, the feed, invite.ics and the cancellation, and then its link is gone', async () => {
    const meeting = await aMeeting(dir.people.father.id, '2026-12-02T10:00:00Z');
    smtp.clear();
    await t.http
      .post(`/api/meetings/${meeting.id}/cancel`)
      .set(await coordinatorOf(t, meeting.type))
      .send({ reason: 'Rearranged' })
      .expect(200);
    await t.get<DeliveryWorker>(DeliveryWorker).drain();
    const texts = await everywhere(meeting, dir.people.father.id);
    expect(shows(texts)).toEqual({ page: [], feed: [], invite: [] });
    expect(texts.page).toContain('This meeting has been cancelled.');
    const cancellation = smtp.to(dir.people.father.email!);
    expect(cancellation).toHaveLength(1);
    const sent = `${cancellation[0].parsed.text}\n${cancellation[0].parsed.html}\n${calendarPart(cancellation[0]).invite.raw.replace(/\r\n[ \t]/g, '')}`;
    expect(JOIN_TEXT.filter((j) => sent.includes(j))).toEqual([]);
    expect(parseInvite(texts.invite)).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', location: null });

    const path = await personalPathOf(t, participantOf(meeting, dir.people.father.id).id);
    clock.set(new Date('2026-11-29T09:00:00Z')); // six days on: still there to read the cancellation
    await t.http.get(path).expect(200);
    clock.set(new Date('2026-11-30T09:01:00Z')); // seven days on: gone
    await t.http.get(path).expect(404);
  });

  it('rotates a feed on a staff action and at its holder’s request, the old URL dying at once', async () => {
    await aMeeting(dir.people.teacher.id, '2026-12-04T10:00:00Z');
    const staff = await coordinatorOf(t, 'CORE_GROUP');
    const first = new URL(
      (await t.http.get(`/api/people/${dir.people.teacher.id}/feed`).set(staff).expect(200)).body.url,
    ).pathname;
    await t.http.get(first).expect(200);
    const second = new URL(
      (await t.http.post(`/api/people/${dir.people.teacher.id}/feed/rotate`).set(staff).expect(200)).body.url,
    ).pathname;
    expect(second).not.toBe(first);
    await t.http.get(first).expect(404);
    await t.http.get(second).expect(200);
    await t.http
      .post(`/api/people/${dir.people.teacher.id}/feed/rotate`)
      .set(await t.auth('VIEWER'))
      .expect(403);

    const third = new URL((await t.http.post(`${second}/rotate`).expect(200)).body.url).pathname;
    await t.http.get(second).expect(404);
    await t.http.get(third).expect(200);
    await t.http.post('/feeds/made-up.ics/rotate').expect(404);
  });

  it('withdraws a feed once its person has no meeting ahead (after the links’ 28 days)', async () => {
    await aMeeting(dir.people.healthVisitor.id, '2026-12-07T10:00:00Z');
    const herself = await t.auth('VIEWER', { id: dir.people.healthVisitor.id }); // issue 16: the person reads her own feed URL
    const { url } = (await t.http.get(`/api/people/${dir.people.healthVisitor.id}/feed`).set(herself).expect(200)).body;
    const path = new URL(url).pathname;
    clock.set(new Date('2027-01-04T10:00:00Z')); // 28 days after the end, less an hour
    await t.http.get(path).expect(200);
    clock.set(new Date('2027-01-04T11:00:01Z'));
    await t.http.get(path).expect(404);
    clock.set(new Date('2026-11-23T09:00:00Z'));
    await t.http.get(path).expect(404); // withdrawn for good, not merely hidden
    const renewed = (await t.http.get(`/api/people/${dir.people.healthVisitor.id}/feed`).set(herself).expect(200)).body
      .url;
    expect(renewed).not.toBe(url);
  });
});
