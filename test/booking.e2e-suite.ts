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
  coordinatorOf,
} from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('booking meetings', () => {
  let t: TestApp;
  let dir: Directory;
  const book = (body: object) => post<MeetingBody>(t, '/api/meetings', body);
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    dir = await seedDirectory(t);
  });
  afterAll(() => t.close());

  it('books a split ICPC where the mother and the father attend different sessions', async () => {
    const child = await aCase(t);
    const { people } = dir;
    const meeting = await book(
      aBooking({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: people.chair.id,
        sessions: [
          aSession('2026-12-03T10:00:00Z', 90, { label: 'Professionals and mother', join: videoJoin(1) }),
          aSession('2026-12-03T13:00:00Z', 60, { label: 'Professionals and father', join: videoJoin(2) }),
        ],
        participants: [
          { personId: people.police.id, role: 'POLICE', reportRequired: true },
          { personId: people.healthVisitor.id, role: 'HEALTH', reportRequired: true },
          { personId: people.mother.id, role: 'PARENT', sessions: [0] },
          { personId: people.father.id, role: 'PARENT', sessions: [1] },
        ],
      }),
    );
    expect(meeting.status).toBe('SCHEDULED');
    expect(meeting.sequence).toBe(0);
    expect(meeting.sessions.map((s) => s.label)).toEqual(['Professionals and mother', 'Professionals and father']);
    const [first, second] = meeting.sessions.map((s) => s.id);
    expect(participantOf(meeting, people.mother.id).sessionIds).toEqual([first]);
    expect(participantOf(meeting, people.father.id).sessionIds).toEqual([second]);
    expect(participantOf(meeting, people.police.id).sessionIds).toEqual([first, second]);
    const chair = participantOf(meeting, people.chair.id);
    expect(chair).toMatchObject({ isChair: true, role: 'CHAIR', sessionIds: [first, second] });
    expect(participantOf(meeting, people.police.id).rsvp).toBe('NEEDS_ACTION');
    // 48 hours before the first session (DOMAIN.md defaults)
    expect(meeting.preReadDeadline).toBe('2026-12-01T10:00:00.000Z');
    // No strategy discussion in Quorum and none related: no basis for a statutory date.
    expect(meeting.dueBy).toBeNull();
    expect(meeting.withinTimescale).toBeNull();

    // One invite per participant per session they attend, in the outbox with the booking.
    const rows = await t.dataSource.query(`SELECT kind, status FROM deliveries WHERE meeting_id = $1`, [meeting.id]);
    expect(rows).toHaveLength(2 /* chair */ + 2 + 2 + 1 + 1);
    expect(rows.every((r: { kind: string; status: string }) => r.kind === 'INVITE' && r.status === 'PENDING')).toBe(
      true,
    );

    const read = await t.http
      .get(`/api/meetings/${meeting.id}`)
      .set(await coordinatorOf(t))
      .expect(200);
    expect(read.body.id).toBe(meeting.id);
    expect(read.body.participants).toHaveLength(5);
  });

  it('books a sibling group as one meeting with both cases', async () => {
    const older = await aCase(t);
    const younger = await aCase(t);
    const meeting = await book(
      aBooking({
        type: 'RCPC',
        caseIds: [older.id, younger.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2026-12-07T10:00:00Z')],
      }),
    );
    expect(meeting.caseIds).toEqual([older.id, younger.id]);
    const listed = await t.http
      .get(`/api/meetings?caseId=${younger.id}`)
      .set(await coordinatorOf(t))
      .expect(200);
    expect(listed.body.items.map((m: MeetingBody) => m.id)).toEqual([meeting.id]);
  });

  it('books a MARAC hearing several adult-victim cases, and never invites a family member to it', async () => {
    const victims = [
      await aCase(t, { kind: 'ADULT_VICTIM', subjectInitials: null }),
      await aCase(t, { kind: 'ADULT_VICTIM' }),
      await aCase(t, { kind: 'ADULT_VICTIM' }),
    ];
    const marac = await book(
      aBooking({
        type: 'MARAC',
        caseIds: victims.map((v) => v.id),
        chairId: dir.people.chair.id,
        sessions: [aSession('2026-12-09T13:00:00Z', 180)],
        participants: [
          { personId: dir.people.idva.id, role: 'IDVA', reportRequired: true },
          { personId: dir.people.police.id, role: 'POLICE', reportRequired: true },
        ],
      }),
    );
    expect(marac.caseIds).toHaveLength(3);
    // Agency reports by 10:00 on the day, London time (GMT in December).
    expect(marac.preReadDeadline).toBe('2026-12-09T10:00:00.000Z');

    const refused = await t.http
      .post('/api/meetings')
      .set(await t.auth('MARAC_COORDINATOR'))
      .send(
        aBooking({
          type: 'MARAC',
          caseIds: [victims[0].id],
          chairId: dir.people.chair.id,
          sessions: [aSession('2026-12-16T13:00:00Z')],
          participants: [{ personId: dir.people.mother.id, role: 'VICTIM' }],
        }),
      )
      .expect(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'participants[0].personId' })]);
  });

  it('computes the ICPC due date as 15 working days after the strategy discussion, across the Christmas bank holidays', async () => {
    const child = await aCase(t);
    const strategy = await book(
      aBooking({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2026-12-14T09:00:00Z', 60)],
      }),
    );
    expect(strategy.dueBy).toBeNull();
    // Day 0 is Mon 14 Dec; 25 and 28 Dec (substitute for Boxing Day) and 1 Jan are not working days.
    const icpc = await book(
      aBooking({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        relatedMeetingId: strategy.id,
        sessions: [aSession('2027-01-07T10:00:00Z')],
      }),
    );
    expect(icpc.dueBy).toBe('2027-01-07');
    expect(icpc.withinTimescale).toBe(true);

    const late = await t.http
      .patch(`/api/meetings/${icpc.id}/sessions/${icpc.sessions[0].id}`)
      .set(await t.auth('COORDINATOR'))
      .send({ startsAt: '2027-01-08T10:00:00Z', endsAt: '2027-01-08T11:30:00Z' })
      .expect(200);
    expect(late.body.dueBy).toBe('2027-01-07');
    expect(late.body.withinTimescale).toBe(false);
    expect(late.body.sequence).toBe(1);
  });

  it('counts an ICPC from the strategy discussion whose record started the s47 enquiry, and from none that decided against one', async () => {
    const strategyWithRecord = async (caseId: string, startsAt: string, outcome: 'SECTION_47' | 'NO_SECTION_47') => {
      const strategy = await book(
        aBooking({
          type: 'STRATEGY',
          caseIds: [caseId],
          chairId: dir.people.socialWorker.id,
          sessions: [aSession(startsAt, 60)],
          participants: [
            { personId: dir.people.police.id, role: 'POLICE' },
            { personId: dir.people.healthVisitor.id, role: 'HEALTH' },
          ],
        }),
      );
      const record = {
        sessions: strategy.sessions.map((x) => ({ sessionId: x.id, method: 'VIDEO' })),
        attendance: strategy.participants.map((x) => ({ participantId: x.id, status: 'ATTENDED', joinedBy: 'VIDEO' })),
        summary: 'Information shared between agencies.',
        planConsidered: true,
        decisions: [
          {
            text: outcome === 'SECTION_47' ? 'Section 47 enquiries to start' : 'No section 47 enquiry',
            rationale: 'Threshold considered',
          },
        ],
        actions: [
          {
            description: 'Single assessment',
            ownerPersonId: dir.people.socialWorker.id,
            dueOn: '2027-01-29',
            need: 'Understand the concerns',
          },
        ],
        outcomes: [{ caseId, outcome }],
      };
      // The record is the chair's: the social worker who chaired the strategy discussion.
      const chair = await t.auth('SOCIAL_WORKER', { id: dir.people.socialWorker.id });
      const saved = await t.http.put(`/api/meetings/${strategy.id}/minutes`).set(chair).send(record);
      expect([saved.status, saved.body.errors]).toEqual([200, undefined]);
      const submitted = await t.http.post(`/api/meetings/${strategy.id}/minutes/submit`).set(chair);
      expect([submitted.status, submitted.body.errors ?? submitted.body.detail]).toEqual([200, undefined]);
      return strategy;
    };
    const icpcFor = (caseId: string, startsAt: string) =>
      book(aBooking({ type: 'ICPC', caseIds: [caseId], chairId: dir.people.chair.id, sessions: [aSession(startsAt)] }));

    // The enquiry started on Mon 11 Jan 2027; a follow-up discussion on Mon 18 Jan does not move the clock: 15 working days → 1 Feb.
    const child = await aCase(t);
    await strategyWithRecord(child.id, '2027-01-11T10:00:00Z', 'SECTION_47');
    await book(
      aBooking({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2027-01-18T10:00:00Z', 60)],
      }),
    );
    const icpc = await icpcFor(child.id, '2027-02-03T10:00:00Z');
    expect(icpc.dueBy).toBe('2027-02-01');
    expect(icpc.withinTimescale).toBe(false);

    // A discussion that decided against an enquiry starts no clock.
    const other = await aCase(t);
    await strategyWithRecord(other.id, '2027-01-12T10:00:00Z', 'NO_SECTION_47');
    expect((await icpcFor(other.id, '2027-02-04T10:00:00Z')).dueBy).toBeNull();
  });

  it('measures a timescale to the London date, which differs from the UTC date late in a summer evening', async () => {
    const child = await aCase(t, { enteredCareOn: '2027-03-01' });
    // 20 working days after 1 March 2027, skipping Good Friday and Easter Monday (26 and 29 March): 31 March 2027, after the clocks go forward on 28 March.
    const onTime = await book(
      aBooking({
        type: 'LAC_REVIEW',
        caseIds: [child.id],
        chairId: dir.people.iro.id,
        sessions: [aSession('2027-03-31T17:00:00Z', 60)],
      }),
    );
    expect(onTime.dueBy).toBe('2027-03-31');
    expect(onTime.withinTimescale).toBe(true);
    // 23:30 UTC on 31 March is 00:30 BST on 1 April in London: one day late.
    const late = await t.http
      .patch(`/api/meetings/${onTime.id}/sessions/${onTime.sessions[0].id}`)
      .set(await t.auth('IRO', { id: dir.people.iro.id })) // the IRO who chairs it
      .send({ startsAt: '2027-03-31T23:30:00Z', endsAt: '2027-04-01T00:30:00Z', allowOverlap: true })
      .expect(200);
    expect(late.body.heldOn).toBe('2027-04-01');
    expect(late.body.withinTimescale).toBe(false);
    // 48 hours before is real elapsed time.
    expect(late.body.preReadDeadline).toBe('2027-03-29T23:30:00.000Z');

    const next = await t.http
      .get(`/api/cases/${child.id}/next-due`)
      .set(await coordinatorOf(t))
      .expect(200);
    // The review is booked but not yet held (the clock stands in November 2026): the first review is still what falls due.
    expect(next.body.items).toEqual([
      {
        type: 'LAC_REVIEW',
        dueBy: '2027-03-31',
        basis: '20 working days after the child became looked after on 2027-03-01',
      },
    ]);
  });

  it('has a LAC review chaired by an IRO where the chair’s staff role is known', async () => {
    const child = await aCase(t, { enteredCareOn: '2027-01-04' });
    const staff = (name: string, staffRole: string) =>
      post<{ id: string; staffRole: string }>(t, '/api/people', {
        name,
        kind: 'PROFESSIONAL',
        agencyId: dir.agencies.council,
        staffRole,
      });
    const conferenceChair = await staff('Casey Conference', 'CHAIR');
    const iro = await staff('Ivy Independent', 'IRO');
    expect(iro.staffRole).toBe('IRO');
    const refused = await t.http
      .post('/api/meetings')
      .set(await t.auth('COORDINATOR'))
      .send(
        aBooking({
          type: 'LAC_REVIEW',
          caseIds: [child.id],
          chairId: conferenceChair.id,
          sessions: [aSession('2027-01-20T10:00:00Z')],
        }),
      )
      .expect(422);
    expect(refused.body.errors).toEqual([
      { field: 'chairId', message: 'a LAC review is chaired by IRO, and this person is CHAIR' },
    ]);
    await book(
      aBooking({
        type: 'LAC_REVIEW',
        caseIds: [child.id],
        chairId: iro.id,
        sessions: [aSession('2027-01-20T10:00:00Z')],
      }),
    );
    // The same conference chair may chair a conference; a professional whose role is not known may chair anything.
    await book(
      aBooking({
        type: 'RCPC',
        caseIds: [child.id],
        chairId: conferenceChair.id,
        allowOverlap: true,
        sessions: [aSession('2027-01-21T10:00:00Z')],
      }),
    );
    await t.http
      .post('/api/people')
      .set(await t.auth('ADMIN'))
      .send({ name: 'A parent', kind: 'FAMILY', staffRole: 'IRO' })
      .expect(400);
  });

  it('refuses to double-book the chair, naming the clash, unless allowOverlap is sent', async () => {
    const child = await aCase(t);
    const chairId = dir.people.iro.id;
    await book(
      aBooking({ type: 'CORE_GROUP', caseIds: [child.id], chairId, sessions: [aSession('2026-12-10T10:00:00Z', 60)] }),
    );
    const clash = await t.http
      .post('/api/meetings')
      .set(await t.auth('COORDINATOR'))
      .send(
        aBooking({
          type: 'CIN_REVIEW',
          caseIds: [child.id],
          chairId,
          sessions: [aSession('2026-12-10T10:30:00Z', 60)],
        }),
      )
      .expect(409);
    expect(clash.headers['content-type']).toMatch(/problem\+json/);
    expect(clash.body.detail).toMatch(/already booked from 2026-12-10T10:00:00.000Z/);
    await book(
      aBooking({
        type: 'CIN_REVIEW',
        caseIds: [child.id],
        chairId,
        allowOverlap: true,
        sessions: [aSession('2026-12-10T10:30:00Z', 60)],
      }),
    );
  });

  it('re-staffs a meeting and raises its sequence with each change', async () => {
    const child = await aCase(t);
    const meeting = await book(
      aBooking({
        type: 'CORE_GROUP',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2026-12-11T10:00:00Z', 60)],
        participants: [{ personId: dir.people.teacher.id, role: 'EDUCATION' }],
      }),
    );
    const auth = await t.auth('COORDINATOR');
    const added = await t.http
      .post(`/api/meetings/${meeting.id}/participants`)
      .set(auth)
      .send({ personId: dir.people.healthVisitor.id, role: 'HEALTH', reportRequired: true })
      .expect(201);
    expect(added.body.sequence).toBe(1);
    expect(participantOf(added.body, dir.people.healthVisitor.id).reportRequired).toBe(true);
    await t.http
      .post(`/api/meetings/${meeting.id}/participants`)
      .set(auth)
      .send({ personId: dir.people.healthVisitor.id, role: 'HEALTH' })
      .expect(409);

    const teacher = participantOf(meeting, dir.people.teacher.id);
    const removed = await t.http.delete(`/api/meetings/${meeting.id}/participants/${teacher.id}`).set(auth).expect(200);
    expect(removed.body.sequence).toBe(2);
    expect(removed.body.participants.map((p: { personId: string }) => p.personId)).not.toContain(dir.people.teacher.id);

    const moved = await t.http
      .patch(`/api/meetings/${meeting.id}/sessions/${meeting.sessions[0].id}`)
      .set(auth)
      .send({ join: { accessCode: '111222' } })
      .expect(200);
    expect(moved.body.sequence).toBe(3);
    expect(moved.body.sessions[0].join.accessCode).toBe('111222');
    expect(moved.body.sessions[0].join.videoUrl).toBe('https://video.example/meet/1');

    const cancelled = await t.http
      .post(`/api/meetings/${meeting.id}/cancel`)
      .set(auth)
      .send({ reason: 'Family moved away' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', sequence: 4 });
    const afterCancel = await t.http
      .patch(`/api/meetings/${meeting.id}/sessions/${meeting.sessions[0].id}`)
      .set(auth)
      .send({ startsAt: '2026-12-12T10:00:00Z', endsAt: '2026-12-12T11:00:00Z' })
      .expect(409);
    expect(afterCancel.headers['content-type']).toMatch(/problem\+json/);
    await t.http
      .post(`/api/meetings/${meeting.id}/participants`)
      .set(auth)
      .send({ personId: dir.people.teacher.id, role: 'EDUCATION' })
      .expect(409);
    await t.http.post(`/api/meetings/${meeting.id}/cancel`).set(auth).send({ reason: 'again' }).expect(409);

    const audit = await t.dataSource.query(
      `SELECT action FROM audit_events WHERE meeting_id = $1 ORDER BY at, action`,
      [meeting.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining([
        'meeting.booked',
        'participant.added',
        'participant.removed',
        'session.changed',
        'meeting.cancelled',
      ]),
    );
  });

  // Every type through the whole life API.md gives a meeting: booked, read, rescheduled, re-staffed, cancelled.
  const everyType: [string, 'chair' | 'iro' | 'idva', 'CHILD' | 'ADULT_VICTIM'][] = [
    ['STRATEGY', 'chair', 'CHILD'],
    ['ICPC', 'chair', 'CHILD'],
    ['RCPC', 'chair', 'CHILD'],
    ['CORE_GROUP', 'chair', 'CHILD'],
    ['LAC_REVIEW', 'iro', 'CHILD'],
    ['CIN_REVIEW', 'chair', 'CHILD'],
    ['PLO', 'chair', 'CHILD'],
    ['MARAC', 'chair', 'ADULT_VICTIM'],
  ];
  it.each(everyType)('books, reads, reschedules, re-staffs and cancels: %s', async (type, chair, kind) => {
    const subject = await aCase(t, { kind, enteredCareOn: kind === 'CHILD' ? '2026-10-01' : undefined });
    const auth = await coordinatorOf(t, type);
    const meeting = await book(
      aBooking({
        type,
        caseIds: [subject.id],
        chairId: dir.people[chair].id,
        allowOverlap: true,
        sessions: [aSession('2027-01-12T10:00:00Z', 60)],
        participants: [{ personId: dir.people.police.id, role: 'POLICE' }],
      }),
    );
    expect(meeting).toMatchObject({ type, status: 'SCHEDULED', sequence: 0 });
    await t.http.get(`/api/meetings/${meeting.id}`).set(auth).expect(200);
    const moved = await t.http
      .patch(`/api/meetings/${meeting.id}/sessions/${meeting.sessions[0].id}`)
      .set(auth)
      .send({ startsAt: '2027-01-13T10:00:00Z', endsAt: '2027-01-13T11:00:00Z' })
      .expect(200);
    expect(moved.body.sessions[0].startsAt).toBe('2027-01-13T10:00:00.000Z');
    const added = await t.http
      .post(`/api/meetings/${meeting.id}/participants`)
      .set(auth)
      .send({ personId: dir.people.healthVisitor.id, role: 'HEALTH' })
      .expect(201);
    expect(added.body.sequence).toBe(2);
    const cancelled = await t.http
      .post(`/api/meetings/${meeting.id}/cancel`)
      .set(auth)
      .send({ reason: 'Not needed' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', sequence: 3 });
  });

  it('lists meetings by date range, type and chair', async () => {
    // Its own meetings, in a month no other test of this file books: two MARACs either side of the month's end, and
    // a core group and a CIN review with different chairs.
    const victim = await aCase(t, { kind: 'ADULT_VICTIM' });
    const child = await aCase(t);
    const inMay = await book(
      aBooking({
        type: 'MARAC',
        caseIds: [victim.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2027-05-31T13:00:00Z', 60)],
      }),
    );
    await book(
      aBooking({
        type: 'MARAC',
        caseIds: [victim.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2027-06-01T13:00:00Z', 60)],
      }),
    );
    const byIro = await book(
      aBooking({
        type: 'CORE_GROUP',
        caseIds: [child.id],
        chairId: dir.people.iro.id,
        allowOverlap: true,
        sessions: [aSession('2027-05-12T10:00:00Z', 60)],
      }),
    );
    await book(
      aBooking({
        type: 'CIN_REVIEW',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2027-05-13T10:00:00Z', 60)],
      }),
    );

    const ids = (body: { items: { id: string }[] }) => body.items.map((m) => m.id);
    const may = await t.http
      .get('/api/meetings?from=2027-05-01&to=2027-05-31&type=MARAC')
      .set(await t.auth('MARAC_COORDINATOR'))
      .expect(200);
    expect({ total: may.body.total, ids: ids(may.body) }).toEqual({ total: 1, ids: [inMay.id] });
    const mayByIro = await t.http
      .get(`/api/meetings?from=2027-05-01&to=2027-05-31&chairId=${dir.people.iro.id}`)
      .set(await coordinatorOf(t))
      .expect(200);
    expect(ids(mayByIro.body)).toEqual([byIro.id]);
    await t.http
      .get('/api/meetings?type=PARTY')
      .set(await coordinatorOf(t))
      .expect(400);
  });

  describe('refuses malformed bookings with 400 problem+json naming the field, storing nothing', () => {
    const cases: [string, (ids: { caseIds: string[]; chairId: string }) => object, string][] = [
      ['an unknown type', (ids) => aBooking({ ...ids, type: 'TEA_PARTY' }), 'type'],
      ['no sessions', (ids) => aBooking({ ...ids, sessions: [] }), 'sessions'],
      [
        'a session ending before it starts',
        (ids) =>
          aBooking({
            ...ids,
            sessions: [{ startsAt: '2026-12-03T10:00:00Z', endsAt: '2026-12-03T09:00:00Z', join: videoJoin() }],
          }),
        'sessions[0].endsAt',
      ],
      [
        'a time without an offset',
        (ids) =>
          aBooking({
            ...ids,
            sessions: [{ startsAt: '2026-12-03T10:00:00', endsAt: '2026-12-03T11:00:00Z', join: videoJoin() }],
          }),
        'sessions[0].startsAt',
      ],
      [
        'an impossible date',
        (ids) =>
          aBooking({
            ...ids,
            sessions: [{ startsAt: '2026-02-30T10:00:00Z', endsAt: '2026-02-30T11:00:00Z', join: videoJoin() }],
          }),
        'sessions[0].startsAt',
      ],
      [
        'a virtual session with no way to join',
        (ids) => aBooking({ ...ids, sessions: [aSession('2026-12-03T10:00:00Z', 60, { join: { venue: 'Room 1' } })] }),
        'sessions[0].join',
      ],
      [
        'an in-person session with no venue',
        (ids) => aBooking({ ...ids, format: 'IN_PERSON', sessions: [aSession('2026-12-03T10:00:00Z', 60)] }),
        'sessions[0].join.venue',
      ],
      [
        'a participant in a session that does not exist',
        (ids) => aBooking({ ...ids, participants: [{ personId: ids.chairId, role: 'POLICE', sessions: [3] }] }),
        'participants[0].sessions',
      ],
      [
        'a participant without a role',
        (ids) => aBooking({ ...ids, participants: [{ personId: ids.chairId }] }),
        'participants[0].role',
      ],
      ['a case id that is not a UUID', (ids) => aBooking({ ...ids, caseIds: ['CR-1'] }), 'caseIds'],
      [
        'a javascript: video link',
        (ids) =>
          aBooking({
            ...ids,
            sessions: [aSession('2026-12-03T10:00:00Z', 60, { join: { videoUrl: 'javascript:alert(1)' } })],
          }),
        'sessions[0].join.videoUrl',
      ],
      ['an unknown property', (ids) => ({ ...aBooking(ids), colour: 'blue' }), 'colour'],
    ];
    it.each(cases)('%s', async (_name, build, field) => {
      const child = await aCase(t);
      const before = await count('meetings');
      const response = await t.http
        .post('/api/meetings')
        .set(await t.auth('COORDINATOR'))
        .send(build({ caseIds: [child.id], chairId: dir.people.chair.id }));
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await count('meetings')).toBe(before);
    });

    it('an unknown chair or case is 422, naming it, with nothing stored', async () => {
      const before = await count('meetings');
      const response = await t.http
        .post('/api/meetings')
        .set(await t.auth('COORDINATOR'))
        .send(
          aBooking({
            caseIds: ['00000000-0000-4000-8000-000000000000'],
            chairId: '00000000-0000-4000-8000-000000000001',
          }),
        )
        .expect(422);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['chairId']));
      expect(await count('meetings')).toBe(before);
      expect(await count('meeting_sessions')).toBe(
        Number(
          (
            await t.dataSource.query(
              `SELECT count(*) AS n FROM meeting_sessions s JOIN meetings m ON m.id = s.meeting_id`,
            )
          )[0].n,
        ),
      );
    });
  });

  it('lets only booking roles book, and anyone signed in read', async () => {
    const child = await aCase(t);
    const body = aBooking({
      caseIds: [child.id],
      chairId: dir.people.chair.id,
      sessions: [aSession('2027-02-01T10:00:00Z')],
    });
    await t.http
      .post('/api/meetings')
      .set(await t.auth('VIEWER'))
      .send(body)
      .expect(403);
    await t.http.post('/api/meetings').send(body).expect(401);
    await t.http
      .get('/api/meetings/00000000-0000-4000-8000-000000000000')
      .set(await t.auth('VIEWER'))
      .expect(404);
    await t.http
      .get('/api/meetings/not-a-uuid')
      .set(await t.auth('VIEWER'))
      .expect(404);
  });
});
