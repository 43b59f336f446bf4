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
import { asChairOf, ChairRole, submitRecord } from './support/records';
import { startTestApp, TestApp } from './support/test-app';

/*
 * Issue 18: the clock and the record as a conference chair and an IRO keep them — quorum, pre-reads, reports and the record. The clock stands at Monday
 * 4 January 2027, 09:00 (UTC = London in winter); each test books its own case relative to it.
 */
describe('the clock and the record: quorum, pre-reads, reports and the record', () => {
  let t: TestApp;
  let dir: Directory;
  const clock = new FixedClock(new Date('2027-01-04T09:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    dir = await seedDirectory(t);
  });
  afterEach(() => clock.set(new Date('2027-01-04T09:00:00Z')));
  afterAll(() => t.close());

  const book = (body: Record<string, unknown> & { caseIds: string[]; chairId: string }) =>
    post<MeetingBody>(t, '/api/meetings', { allowOverlap: true, ...aBooking(body) });
  const submit = (
    meeting: MeetingBody,
    outcome: string,
    extra: Record<string, unknown> = {},
    role: ChairRole = 'CHAIR',
  ) => submitRecord(t, meeting, outcome, extra, role);
  /** The meeting's chair, who writes its record (issue 16). */
  const chairOf = (meeting: MeetingBody, role: ChairRole = 'CHAIR') => asChairOf(t, meeting, role);

  describe('3. the chair never counts towards quorum', () => {
    it('a conference with the chair, the police and health but no social worker is not quorate; with the social worker it is', async () => {
      const child = await aCase(t);
      const icpc = await book({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2027-01-06T10:00:00Z', 90)],
        participants: [
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.healthVisitor.id, role: 'HEALTH' },
          { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' },
        ],
      });
      const attended = (...personIds: string[]) =>
        personIds.map((id) => ({ participantId: participantOf(icpc, id).id, status: 'ATTENDED', joinedBy: 'VIDEO' }));
      const save = async (attendance: object[]) =>
        (
          await t.http
            .put(`/api/meetings/${icpc.id}/minutes`)
            .set(await chairOf(icpc))
            .send({ attendance })
            .expect(200)
        ).body;
      const withoutSocialWorker = await save(
        attended(dir.people.chair.id, dir.people.police.id, dir.people.healthVisitor.id),
      );
      expect(withoutSocialWorker.quorate).toBe(false);
      expect(withoutSocialWorker.quorum).toMatchObject({ quorate: false, localAuthorityPresent: false });
      expect(withoutSocialWorker.quorum.explanation).toMatch(/no children's social care/);
      const withSocialWorker = await save(
        attended(dir.people.chair.id, dir.people.socialWorker.id, dir.people.police.id, dir.people.healthVisitor.id),
      );
      expect(withSocialWorker.quorate).toBe(true);
    });
  });

  describe('4. decisions on time are measured by when they were made known', () => {
    it('decisions marked final the day after the conference are on time though the record is approved weeks later; drafted decisions still get the reminder', async () => {
      const { RecordTimelinessSweeper } = await import('../src/minutes/record-timeliness-sweeper');
      const child = await aCase(t);
      const other = await aCase(t);
      // Tue 12 Jan 2027: a conference's decisions are due 1 working day later, Wed 13 Jan.
      const participants = [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }];
      const shared = await book({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2027-01-12T10:00:00Z', 90)],
        participants,
      });
      const drafted = await book({
        type: 'ICPC',
        caseIds: [other.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2027-01-12T13:00:00Z', 90)],
        participants,
      });
      clock.set(new Date('2027-01-12T16:00:00Z'));
      const decisions = [
        { text: 'A child protection plan under neglect', rationale: 'Continuing risk of significant harm' },
      ];
      const marked = await t.http
        .put(`/api/meetings/${shared.id}/minutes`)
        .set(await chairOf(shared))
        .send({ decisions, decisionsFinal: true })
        .expect(200);
      expect(marked.body).toMatchObject({
        decisionsDueOn: '2027-01-13',
        decisionsSharedAt: '2027-01-12T16:00:00.000Z',
      });
      await t.http
        .put(`/api/meetings/${drafted.id}/minutes`)
        .set(await chairOf(drafted))
        .send({ decisions })
        .expect(200);
      // The reminder the day before the decisions fall due goes for the drafted ones only.
      await t.get<InstanceType<typeof RecordTimelinessSweeper>>(RecordTimelinessSweeper).sweep();
      const reminded: { meeting_id: string }[] = await t.dataSource.query(
        `SELECT meeting_id FROM deliveries WHERE kind = 'DECISIONS_DUE' AND meeting_id = ANY($1::uuid[])`,
        [[shared.id, drafted.id]],
      );
      expect(reminded.map((r) => r.meeting_id)).toEqual([drafted.id]);

      clock.set(new Date('2027-02-08T09:00:00Z')); // the full record weeks later
      await submit(shared, 'CP_PLAN', { decisions, decisionsFinal: true });
      // Approved by someone other than the chair who wrote it: the service manager (an administrator sees every
      // conference; a CHAIR with no part in this one would be told it does not exist).
      await t.http
        .post(`/api/meetings/${shared.id}/minutes/approve`)
        .set(await t.auth('ADMIN', { name: 'Service manager' }))
        .expect(200);
      const { body } = await t.http
        .get('/api/reports/meetings?from=2027-01-12&to=2027-01-12')
        .set(await t.auth('VIEWER'))
        .expect(200);
      // Shared on 12 Jan (due 13 Jan): on time. Drafted only, and 13 Jan has passed: measured, late.
      expect(body.rows.find((r: { type: string }) => r.type === 'ICPC').minutesDecisionsOnTime).toEqual({
        count: 1,
        measured: 2,
        percent: 50,
      });
    });
  });

  describe('6. a pre-read deadline never lies in the past at booking', () => {
    it('an ICPC booked for tomorrow has its reports due at its start: a report today is not late and no pack goes out at once', async () => {
      const { DeadlineSweeper } = await import('../src/prereads/deadline-sweeper');
      const child = await aCase(t);
      // Mon 4 Jan 09:00: a conference at 10:00 tomorrow is inside its 48 hours.
      const icpc = await book({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2027-01-05T10:00:00Z', 90)],
        participants: [{ personId: dir.people.police.id, role: 'POLICE', reportRequired: true }],
      });
      expect(icpc.preReadDeadline).toBe('2027-01-05T10:00:00.000Z');
      await t.get<InstanceType<typeof DeadlineSweeper>>(DeadlineSweeper).sweep();
      const packs: unknown[] = await t.dataSource.query(
        `SELECT 1 FROM deliveries WHERE kind = 'PACK' AND meeting_id = $1`,
        [icpc.id],
      );
      expect(packs).toHaveLength(0);
      const upload = await t.http
        .post(`/api/meetings/${icpc.id}/documents`)
        .set(await t.auth('COORDINATOR'))
        .field('title', 'Police report')
        .field('audience', 'PROFESSIONALS')
        .field('participantId', participantOf(icpc, dir.people.police.id).id)
        .attach('file', Buffer.from('Police report text'), 'police.txt')
        .expect(201);
      expect(upload.body.late).toBe(false);
      // Booked in good time, the 48 hours apply as before.
      const later = await book({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2027-01-11T10:00:00Z', 90)],
      });
      expect(later.preReadDeadline).toBe('2027-01-09T10:00:00.000Z');
    });

    it('a strategy discussion asks for no reading time: its pre-reads are due at its start', async () => {
      const child = await aCase(t);
      const strategy = await book({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2027-01-04T14:00:00Z', 60)],
      });
      expect(strategy.preReadDeadline).toBe('2027-01-04T14:00:00.000Z');
    });
  });

  describe('7. separate conversations are flagged, and reports count how meetings were held', () => {
    it('a part held as separate conversations without a reason is pointed out, and the committee table counts the recorded method', async () => {
      const child = await aCase(t);
      const icpc = await book({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        format: 'IN_PERSON',
        sessions: [aSession('2027-01-13T10:00:00Z', 90, { join: { venue: 'Civic Centre, Room 4' } })],
        participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }],
      });
      const save = async (method: object) =>
        (
          await t.http
            .put(`/api/meetings/${icpc.id}/minutes`)
            .set(await chairOf(icpc))
            .send({ sessions: [{ sessionId: icpc.sessions[0].id, ...method }] })
            .expect(200)
        ).body;
      expect((await save({ method: 'SEPARATE_CONVERSATIONS' })).warnings).toEqual([
        'Part 1 was held as separate conversations, with no joint discussion: record why',
      ]);
      expect(
        (await save({ method: 'SEPARATE_CONVERSATIONS', reason: 'Snow: the chair phoned each agency in turn' }))
          .warnings,
      ).toEqual([]);
      clock.set(new Date('2027-01-14T09:00:00Z'));
      const { body } = await t.http
        .get('/api/reports/meetings?from=2027-01-13&to=2027-01-13')
        .set(await t.auth('VIEWER'))
        .expect(200);
      expect(body.rows.find((r: { type: string }) => r.type === 'ICPC')).toMatchObject({
        held: 1,
        byFormat: {
          IN_PERSON: { count: 0, percent: 0 },
          VIRTUAL: { count: 1, percent: 100 },
          HYBRID: { count: 0, percent: 0 },
        },
        formatFromBooking: { count: 0, percent: 0 },
        separateConversations: { count: 1, percent: 100 },
      });
    });
  });

  describe('11. the rules table’s default length and default audience do what they say', () => {
    it('a session given without its end lasts the type’s default length', async () => {
      const child = await aCase(t);
      const icpc = await book({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [{ startsAt: '2027-01-20T10:00:00Z', join: { videoUrl: 'https://video.example/icpc' } }],
      });
      expect(icpc.sessions[0].endsAt).toBe('2027-01-20T12:00:00.000Z'); // ICPC: 120 minutes
      const core = await book({
        type: 'CORE_GROUP',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [{ startsAt: '2027-01-21T10:00:00Z', join: { videoUrl: 'https://video.example/cg' } }],
      });
      expect(core.sessions[0].endsAt).toBe('2027-01-21T11:00:00.000Z'); // core group: 60 minutes
    });

    it('an upload without an audience takes the type’s default', async () => {
      const child = await aCase(t);
      const upload = async (meeting: MeetingBody) =>
        (
          await t.http
            .post(`/api/meetings/${meeting.id}/documents`)
            .set(await t.auth('COORDINATOR'))
            .field('title', 'Report')
            .attach('file', Buffer.from('Report text'), 'report.txt')
            .expect(201)
        ).body;
      const icpc = await book({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2027-01-25T10:00:00Z', 90)],
      });
      expect((await upload(icpc)).audience).toBe('ALL_PARTICIPANTS'); // conference reports are shared with parents
      const core = await book({
        type: 'CORE_GROUP',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2027-01-26T10:00:00Z', 60)],
      });
      expect((await upload(core)).audience).toBe('PROFESSIONALS');
    });
  });

  describe('12. PN0 is only for a child under 4', () => {
    it('refuses PN0 for a child aged 4 or over on the day of the review, and takes it for a younger sibling', async () => {
      const older = await aCase(t, { enteredCareOn: '2026-12-07', dateOfBirth: '2022-12-30' });
      const younger = await aCase(t, { enteredCareOn: '2026-12-07', dateOfBirth: '2024-03-01' });
      const review = await book({
        type: 'LAC_REVIEW',
        caseIds: [older.id, younger.id],
        chairId: dir.people.iro.id,
        sessions: [aSession('2027-01-06T10:00:00Z', 60)],
      });
      const iro = await chairOf(review, 'IRO'); // the IRO who chairs the review writes its record
      const refused = await t.http
        .put(`/api/meetings/${review.id}/minutes`)
        .set(iro)
        .send({ childParticipation: 'PN0' })
        .expect(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.errors).toEqual([
        {
          field: 'childParticipation',
          message: expect.stringContaining(`case ${older.reference} was 4 or over on 2027-01-06`),
        },
      ]);
      const perChild = await t.http
        .put(`/api/meetings/${review.id}/minutes`)
        .set(iro)
        .send({
          childParticipationByCase: [
            { caseId: older.id, code: 'PN0' },
            { caseId: younger.id, code: 'PN0' },
          ],
        })
        .expect(400);
      expect(perChild.body.errors.map((e: { field: string }) => e.field)).toEqual(['childParticipationByCase[0].code']);
      await t.http
        .put(`/api/meetings/${review.id}/minutes`)
        .set(iro)
        .send({
          childParticipationByCase: [
            { caseId: older.id, code: 'PN1' },
            { caseId: younger.id, code: 'PN0' },
          ],
        })
        .expect(200);
    });
  });

  describe('15. MARAC research is due the previous working day when the MARAC starts at or before 10:00', () => {
    it('a MARAC at 09:30 on Thursday has its research due by 10:00 on Wednesday; one at noon by 10:00 on the day', async () => {
      const victim = await aCase(t, { kind: 'ADULT_VICTIM' });
      const marac = (startsAt: string) =>
        book({
          type: 'MARAC',
          caseIds: [victim.id],
          chairId: dir.people.chair.id,
          sessions: [aSession(startsAt, 180)],
          participants: [{ personId: dir.people.idva.id, role: 'IDVA' }],
        });
      expect((await marac('2027-01-14T09:30:00Z')).preReadDeadline).toBe('2027-01-13T10:00:00.000Z');
      expect((await marac('2027-01-28T10:00:00Z')).preReadDeadline).toBe('2027-01-27T10:00:00.000Z');
      expect((await marac('2027-02-11T12:00:00Z')).preReadDeadline).toBe('2027-02-11T10:00:00.000Z');
    });

    it('follows MEETING_RULES: earlyStart AT_START keeps the start', async () => {
      const local = await startTestApp(
        {
          MEETING_RULES: JSON.stringify({
            MARAC: { preRead: { kind: 'LONDON_TIME_ON_DAY', time: '10:00', earlyStart: 'AT_START' } },
          }),
        },
        { clock },
      );
      try {
        const people = await seedDirectory(local);
        const victim = await aCase(local, { kind: 'ADULT_VICTIM' });
        const meeting = await post<MeetingBody>(
          local,
          '/api/meetings',
          aBooking({
            type: 'MARAC',
            caseIds: [victim.id],
            chairId: people.people.chair.id,
            sessions: [aSession('2027-01-14T09:30:00Z', 180)],
          }),
        );
        expect(meeting.preReadDeadline).toBe('2027-01-14T09:30:00.000Z');
      } finally {
        await local.close();
      }
    });
  });
});
