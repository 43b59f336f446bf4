import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import {
  aBooking,
  aCase,
  aSession,
  coordinatorOf,
  Directory,
  MeetingBody,
  post,
  seedDirectory,
} from './support/factories';
import { nextDueOf, submitRecord } from './support/records';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 22: cases and people change after they are made, and the cycles and invites follow. */
describe('changing a case or a person', () => {
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

  const audits = async (action: string, entityId: string) =>
    await t.dataSource.query<{ changes: { fields: string[] } }[]>(
      `SELECT changes FROM audit_events WHERE action = $1 AND entity_id = $2`,
      [action, entityId],
    );

  it('gives a child an entered-care date (LAC reviews fall due), then a ceased date that stops them; a stale If-Match is 412', async () => {
    const child = await aCase(t);
    const coordinator = await coordinatorOf(t);
    expect(await nextDueOf(t, child.id)).toEqual([]);
    const review = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'LAC_REVIEW',
        caseIds: [child.id],
        chairId: dir.people.iro.id,
        sessions: [aSession('2026-12-10T10:00:00Z', 60)],
      }),
    );
    expect(review).toMatchObject({ dueBy: null, withinTimescale: null });
    const reviewNow = async () => (await t.http.get(`/api/meetings/${review.id}`).set(coordinator).expect(200)).body;

    const read = await t.http.get(`/api/cases/${child.id}`).set(coordinator).expect(200);
    expect(read.headers.etag).toBe('"1"');
    const entered = await t.http
      .patch(`/api/cases/${child.id}`)
      .set(coordinator)
      .set('If-Match', read.headers.etag)
      .send({ enteredCareOn: '2026-11-02' })
      .expect(200);
    expect(entered.body).toMatchObject({ enteredCareOn: '2026-11-02', version: 2 });
    expect(entered.headers.etag).toBe('"2"');
    // Care Planning Regulations reg 33(1): 20 working days after entering care.
    expect(await nextDueOf(t, child.id)).toEqual(['LAC_REVIEW 2026-11-30']);
    // The booked review follows in the same change: now late against the date it counts from.
    expect(await reviewNow()).toMatchObject({
      dueBy: '2026-11-30',
      withinTimescale: false,
      dueBasis: '20 working days after the child became looked after on 2026-11-02',
    });

    const stale = await t.http
      .patch(`/api/cases/${child.id}`)
      .set(coordinator)
      .set('If-Match', '"1"')
      .send({ ceasedLookedAfterOn: '2026-11-20' })
      .expect(412);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);

    const early = await t.http
      .patch(`/api/cases/${child.id}`)
      .set(coordinator)
      .set('If-Match', '"2"')
      .send({ ceasedLookedAfterOn: '2026-10-01' })
      .expect(400);
    expect(early.body.errors).toEqual([
      { field: 'ceasedLookedAfterOn', message: 'is before the child entered care (2026-11-02)' },
    ]);
    const notADate = await t.http
      .patch(`/api/cases/${child.id}`)
      .set(coordinator)
      .send({ cpPlanEndedOn: '2026-02-30' })
      .expect(400);
    expect(notADate.body.errors.map((e: { field: string }) => e.field)).toEqual(['cpPlanEndedOn']);

    await t.http
      .patch(`/api/cases/${child.id}`)
      .set(coordinator)
      .set('If-Match', '"2"')
      .send({ ceasedLookedAfterOn: '2026-11-20' })
      .expect(200);
    expect(await nextDueOf(t, child.id)).toEqual([]);
    expect(await reviewNow()).toMatchObject({ dueBy: null, withinTimescale: null }); // no longer looked after by then
    expect((await audits('case.updated', child.id)).map((a) => a.changes.fields)).toEqual([
      ['enteredCareOn'],
      ['ceasedLookedAfterOn'],
    ]);
    // Nothing half-written: the refused changes left the case as it was.
    expect((await t.http.get(`/api/cases/${child.id}`).set(coordinator).expect(200)).body).toMatchObject({
      version: 3,
      cpPlanEndedOn: null,
    });
  });

  it('refuses a viewer (403) and hides a case from staff with no part in it (404)', async () => {
    const child = await aCase(t);
    await t.http
      .patch(`/api/cases/${child.id}`)
      .set(await t.auth('VIEWER'))
      .send({ enteredCareOn: '2026-11-02' })
      .expect(403);
    await t.http
      .patch(`/api/cases/${child.id}`)
      .set(await t.auth('SOCIAL_WORKER'))
      .send({ enteredCareOn: '2026-11-02' })
      .expect(404);
  });

  it("sends later invites to a parent's new email address", async () => {
    const worker = t.get<DeliveryWorker>(DeliveryWorker);
    const parent = await post<{ id: string }>(t, '/api/people', {
      name: 'Pat Testparent',
      kind: 'FAMILY',
      email: 'old.address@family.example',
    });
    const coordinator = await coordinatorOf(t);
    const changed = await t.http
      .patch(`/api/people/${parent.id}`)
      .set(coordinator)
      .set('If-Match', '"1"')
      .send({ email: 'new.address@family.example', phone: '+44 7700 900444' })
      .expect(200);
    expect(changed.body).toMatchObject({ email: 'new.address@family.example', phone: '+44 7700 900444', version: 2 });
    await t.http
      .patch(`/api/people/${parent.id}`)
      .set(coordinator)
      .send({ email: 'not an email' })
      .expect(400)
      .expect((r) => expect(r.body.errors[0].field).toBe('email'));
    await t.http
      .patch(`/api/people/${parent.id}`)
      .set(coordinator)
      .set('If-Match', '"1"')
      .send({ phone: null })
      .expect(412);
    const log = await audits('person.updated', parent.id);
    expect(log.map((a) => a.changes.fields)).toEqual([['email', 'phone']]);
    expect(JSON.stringify(log)).not.toContain('new.address');

    // A member of staff's address is theirs or an administrator's to change.
    const iro = await post<{ id: string }>(t, '/api/people', {
      name: 'Ivy Reviewer',
      kind: 'PROFESSIONAL',
      email: 'ivy@council.example',
      staffRole: 'IRO',
    });
    await t.http.patch(`/api/people/${iro.id}`).set(coordinator).send({ email: 'elsewhere@example.com' }).expect(403);
    await t.http
      .patch(`/api/people/${iro.id}`)
      .set(await t.auth('IRO', { id: iro.id }))
      .send({ phone: '+44 20 7946 0123' })
      .expect(200);
    await t.http
      .patch(`/api/people/${iro.id}`)
      .set(await t.auth('ADMIN'))
      .send({ email: 'ivy.reviewer@council.example' })
      .expect(200);

    smtp.clear();
    const child = await aCase(t);
    await post(
      t,
      '/api/meetings',
      aBooking({
        type: 'CIN_REVIEW',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        participants: [{ personId: parent.id, role: 'PARENT' }],
      }),
    );
    await worker.drain();
    expect(smtp.to('new.address@family.example')).toHaveLength(1);
    expect(smtp.to('old.address@family.example')).toHaveLength(0);
  });

  it("lists a case's meetings, outcomes, plan and what falls due next, and ends the plan on the case's date", async () => {
    const child = await aCase(t);
    const coordinator = await coordinatorOf(t);
    const icpc = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2026-11-23T10:00:00Z')],
        participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }],
      }),
    );
    await submitRecord(t, icpc, 'CP_PLAN');

    const { body } = await t.http.get(`/api/cases/${child.id}/timeline`).set(coordinator).expect(200);
    expect(body.meetings).toEqual([
      expect.objectContaining({
        id: icpc.id,
        type: 'ICPC',
        heldOn: '2026-11-23',
        outcome: 'CP_PLAN',
        recordStatus: 'SUBMITTED',
        label: 'Initial child protection conference',
      }),
    ]);
    expect(body.plans).toEqual([
      { startedOn: '2026-11-23', endedOn: null, startedBy: 'ICPC 2026-11-23', endedBy: null },
    ]);
    expect(body.nextDue.map((d: { type: string; dueBy: string }) => `${d.type} ${d.dueBy}`)).toEqual([
      'CORE_GROUP 2026-12-07',
      'RCPC 2027-02-23',
    ]);

    await t.http.patch(`/api/cases/${child.id}`).set(coordinator).send({ cpPlanEndedOn: '2026-12-01' }).expect(200);
    const ended = (await t.http.get(`/api/cases/${child.id}/timeline`).set(coordinator).expect(200)).body;
    expect(ended.plans).toEqual([
      { startedOn: '2026-11-23', endedOn: '2026-12-01', startedBy: 'ICPC 2026-11-23', endedBy: 'case date' },
    ]);
    expect(ended.nextDue).toEqual([]);
    // A member of staff with no part in the case does not learn it exists.
    await t.http
      .get(`/api/cases/${child.id}/timeline`)
      .set(await t.auth('SOCIAL_WORKER'))
      .expect(404);
  });
});
