import { FixedClock } from '../src/time/clock';
import { aBooking, aCase, aSession, Directory, MeetingBody, participantOf, post, seedDirectory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/*
 * Issue 18: the clock and the record as a conference chair and an IRO keep them. The clock stands at Monday
 * 4 January 2027, 09:00 (UTC = London in winter); each test books its own case relative to it.
 */
describe('the clock and the record', () => {
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

  /** A complete record with this outcome for each case, saved and submitted (outcomes count from submission). */
  async function submitRecord(meeting: MeetingBody, outcome: string, extra: Record<string, unknown> = {}, role: 'CHAIR' | 'IRO' | 'SOCIAL_WORKER' = 'CHAIR') {
    const others = meeting.participants.filter((p) => !p.isChair);
    const record = {
      sessions: meeting.sessions.map((s) => ({ sessionId: s.id, method: 'VIDEO', reason: 'The family asked to join by video' })),
      attendance: (others.length ? others : meeting.participants).map((p) => ({ participantId: p.id, status: 'ATTENDED', joinedBy: 'VIDEO' })),
      summary: 'Summary of the meeting.',
      planConsidered: true,
      decisions: [{ text: 'The decision', rationale: 'The reasons' }],
      outcomes: meeting.caseIds.map((caseId) => ({ caseId, outcome, ...(outcome === 'CP_PLAN' ? { category: 'NEGLECT' } : {}) })),
      quorum: { reasonToProceed: 'Sufficient information and delay would harm the child' },
      ...extra,
    };
    await t.http.put(`/api/meetings/${meeting.id}/minutes`).set(await t.auth(role)).send(record).expect(200);
    return (await t.http.post(`/api/meetings/${meeting.id}/minutes/submit`).set(await t.auth(role)).expect(200)).body;
  }

  const nextDue = async (caseId: string) =>
    ((await t.http.get(`/api/cases/${caseId}/next-due`).set(await t.auth('VIEWER')).expect(200)).body.items as { type: string; dueBy: string }[]).map((i) => `${i.type} ${i.dueBy}`);
  const dueReport = async (caseId: string) =>
    ((await t.http.get('/api/reports/due?days=365').set(await t.auth('VIEWER')).expect(200)).body.items as { caseId?: string; type: string; overdue: boolean }[]).filter((i) => i.caseId === caseId);

  describe('1. ending a plan ends the cycle', () => {
    it('an RCPC that decides no plan leaves no next RCPC or core group in next-due, the due report or the record', async () => {
      const child = await aCase(t);
      const strategy = await book({ type: 'STRATEGY', caseIds: [child.id], chairId: dir.people.socialWorker.id, sessions: [aSession('2027-01-05T10:00:00Z', 60)] });
      await submitRecord(strategy, 'SECTION_47', { quorum: undefined }, 'SOCIAL_WORKER');
      const icpc = await book({ type: 'ICPC', caseIds: [child.id], chairId: dir.people.chair.id, relatedMeetingId: strategy.id, sessions: [aSession('2027-01-19T10:00:00Z', 90)], participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }] });
      await submitRecord(icpc, 'CP_PLAN');
      const rcpc = await book({ type: 'RCPC', caseIds: [child.id], chairId: dir.people.chair.id, sessions: [aSession('2027-04-13T10:00:00Z', 90)], participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }] });
      clock.set(new Date('2027-04-14T09:00:00Z'));
      // While the plan runs, the review makes the next review due within 6 months.
      expect(await nextDue(child.id)).toEqual(expect.arrayContaining(['RCPC 2027-10-13']));
      const record = await submitRecord(rcpc, 'NO_CP_PLAN');
      expect(record.nextMeetings).toEqual([]);
      expect(await nextDue(child.id)).toEqual([]);
      clock.set(new Date('2027-12-01T09:00:00Z')); // long after a next review would have been due
      expect(await nextDue(child.id)).toEqual([]);
      expect(await dueReport(child.id)).toEqual([]);
    });
  });

  describe('2. a meeting held in parts is held when its last part is held', () => {
    it('a LAC review whose short first part is before the deadline but whose review meeting is after it is late, and counts from the review meeting', async () => {
      // Entered care Mon 7 Dec 2026: review 1 within 20 working days (8–11, 14–18, 21–24, 29–31 Dec, 4–7 Jan) = Thu 7 Jan.
      const child = await aCase(t, { enteredCareOn: '2026-12-07' });
      const review = await book({
        type: 'LAC_REVIEW', caseIds: [child.id], chairId: dir.people.iro.id,
        sessions: [aSession('2027-01-06T15:00:00Z', 30, { label: 'IRO with the young person' }), aSession('2027-01-12T10:00:00Z', 90, { label: 'Review meeting' })],
        participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER', sessions: [1] }],
      });
      expect(review).toMatchObject({ heldOn: '2027-01-12', dueBy: '2027-01-07', withinTimescale: false });
      clock.set(new Date('2027-01-12T12:00:00Z'));
      const record = await submitRecord(review, 'RECOMMENDATIONS', { childParticipation: 'PN1', quorum: undefined }, 'IRO');
      // Decisions 5 and record 20 working days after Tue 12 Jan; the second review 3 months after it.
      expect(record).toMatchObject({ decisionsDueOn: '2027-01-19', recordDueOn: '2027-02-09' });
      expect(record.nextMeetings).toEqual([expect.objectContaining({ type: 'LAC_REVIEW', dueBy: '2027-04-12' })]);
      expect(await nextDue(child.id)).toEqual(['LAC_REVIEW 2027-04-12']);
      const { body } = await t.http.get('/api/reports/meetings?from=2027-01-12&to=2027-01-12').set(await t.auth('VIEWER')).expect(200);
      expect(body.rows.find((r: { type: string }) => r.type === 'LAC_REVIEW')).toMatchObject({ held: 1, withinTimescale: { count: 0, measured: 1, percent: 0 } });
    });
  });

  describe('3. the chair never counts towards quorum', () => {
    it('a conference with the chair, the police and health but no social worker is not quorate; with the social worker it is', async () => {
      const child = await aCase(t);
      const icpc = await book({
        type: 'ICPC', caseIds: [child.id], chairId: dir.people.chair.id, sessions: [aSession('2027-01-06T10:00:00Z', 90)],
        participants: [{ personId: dir.people.police.id, role: 'POLICE' }, { personId: dir.people.healthVisitor.id, role: 'HEALTH' }, { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }],
      });
      const attended = (...personIds: string[]) => personIds.map((id) => ({ participantId: participantOf(icpc, id).id, status: 'ATTENDED', joinedBy: 'VIDEO' }));
      const save = async (attendance: object[]) => (await t.http.put(`/api/meetings/${icpc.id}/minutes`).set(await t.auth('CHAIR')).send({ attendance }).expect(200)).body;
      const withoutSocialWorker = await save(attended(dir.people.chair.id, dir.people.police.id, dir.people.healthVisitor.id));
      expect(withoutSocialWorker.quorate).toBe(false);
      expect(withoutSocialWorker.quorum).toMatchObject({ quorate: false, localAuthorityPresent: false });
      expect(withoutSocialWorker.quorum.explanation).toMatch(/no children's social care/);
      const withSocialWorker = await save(attended(dir.people.chair.id, dir.people.socialWorker.id, dir.people.police.id, dir.people.healthVisitor.id));
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
      const shared = await book({ type: 'ICPC', caseIds: [child.id], chairId: dir.people.chair.id, sessions: [aSession('2027-01-12T10:00:00Z', 90)], participants });
      const drafted = await book({ type: 'ICPC', caseIds: [other.id], chairId: dir.people.chair.id, sessions: [aSession('2027-01-12T13:00:00Z', 90)], participants });
      clock.set(new Date('2027-01-12T16:00:00Z'));
      const decisions = [{ text: 'A child protection plan under neglect', rationale: 'Continuing risk of significant harm' }];
      const marked = await t.http.put(`/api/meetings/${shared.id}/minutes`).set(await t.auth('CHAIR')).send({ decisions, decisionsFinal: true }).expect(200);
      expect(marked.body).toMatchObject({ decisionsDueOn: '2027-01-13', decisionsSharedAt: '2027-01-12T16:00:00.000Z' });
      await t.http.put(`/api/meetings/${drafted.id}/minutes`).set(await t.auth('CHAIR')).send({ decisions }).expect(200);
      // The reminder the day before the decisions fall due goes for the drafted ones only.
      await t.get<InstanceType<typeof RecordTimelinessSweeper>>(RecordTimelinessSweeper).sweep();
      const reminded: { meeting_id: string }[] = await t.dataSource.query(`SELECT meeting_id FROM deliveries WHERE kind = 'DECISIONS_DUE' AND meeting_id = ANY($1::uuid[])`, [[shared.id, drafted.id]]);
      expect(reminded.map((r) => r.meeting_id)).toEqual([drafted.id]);

      clock.set(new Date('2027-02-08T09:00:00Z')); // the full record weeks later
      await submitRecord(shared, 'CP_PLAN', { decisions, decisionsFinal: true });
      await t.http.post(`/api/meetings/${shared.id}/minutes/approve`).set(await t.auth('CHAIR', { name: 'Chair’s manager' })).expect(200);
      const { body } = await t.http.get('/api/reports/meetings?from=2027-01-12&to=2027-01-12').set(await t.auth('VIEWER')).expect(200);
      // Shared on 12 Jan (due 13 Jan): on time. Drafted only, and 13 Jan has passed: measured, late.
      expect(body.rows.find((r: { type: string }) => r.type === 'ICPC').minutesDecisionsOnTime).toEqual({ count: 1, measured: 2, percent: 50 });
    });
  });

  describe('6. a pre-read deadline never lies in the past at booking', () => {
    it('an ICPC booked for tomorrow has its reports due at its start: a report today is not late and no pack goes out at once', async () => {
      const { DeadlineSweeper } = await import('../src/prereads/deadline-sweeper');
      const child = await aCase(t);
      // Mon 4 Jan 09:00: a conference at 10:00 tomorrow is inside its 48 hours.
      const icpc = await book({
        type: 'ICPC', caseIds: [child.id], chairId: dir.people.chair.id, sessions: [aSession('2027-01-05T10:00:00Z', 90)],
        participants: [{ personId: dir.people.police.id, role: 'POLICE', reportRequired: true }],
      });
      expect(icpc.preReadDeadline).toBe('2027-01-05T10:00:00.000Z');
      await t.get<InstanceType<typeof DeadlineSweeper>>(DeadlineSweeper).sweep();
      const packs: unknown[] = await t.dataSource.query(`SELECT 1 FROM deliveries WHERE kind = 'PACK' AND meeting_id = $1`, [icpc.id]);
      expect(packs).toHaveLength(0);
      const upload = await t.http
        .post(`/api/meetings/${icpc.id}/documents`).set(await t.auth('COORDINATOR'))
        .field('title', 'Police report').field('audience', 'PROFESSIONALS').field('participantId', participantOf(icpc, dir.people.police.id).id)
        .attach('file', Buffer.from('Police report text'), 'police.txt')
        .expect(201);
      expect(upload.body.late).toBe(false);
      // Booked in good time, the 48 hours apply as before.
      const later = await book({ type: 'ICPC', caseIds: [child.id], chairId: dir.people.chair.id, sessions: [aSession('2027-01-11T10:00:00Z', 90)] });
      expect(later.preReadDeadline).toBe('2027-01-09T10:00:00.000Z');
    });

    it('a strategy discussion asks for no reading time: its pre-reads are due at its start', async () => {
      const child = await aCase(t);
      const strategy = await book({ type: 'STRATEGY', caseIds: [child.id], chairId: dir.people.socialWorker.id, sessions: [aSession('2027-01-04T14:00:00Z', 60)] });
      expect(strategy.preReadDeadline).toBe('2027-01-04T14:00:00.000Z');
    });
  });

  describe('7. separate conversations are flagged, and reports count how meetings were held', () => {
    it('a part held as separate conversations without a reason is pointed out, and the committee table counts the recorded method', async () => {
      const child = await aCase(t);
      const icpc = await book({
        type: 'ICPC', caseIds: [child.id], chairId: dir.people.chair.id, format: 'IN_PERSON',
        sessions: [aSession('2027-01-13T10:00:00Z', 90, { join: { venue: 'Civic Centre, Room 4' } })],
        participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }],
      });
      const save = async (method: object) => (await t.http.put(`/api/meetings/${icpc.id}/minutes`).set(await t.auth('CHAIR')).send({ sessions: [{ sessionId: icpc.sessions[0].id, ...method }] }).expect(200)).body;
      expect((await save({ method: 'SEPARATE_CONVERSATIONS' })).warnings).toEqual(['Part 1 was held as separate conversations, with no joint discussion: record why']);
      expect((await save({ method: 'SEPARATE_CONVERSATIONS', reason: 'Snow: the chair phoned each agency in turn' })).warnings).toEqual([]);
      clock.set(new Date('2027-01-14T09:00:00Z'));
      const { body } = await t.http.get('/api/reports/meetings?from=2027-01-13&to=2027-01-13').set(await t.auth('VIEWER')).expect(200);
      expect(body.rows.find((r: { type: string }) => r.type === 'ICPC')).toMatchObject({
        held: 1,
        byFormat: { IN_PERSON: { count: 0, percent: 0 }, VIRTUAL: { count: 1, percent: 100 }, HYBRID: { count: 0, percent: 0 } },
        formatFromBooking: { count: 0, percent: 0 },
        separateConversations: { count: 1, percent: 100 },
      });
    });
  });

  describe('8. a stale plan-start date does not come back', () => {
    it('a new ICPC that decides no plan is not followed by reviews counted from the case’s old plan start', async () => {
      const child = await aCase(t, { cpPlanStartedOn: '2025-06-02' });
      const strategy = await book({ type: 'STRATEGY', caseIds: [child.id], chairId: dir.people.socialWorker.id, sessions: [aSession('2027-01-05T10:00:00Z', 60)] });
      const icpc = await book({ type: 'ICPC', caseIds: [child.id], chairId: dir.people.chair.id, relatedMeetingId: strategy.id, sessions: [aSession('2027-01-19T10:00:00Z', 90)], participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }] });
      clock.set(new Date('2027-01-20T09:00:00Z'));
      const record = await submitRecord(icpc, 'NO_CP_PLAN');
      expect(record.nextMeetings).toEqual([]);
      expect(await nextDue(child.id)).toEqual([]);
      expect(await dueReport(child.id)).toEqual([]);
    });
  });

  describe('9. recording that no ICPC is needed stops the clock', () => {
    it('a discussion recording ICPC_NOT_REQUIRED after the s47 enquiry leaves no ICPC due, then or a year later', async () => {
      const child = await aCase(t);
      const sw = dir.people.socialWorker.id;
      const first = await book({ type: 'STRATEGY', caseIds: [child.id], chairId: sw, sessions: [aSession('2027-01-05T10:00:00Z', 60)] });
      clock.set(new Date('2027-01-05T12:00:00Z'));
      await submitRecord(first, 'SECTION_47', { quorum: undefined }, 'SOCIAL_WORKER');
      // 15 working days after Tue 5 Jan: Tue 26 Jan.
      expect(await nextDue(child.id)).toEqual(['ICPC 2027-01-26']);
      const review = await book({ type: 'STRATEGY', caseIds: [child.id], chairId: sw, sessions: [aSession('2027-01-15T10:00:00Z', 60)] });
      clock.set(new Date('2027-01-15T12:00:00Z'));
      const record = await submitRecord(review, 'ICPC_NOT_REQUIRED', { quorum: undefined }, 'SOCIAL_WORKER');
      expect(record.nextMeetings).toEqual([]);
      expect(await nextDue(child.id)).toEqual([]);
      clock.set(new Date('2027-06-01T09:00:00Z'));
      expect(await dueReport(child.id)).toEqual([]);
    });
  });

  describe('10. with no recorded outcome the ICPC counts from the earliest strategy discussion since the last ICPC', () => {
    it('a second discussion reviewing the enquiry does not restart the 15 working days', async () => {
      const child = await aCase(t);
      const sw = dir.people.socialWorker.id;
      await book({ type: 'STRATEGY', caseIds: [child.id], chairId: sw, sessions: [aSession('2027-01-05T10:00:00Z', 60)] });
      await book({ type: 'STRATEGY', caseIds: [child.id], chairId: sw, sessions: [aSession('2027-01-12T10:00:00Z', 60)] });
      const icpc = await book({ type: 'ICPC', caseIds: [child.id], chairId: dir.people.chair.id, sessions: [aSession('2027-01-28T10:00:00Z', 90)] });
      // From Tue 5 Jan: Tue 26 Jan, so an ICPC on 28 Jan is late (from 12 Jan it would have been due 2 Feb).
      expect(icpc).toMatchObject({ dueBy: '2027-01-26', withinTimescale: false });
      expect(icpc.dueBasis).toBe('15 working days after the strategy discussion on 2027-01-05');
    });
  });

  describe('11. the rules table’s default length and default audience do what they say', () => {
    it('a session given without its end lasts the type’s default length', async () => {
      const child = await aCase(t);
      const icpc = await book({ type: 'ICPC', caseIds: [child.id], chairId: dir.people.chair.id, sessions: [{ startsAt: '2027-01-20T10:00:00Z', join: { videoUrl: 'https://video.example/icpc' } }] });
      expect(icpc.sessions[0].endsAt).toBe('2027-01-20T12:00:00.000Z'); // ICPC: 120 minutes
      const core = await book({ type: 'CORE_GROUP', caseIds: [child.id], chairId: dir.people.socialWorker.id, sessions: [{ startsAt: '2027-01-21T10:00:00Z', join: { videoUrl: 'https://video.example/cg' } }] });
      expect(core.sessions[0].endsAt).toBe('2027-01-21T11:00:00.000Z'); // core group: 60 minutes
    });

    it('an upload without an audience takes the type’s default', async () => {
      const child = await aCase(t);
      const upload = async (meeting: MeetingBody) =>
        (await t.http.post(`/api/meetings/${meeting.id}/documents`).set(await t.auth('COORDINATOR')).field('title', 'Report').attach('file', Buffer.from('Report text'), 'report.txt').expect(201)).body;
      const icpc = await book({ type: 'ICPC', caseIds: [child.id], chairId: dir.people.chair.id, sessions: [aSession('2027-01-25T10:00:00Z', 90)] });
      expect((await upload(icpc)).audience).toBe('ALL_PARTICIPANTS'); // conference reports are shared with parents
      const core = await book({ type: 'CORE_GROUP', caseIds: [child.id], chairId: dir.people.socialWorker.id, sessions: [aSession('2027-01-26T10:00:00Z', 60)] });
      expect((await upload(core)).audience).toBe('PROFESSIONALS');
    });
  });

  describe('12. PN0 is only for a child under 4', () => {
    it('refuses PN0 for a child aged 4 or over on the day of the review, and takes it for a younger sibling', async () => {
      const older = await aCase(t, { enteredCareOn: '2026-12-07', dateOfBirth: '2022-12-30' });
      const younger = await aCase(t, { enteredCareOn: '2026-12-07', dateOfBirth: '2024-03-01' });
      const review = await book({ type: 'LAC_REVIEW', caseIds: [older.id, younger.id], chairId: dir.people.iro.id, sessions: [aSession('2027-01-06T10:00:00Z', 60)] });
      const iro = await t.auth('IRO');
      const refused = await t.http.put(`/api/meetings/${review.id}/minutes`).set(iro).send({ childParticipation: 'PN0' }).expect(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.errors).toEqual([{ field: 'childParticipation', message: expect.stringContaining(`case ${older.reference} was 4 or over on 2027-01-06`) }]);
      const perChild = await t.http
        .put(`/api/meetings/${review.id}/minutes`).set(iro)
        .send({ childParticipationByCase: [{ caseId: older.id, code: 'PN0' }, { caseId: younger.id, code: 'PN0' }] })
        .expect(400);
      expect(perChild.body.errors.map((e: { field: string }) => e.field)).toEqual(['childParticipationByCase[0].code']);
      await t.http
        .put(`/api/meetings/${review.id}/minutes`).set(iro)
        .send({ childParticipationByCase: [{ caseId: older.id, code: 'PN1' }, { caseId: younger.id, code: 'PN0' }] })
        .expect(200);
    });
  });

  describe('14. outcomes count from submission, in the record as in next-due and the due report', () => {
    it('a draft that says no plan changes nothing yet; once submitted, the record, next-due and the due report agree', async () => {
      const child = await aCase(t);
      const strategy = await book({ type: 'STRATEGY', caseIds: [child.id], chairId: dir.people.socialWorker.id, sessions: [aSession('2027-01-05T10:00:00Z', 60)] });
      const icpc = await book({ type: 'ICPC', caseIds: [child.id], chairId: dir.people.chair.id, relatedMeetingId: strategy.id, sessions: [aSession('2027-01-19T10:00:00Z', 90)], participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }] });
      clock.set(new Date('2027-01-20T09:00:00Z'));
      const draft = await t.http
        .put(`/api/meetings/${icpc.id}/minutes`).set(await t.auth('CHAIR'))
        .send({ outcomes: [{ caseId: child.id, outcome: 'NO_CP_PLAN' }] })
        .expect(200);
      // Tue 19 Jan: first core group within 10 working days (2 Feb), first RCPC within 3 months (19 Apr).
      const fromRecord = (draft.body.nextMeetings as { type: string; dueBy: string }[]).map((n) => `${n.type} ${n.dueBy}`);
      expect(fromRecord).toEqual(['CORE_GROUP 2027-02-02', 'RCPC 2027-04-19']);
      expect(await nextDue(child.id)).toEqual(fromRecord);
      expect((await dueReport(child.id)).map((i) => i.type)).toEqual(['CORE_GROUP', 'RCPC']);

      const submitted = await submitRecord(icpc, 'NO_CP_PLAN');
      expect(submitted.nextMeetings).toEqual([]);
      expect(await nextDue(child.id)).toEqual([]);
      expect(await dueReport(child.id)).toEqual([]);
    });
  });

  describe('15. MARAC research is due the previous working day when the MARAC starts at or before 10:00', () => {
    it('a MARAC at 09:30 on Thursday has its research due by 10:00 on Wednesday; one at noon by 10:00 on the day', async () => {
      const victim = await aCase(t, { kind: 'ADULT_VICTIM' });
      const marac = (startsAt: string) =>
        book({ type: 'MARAC', caseIds: [victim.id], chairId: dir.people.chair.id, sessions: [aSession(startsAt, 180)], participants: [{ personId: dir.people.idva.id, role: 'IDVA' }] });
      expect((await marac('2027-01-14T09:30:00Z')).preReadDeadline).toBe('2027-01-13T10:00:00.000Z');
      expect((await marac('2027-01-28T10:00:00Z')).preReadDeadline).toBe('2027-01-27T10:00:00.000Z');
      expect((await marac('2027-02-11T12:00:00Z')).preReadDeadline).toBe('2027-02-11T10:00:00.000Z');
    });

    it('follows MEETING_RULES: earlyStart AT_START keeps the start', async () => {
      const local = await startTestApp({ MEETING_RULES: JSON.stringify({ MARAC: { preRead: { kind: 'LONDON_TIME_ON_DAY', time: '10:00', earlyStart: 'AT_START' } } }) }, { clock });
      try {
        const people = await seedDirectory(local);
        const victim = await aCase(local, { kind: 'ADULT_VICTIM' });
        const meeting = await post<MeetingBody>(local, '/api/meetings', aBooking({ type: 'MARAC', caseIds: [victim.id], chairId: people.people.chair.id, sessions: [aSession('2027-01-14T09:30:00Z', 180)] }));
        expect(meeting.preReadDeadline).toBe('2027-01-14T09:30:00.000Z');
      } finally {
        await local.close();
      }
    });
  });
});
