import { DeliveryWorker } from '../src/deliveries/delivery-worker';
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
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

describe('the record belongs to its chair', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let dir: Directory;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    dir = await seedDirectory(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** A core group chaired by the social worker, with a teacher and a second social worker (who may approve) invited. */
  async function coreGroup(startsAt: string) {
    const child = await aCase(t);
    const manager = await post<{ id: string }>(t, '/api/people', {
      name: 'Team Manager',
      kind: 'PROFESSIONAL',
      agencyId: dir.agencies.council,
    });
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'CORE_GROUP',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        allowOverlap: true,
        sessions: [aSession(startsAt, 60)],
        participants: [
          { personId: dir.people.teacher.id, role: 'EDUCATION' },
          { personId: manager.id, role: 'SOCIAL_WORKER' },
        ],
      }),
    );
    const record = {
      sessions: [{ sessionId: meeting.sessions[0].id, method: 'IN_PERSON' }],
      attendance: [
        { participantId: participantOf(meeting, dir.people.teacher.id).id, status: 'ATTENDED', joinedBy: 'IN_PERSON' },
        { participantId: participantOf(meeting, manager.id).id, status: 'ATTENDED', joinedBy: 'IN_PERSON' },
      ],
      summary: 'Plan progressing.',
      planConsidered: true,
      decisions: [{ text: 'Plan continues', rationale: 'Progress made' }],
      actions: [
        {
          description: 'Home visit',
          ownerPersonId: dir.people.socialWorker.id,
          dueOn: '2027-03-01',
          need: 'Check the home',
        },
      ],
      outcomes: [{ caseId: child.id, outcome: 'PLAN_PROGRESSED' }],
    };
    return {
      meeting,
      record,
      chair: await t.auth('SOCIAL_WORKER', { id: dir.people.socialWorker.id }),
      manager: await t.auth('SOCIAL_WORKER', { id: manager.id }),
      managerId: manager.id,
    };
  }

  it('lets only the chair, or the minute-taker they name, write and submit it', async () => {
    const { meeting, record, chair, manager, managerId } = await coreGroup('2027-02-01T10:00:00Z');
    const url = `/api/meetings/${meeting.id}/minutes`;
    await t.http
      .put(url)
      .set(await coordinatorOf(t))
      .send(record)
      .expect(403);
    await t.http.put(url).set(manager).send(record).expect(403);
    // Only the chair names a minute-taker.
    await t.http.put(`${url}/taker`).set(manager).send({ personId: managerId }).expect(403);
    await t.http.put(`${url}/taker`).set(chair).send({ personId: managerId }).expect(200);
    await t.http.put(url).set(manager).send(record).expect(200);
    await t.http.post(`${url}/submit`).set(manager).expect(200);
    const [{ author, submitted_by: submittedBy }] = await t.dataSource.query(
      `SELECT author, submitted_by FROM minutes WHERE meeting_id = $1`,
      [meeting.id],
    );
    expect([author, submittedBy]).toEqual([managerId, managerId]);
  });

  it('is never approved by its author, and an amendment goes back for approval before it goes out again', async () => {
    const { meeting, record, chair, manager } = await coreGroup('2027-02-02T10:00:00Z');
    const url = `/api/meetings/${meeting.id}/minutes`;
    await t.http.put(url).set(chair).send(record).expect(200);
    await t.http.post(`${url}/submit`).set(chair).expect(200);
    const own = await t.http.post(`${url}/approve`).set(chair).expect(403);
    expect(own.body.detail).toMatch(/someone other than the person who wrote/);
    await t.http
      .post(`${url}/approve`)
      .set(await t.auth('VIEWER', { id: participantOf(meeting, dir.people.teacher.id).personId }))
      .expect(403);
    await t.http.post(`${url}/approve`).set(manager).expect(200);
    await t.http.post(`${url}/distribute`).set(chair).expect(200);
    await t.get<DeliveryWorker>(DeliveryWorker).drain();
    const sent = () =>
      smtp.messages.filter(
        (m) => /^Record:/.test(m.parsed.subject ?? '') && m.envelopeTo[0] === dir.people.teacher.email,
      ).length;
    expect(sent()).toBe(1);

    // Someone invited without the approver role (core groups: CHAIR or SOCIAL_WORKER) may not amend it; the approver
    // role may, and the record returns to SUBMITTED.
    await t.http
      .post(`${url}/amendments`)
      .set(await t.auth('IRO', { id: dir.people.teacher.id }))
      .send({ reason: 'x', summary: 'Changed' })
      .expect(403);
    const amended = await t.http
      .post(`${url}/amendments`)
      .set(manager)
      .send({ reason: 'Home visit date agreed', actions: [{ ...record.actions[0], dueOn: '2027-03-08' }] })
      .expect(201);
    expect(amended.body).toMatchObject({ status: 'SUBMITTED', approvedBy: null });
    await t.http.post(`${url}/distribute`).set(chair).expect(409);
    await t.get<DeliveryWorker>(DeliveryWorker).drain();
    expect(sent()).toBe(1);
    // Neither the amender nor the author approves the amended record: a third person with the approver role does.
    await t.http.post(`${url}/approve`).set(manager).expect(403);
    await t.http.post(`${url}/approve`).set(chair).expect(403);
    await t.http
      .post(`${url}/approve`)
      .set(await t.auth('ADMIN', { name: 'Service manager' }))
      .expect(200);
    await t.http.post(`${url}/distribute`).set(chair).expect(200);
    await t.get<DeliveryWorker>(DeliveryWorker).drain();
    expect(sent()).toBe(2);

    // Every step names a person.
    const trail = await t.dataSource.query(
      `SELECT action, actor_name FROM audit_events WHERE meeting_id = $1 AND action LIKE 'minutes.%' ORDER BY at, action`,
      [meeting.id],
    );
    expect(trail.length).toBeGreaterThanOrEqual(7);
    for (const step of trail) expect(step.actor_name).toEqual(expect.any(String));
  });

  it('lists only what the caller may see: meetings, cases, family members, the audit trail', async () => {
    const child = await aCase(t);
    await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2027-02-03T10:00:00Z')],
        participants: [{ personId: dir.people.mother.id, role: 'PARENT' }],
      }),
    );
    const victim = await aCase(t, { kind: 'ADULT_VICTIM' });
    const marac = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'MARAC',
        caseIds: [victim.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2027-02-04T13:00:00Z', 120)],
        participants: [{ personId: dir.people.idva.id, role: 'IDVA' }],
      }),
    );

    const viewer = await t.auth('VIEWER', { name: 'Nobody in particular' });
    const ids = async (url: string, auth: { Authorization: string }) =>
      ((await t.http.get(url).set(auth).expect(200)).body.items as { id: string }[]).map((i) => i.id);
    expect(await ids('/api/cases', viewer)).toEqual([]);
    expect(await ids('/api/meetings', viewer)).toEqual([]);
    const people = await ids('/api/people?limit=500', viewer);
    expect(people).toContain(dir.people.police.id);
    expect(people).not.toContain(dir.people.mother.id);
    await t.http.get(`/api/people/${dir.people.mother.id}`).set(viewer).expect(404);

    const coordinator = await coordinatorOf(t);
    expect(await ids('/api/cases?limit=500', coordinator)).toContain(child.id);
    expect(await ids('/api/cases?limit=500', coordinator)).not.toContain(victim.id);
    expect(await ids('/api/people?limit=500', coordinator)).toContain(dir.people.mother.id);
    expect(await ids('/api/meetings?limit=500', coordinator)).not.toContain(marac.id);
    const idvaTrail = await t.http.get(`/api/audit?personId=${dir.people.idva.id}`).set(coordinator).expect(200);
    expect(idvaTrail.body.items.some((e: { meetingId: string | null }) => e.meetingId === marac.id)).toBe(false);
    await t.http.get(`/api/audit?meetingId=${marac.id}`).set(coordinator).expect(404);

    // The MARAC coordinator sees the MARAC, its case and its trail; children's services' meetings are not theirs.
    const maracCoordinator = await coordinatorOf(t, 'MARAC');
    expect(await ids('/api/cases?limit=500', maracCoordinator)).toContain(victim.id);
    expect(await ids('/api/meetings?limit=500', maracCoordinator)).toEqual([marac.id]);
    const maracTrail = await t.http.get(`/api/audit?meetingId=${marac.id}`).set(maracCoordinator).expect(200);
    expect(maracTrail.body.items[0]).toMatchObject({ action: 'meeting.booked', actorName: 'Test MARAC_COORDINATOR' });
  });
});
