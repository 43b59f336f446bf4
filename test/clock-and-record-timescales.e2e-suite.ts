import { FixedClock } from '../src/time/clock';
import { aBooking, aCase, aSession, Directory, MeetingBody, post, seedDirectory } from './support/factories';
import { asChairOf, ChairRole, dueItemsOf, nextDueOf, submitRecord } from './support/records';
import { startTestApp, TestApp } from './support/test-app';

/*
 * Issue 18: the clock and the record as a conference chair and an IRO keep them — what falls due and when. The clock stands at Monday
 * 4 January 2027, 09:00 (UTC = London in winter); each test books its own case relative to it.
 */
describe('the clock and the record: what falls due and when', () => {
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
  const nextDue = (caseId: string) => nextDueOf(t, caseId);
  const dueReport = (caseId: string) => dueItemsOf(t, caseId);

  describe('1. ending a plan ends the cycle', () => {
    it('an RCPC that decides no plan leaves no next RCPC or core group in next-due, the due report or the record', async () => {
      const child = await aCase(t);
      const strategy = await book({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2027-01-05T10:00:00Z', 60)],
      });
      await submit(strategy, 'SECTION_47', { quorum: undefined }, 'SOCIAL_WORKER');
      const icpc = await book({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        relatedMeetingId: strategy.id,
        sessions: [aSession('2027-01-19T10:00:00Z', 90)],
        participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }],
      });
      await submit(icpc, 'CP_PLAN');
      const rcpc = await book({
        type: 'RCPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2027-04-13T10:00:00Z', 90)],
        participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }],
      });
      clock.set(new Date('2027-04-14T09:00:00Z'));
      // While the plan runs, the review makes the next review due within 6 months.
      expect(await nextDue(child.id)).toEqual(expect.arrayContaining(['RCPC 2027-10-13']));
      const record = await submit(rcpc, 'NO_CP_PLAN');
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
        type: 'LAC_REVIEW',
        caseIds: [child.id],
        chairId: dir.people.iro.id,
        sessions: [
          aSession('2027-01-06T15:00:00Z', 30, { label: 'IRO with the young person' }),
          aSession('2027-01-12T10:00:00Z', 90, { label: 'Review meeting' }),
        ],
        participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER', sessions: [1] }],
      });
      expect(review).toMatchObject({ heldOn: '2027-01-12', dueBy: '2027-01-07', withinTimescale: false });
      clock.set(new Date('2027-01-12T12:00:00Z'));
      const record = await submit(review, 'RECOMMENDATIONS', { childParticipation: 'PN1', quorum: undefined }, 'IRO');
      // Decisions 5 and record 20 working days after Tue 12 Jan; the second review 3 months after it.
      expect(record).toMatchObject({ decisionsDueOn: '2027-01-19', recordDueOn: '2027-02-09' });
      expect(record.nextMeetings).toEqual([expect.objectContaining({ type: 'LAC_REVIEW', dueBy: '2027-04-12' })]);
      expect(await nextDue(child.id)).toEqual(['LAC_REVIEW 2027-04-12']);
      const { body } = await t.http
        .get('/api/reports/meetings?from=2027-01-12&to=2027-01-12')
        .set(await t.auth('VIEWER'))
        .expect(200);
      expect(body.rows.find((r: { type: string }) => r.type === 'LAC_REVIEW')).toMatchObject({
        held: 1,
        withinTimescale: { count: 0, measured: 1, percent: 0 },
      });
    });
  });

  describe('8. a stale plan-start date does not come back', () => {
    it('a new ICPC that decides no plan is not followed by reviews counted from the case’s old plan start', async () => {
      const child = await aCase(t, { cpPlanStartedOn: '2025-06-02' });
      const strategy = await book({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2027-01-05T10:00:00Z', 60)],
      });
      const icpc = await book({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        relatedMeetingId: strategy.id,
        sessions: [aSession('2027-01-19T10:00:00Z', 90)],
        participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }],
      });
      clock.set(new Date('2027-01-20T09:00:00Z'));
      const record = await submit(icpc, 'NO_CP_PLAN');
      expect(record.nextMeetings).toEqual([]);
      expect(await nextDue(child.id)).toEqual([]);
      expect(await dueReport(child.id)).toEqual([]);
    });
  });

  describe('9. recording that no ICPC is needed stops the clock', () => {
    it('a discussion recording ICPC_NOT_REQUIRED after the s47 enquiry leaves no ICPC due, then or a year later', async () => {
      const child = await aCase(t);
      const sw = dir.people.socialWorker.id;
      const first = await book({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: sw,
        sessions: [aSession('2027-01-05T10:00:00Z', 60)],
      });
      clock.set(new Date('2027-01-05T12:00:00Z'));
      await submit(first, 'SECTION_47', { quorum: undefined }, 'SOCIAL_WORKER');
      // 15 working days after Tue 5 Jan: Tue 26 Jan.
      expect(await nextDue(child.id)).toEqual(['ICPC 2027-01-26']);
      const review = await book({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: sw,
        sessions: [aSession('2027-01-15T10:00:00Z', 60)],
      });
      clock.set(new Date('2027-01-15T12:00:00Z'));
      const record = await submit(review, 'ICPC_NOT_REQUIRED', { quorum: undefined }, 'SOCIAL_WORKER');
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
      await book({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: sw,
        sessions: [aSession('2027-01-05T10:00:00Z', 60)],
      });
      await book({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: sw,
        sessions: [aSession('2027-01-12T10:00:00Z', 60)],
      });
      const icpc = await book({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2027-01-28T10:00:00Z', 90)],
      });
      // From Tue 5 Jan: Tue 26 Jan, so an ICPC on 28 Jan is late (from 12 Jan it would have been due 2 Feb).
      expect(icpc).toMatchObject({ dueBy: '2027-01-26', withinTimescale: false });
      expect(icpc.dueBasis).toBe('15 working days after the strategy discussion on 2027-01-05');
    });
  });

  describe('14. outcomes count from submission, in the record as in next-due and the due report', () => {
    it('a draft that says no plan changes nothing yet; once submitted, the record, next-due and the due report agree', async () => {
      const child = await aCase(t);
      const strategy = await book({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2027-01-05T10:00:00Z', 60)],
      });
      const icpc = await book({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        relatedMeetingId: strategy.id,
        sessions: [aSession('2027-01-19T10:00:00Z', 90)],
        participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }],
      });
      clock.set(new Date('2027-01-20T09:00:00Z'));
      const draft = await t.http
        .put(`/api/meetings/${icpc.id}/minutes`)
        .set(await asChairOf(t, icpc))
        .send({ outcomes: [{ caseId: child.id, outcome: 'NO_CP_PLAN' }] })
        .expect(200);
      // Tue 19 Jan: first core group within 10 working days (2 Feb), first RCPC within 3 months (19 Apr).
      const fromRecord = (draft.body.nextMeetings as { type: string; dueBy: string }[]).map(
        (n) => `${n.type} ${n.dueBy}`,
      );
      expect(fromRecord).toEqual(['CORE_GROUP 2027-02-02', 'RCPC 2027-04-19']);
      expect(await nextDue(child.id)).toEqual(fromRecord);
      expect((await dueReport(child.id)).map((i) => i.type)).toEqual(['CORE_GROUP', 'RCPC']);

      const submitted = await submit(icpc, 'NO_CP_PLAN');
      expect(submitted.nextMeetings).toEqual([]);
      expect(await nextDue(child.id)).toEqual([]);
      expect(await dueReport(child.id)).toEqual([]);
    });
  });
});
