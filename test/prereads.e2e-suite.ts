import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { DeadlineSweeper } from '../src/prereads/deadline-sweeper';
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
} from './support/factories';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('pre-reads', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let dir: Directory;
  let worker: DeliveryWorker;
  let sweeper: DeadlineSweeper;
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({ SMTP_URL: smtp.url, MAX_UPLOAD_BYTES: '2048' }, { clock });
    worker = t.get(DeliveryWorker);
    sweeper = t.get(DeadlineSweeper);
    dir = await seedDirectory(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  async function tick(): Promise<void> {
    await sweeper.sweep();
    await worker.drain();
  }

  let coordinator: { Authorization: string };
  beforeAll(async () => {
    coordinator = await t.auth('COORDINATOR');
  });

  function upload(meetingId: string, fields: Record<string, string>, file: Buffer = PDF, name = 'report.pdf') {
    let request = t.http.post(`/api/meetings/${meetingId}/documents`).set(coordinator);
    for (const [key, value] of Object.entries(fields)) request = request.field(key, value);
    return request.attach('file', file, name);
  }

  it('reminds only those who owe a report, before the deadline, then sends each participant the pack they may see', async () => {
    clock.set(new Date('2026-11-23T09:00:00Z'));
    const child = await aCase(t);
    // An RCPC on Thu 10 Dec 10:00 GMT: reports due 48 hours before, Tue 8 Dec 10:00.
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'RCPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2026-12-10T10:00:00Z')],
        participants: [
          { personId: dir.people.police.id, role: 'POLICE', reportRequired: true },
          { personId: dir.people.healthVisitor.id, role: 'HEALTH', reportRequired: true },
          { personId: dir.people.teacher.id, role: 'EDUCATION' },
          { personId: dir.people.mother.id, role: 'PARENT' },
        ],
      }),
    );
    expect(meeting.preReadDeadline).toBe('2026-12-08T10:00:00.000Z');
    await worker.drain();
    smtp.clear();

    await tick(); // more than 72 hours out: nothing yet
    expect(smtp.messages).toHaveLength(0);

    // Health sends its report in time; police do not.
    const health = participantOf(meeting, dir.people.healthVisitor.id);
    const uploaded = await upload(meeting.id, {
      title: 'Health visitor report',
      audience: 'PROFESSIONALS',
      participantId: health.id,
    }).expect(201);
    expect(uploaded.body).toMatchObject({ late: false, mediaType: 'application/pdf', participantId: health.id });
    await upload(meeting.id, { title: 'Social work report', audience: 'ALL_PARTICIPANTS' }).expect(201);

    clock.set(new Date('2026-12-05T11:00:00Z')); // 71 hours before
    await tick();
    await tick(); // a second sweep enqueues nothing new
    expect(smtp.messages.map((m) => m.envelopeTo[0])).toEqual([dir.people.police.email]);
    expect(smtp.messages[0].parsed.subject).toMatch(/^Report due/);
    expect(smtp.messages[0].parsed.subject).not.toMatch(/Testparent|Amelia/);

    clock.set(new Date('2026-12-07T10:30:00Z')); // 23.5 hours before
    await tick();
    expect(smtp.messages.map((m) => m.envelopeTo[0])).toEqual([dir.people.police.email, dir.people.police.email]);

    const status = await t.http
      .get(`/api/meetings/${meeting.id}/documents`)
      .set(await t.auth('COORDINATOR'))
      .expect(200);
    const police = status.body.reports.find((r: { personId: string }) => r.personId === dir.people.police.id);
    expect(police).toMatchObject({ reportRequired: true, received: false });
    expect(police.remindedAt).toHaveLength(2);
    expect(
      status.body.reports.find((r: { personId: string }) => r.personId === dir.people.healthVisitor.id),
    ).toMatchObject({ received: true, receivedOnTime: true });

    smtp.clear();
    clock.set(new Date('2026-12-08T10:00:01Z'));
    await tick();
    await tick();
    const packs = smtp.messages.filter((m) => /^Reports for/.test(m.parsed.subject ?? ''));
    expect(packs.map((m) => m.envelopeTo[0]).sort()).toEqual(
      [
        dir.people.chair.email,
        dir.people.police.email,
        dir.people.healthVisitor.email,
        dir.people.teacher.email,
        dir.people.mother.email,
      ].sort(),
    );
    const toMother = packs.find((m) => m.envelopeTo[0] === dir.people.mother.email)!;
    expect(toMother.parsed.text).toContain('Social work report');
    expect(toMother.parsed.text).not.toContain('Health visitor report');
    const toTeacher = packs.find((m) => m.envelopeTo[0] === dir.people.teacher.email)!;
    expect(toTeacher.parsed.text).toContain('Health visitor report');

    // After the deadline, a report is flagged late.
    const police2 = participantOf(meeting, dir.people.police.id);
    const late = await upload(meeting.id, {
      title: 'Police report',
      audience: 'PROFESSIONALS',
      participantId: police2.id,
    }).expect(201);
    expect(late.body.late).toBe(true);
  });

  it('re-arms reminders when the meeting moves, and sends nothing once it is cancelled', async () => {
    clock.set(new Date('2026-11-23T09:00:00Z'));
    const child = await aCase(t);
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'CORE_GROUP',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2026-11-25T10:00:00Z', 60)],
        participants: [{ personId: dir.people.teacher.id, role: 'EDUCATION', reportRequired: true }],
      }),
    );
    await worker.drain();
    smtp.clear();
    await tick(); // booked inside the 24-hour window: one reminder at once
    expect(smtp.messages.map((m) => m.envelopeTo[0])).toEqual([dir.people.teacher.email]);

    smtp.clear();
    await t.http
      .patch(`/api/meetings/${meeting.id}/sessions/${meeting.sessions[0].id}`)
      .set(await t.auth('COORDINATOR'))
      .send({ startsAt: '2026-11-26T10:00:00Z', endsAt: '2026-11-26T11:00:00Z' })
      .expect(200);
    await worker.drain();
    smtp.clear();
    await tick(); // new deadline 24 Nov 10:00, 25 hours away: inside the 72-hour window
    expect(smtp.messages.filter((m) => /^Report due/.test(m.parsed.subject ?? '')).map((m) => m.envelopeTo[0])).toEqual(
      [dir.people.teacher.email],
    );

    smtp.clear();
    await t.http
      .post(`/api/meetings/${meeting.id}/cancel`)
      .set(await t.auth('COORDINATOR'))
      .send({ reason: 'Rearranged' })
      .expect(200);
    await worker.drain();
    smtp.clear();
    clock.set(new Date('2026-11-24T10:00:01Z'));
    await tick();
    expect(smtp.messages).toHaveLength(0);
  });

  it('sets the MARAC deadline at 10:00 London time on the day, in summer and in winter', async () => {
    const victim = await aCase(t, { kind: 'ADULT_VICTIM' });
    const summer = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'MARAC',
        caseIds: [victim.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2027-07-08T12:00:00Z', 120)],
      }),
    );
    expect(summer.preReadDeadline).toBe('2027-07-08T09:00:00.000Z');
    const winter = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'MARAC',
        caseIds: [victim.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2027-01-14T12:00:00Z', 120)],
      }),
    );
    expect(winter.preReadDeadline).toBe('2027-01-14T10:00:00.000Z');
  });

  it('refuses an oversize upload with 413 and a wrong type with 415, as problem+json', async () => {
    const child = await aCase(t);
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'PLO',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        allowOverlap: true,
        sessions: [aSession('2027-01-20T10:00:00Z')],
      }),
    );
    const big = await upload(
      meeting.id,
      { title: 'Too big', audience: 'PROFESSIONALS' },
      Buffer.concat([PDF, Buffer.alloc(4096, 0x20)]),
    ).expect(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
    const exe = await upload(
      meeting.id,
      { title: 'Not a report', audience: 'PROFESSIONALS' },
      Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]),
      'report.pdf',
    ).expect(415);
    expect(exe.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(exe.body.errors[0].field).toBe('file');
    const badAudience = await upload(meeting.id, { title: 'x', audience: 'EVERYONE' }).expect(400);
    expect(badAudience.body.errors.map((e: { field: string }) => e.field)).toContain('audience');
    const listed = await t.http
      .get(`/api/meetings/${meeting.id}/documents`)
      .set(await t.auth('COORDINATOR'))
      .expect(200);
    expect(listed.body.total).toBe(0);
  });
});
