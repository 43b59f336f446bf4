import { DeliveryWorker, MAX_ATTEMPTS } from '../src/deliveries/delivery-worker';
import { CP_CATEGORIES, MEETING_TYPES, meetingTypeRules } from '../src/meeting-types/meeting-types';
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

/**
 * Paths issue #15 found untested: every outcome of every type and the dissent field through the API, a delivery
 * that gives up after its last try, and MEETING_RULES end to end.
 */
const RULES = meetingTypeRules();
const HOUR = 3_600_000;

describe('the record takes every outcome of its type, and dissent', () => {
  let t: TestApp;
  let dir: Directory;
  const clock = new FixedClock(new Date('2027-02-01T09:00:00Z'));
  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    dir = await seedDirectory(t);
  });
  afterAll(() => t.close());

  const asChair = () => t.auth('CHAIR', { id: dir.people.chair.id });

  async function held(type: (typeof MEETING_TYPES)[number]): Promise<{ meeting: MeetingBody; caseId: string }> {
    const child = await aCase(t, { kind: RULES[type].caseKinds[0] });
    clock.set(new Date('2027-02-01T09:00:00Z'));
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type,
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2027-02-03T10:00:00Z', 60)],
      }),
    );
    clock.set(new Date('2027-02-03T12:00:00Z'));
    return { meeting, caseId: child.id };
  }

  it.each(MEETING_TYPES.map((type) => [type]))(
    '%s: each of its outcomes is kept, and another type’s is refused naming the field',
    async (type) => {
      const { meeting, caseId } = await held(type);
      for (const outcome of RULES[type].outcomes) {
        const category = RULES[type].outcomeNeedsCategory.includes(outcome) ? { category: CP_CATEGORIES[0] } : {};
        const saved = await t.http
          .put(`/api/meetings/${meeting.id}/minutes`)
          .set(await asChair())
          .send({ outcomes: [{ caseId, outcome, ...category }] })
          .expect(200);
        expect(saved.body.record.outcomes).toEqual([{ caseId, outcome, ...category }]);
      }
      const foreign = MEETING_TYPES.flatMap((other) => RULES[other].outcomes).find(
        (outcome) => !RULES[type].outcomes.includes(outcome),
      )!;
      const refused = await t.http
        .put(`/api/meetings/${meeting.id}/minutes`)
        .set(await asChair())
        .send({ outcomes: [{ caseId, outcome: foreign }] });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'outcomes[0].outcome' })]);
    },
  );

  it('a CP plan needs its category, named in the error', async () => {
    const { meeting, caseId } = await held('ICPC');
    const refused = await t.http
      .put(`/api/meetings/${meeting.id}/minutes`)
      .set(await asChair())
      .send({ outcomes: [{ caseId, outcome: 'CP_PLAN' }] });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('outcomes[0].category');
  });

  it('keeps a decision’s dissent and prints it on the record', async () => {
    const { meeting } = await held('ICPC');
    const decision = {
      text: 'A child protection plan under neglect',
      rationale: 'Repeated missed health appointments',
      dissent: 'Health disagreed: progress since October',
    };
    const saved = await t.http
      .put(`/api/meetings/${meeting.id}/minutes`)
      .set(await asChair())
      .send({ decisions: [decision] })
      .expect(200);
    expect(saved.body.record.decisions).toEqual([decision]);
    const printed = await t.http
      .get(`/api/meetings/${meeting.id}/minutes/record.html`)
      .set(await asChair())
      .expect(200);
    expect(printed.text).toContain('Dissent: Health disagreed: progress since October');
    const tooLong = await t.http
      .put(`/api/meetings/${meeting.id}/minutes`)
      .set(await asChair())
      .send({ decisions: [{ ...decision, dissent: 'x'.repeat(5001) }] })
      .expect(400);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'decisions[0].dissent' })]);
  });
});

describe('a delivery that the relay keeps refusing', () => {
  it('is tried MAX_ATTEMPTS times with growing waits, then shows FAILED with the relay’s reason on that participant only', async () => {
    const smtp = await TestSmtpServer.start();
    smtp.refuseRecipient('dc.patel@police.example');
    const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
    const t = await startTestApp({ SMTP_URL: smtp.url, DELIVERY_RETRY_BASE_MS: '60000' }, { clock });
    try {
      const dir = await seedDirectory(t);
      const child = await aCase(t);
      const meeting = await post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          type: 'CORE_GROUP',
          caseIds: [child.id],
          chairId: dir.people.socialWorker.id,
          sessions: [aSession('2026-12-10T10:00:00Z', 60)],
          participants: [
            { personId: dir.people.police.id, role: 'POLICE' },
            { personId: dir.people.teacher.id, role: 'SCHOOL' },
          ],
        }),
      );
      const worker = t.get<DeliveryWorker>(DeliveryWorker);
      const police = async () =>
        participantOf(
          (
            await t.http
              .get(`/api/meetings/${meeting.id}`)
              .set(await t.auth('COORDINATOR'))
              .expect(200)
          ).body,
          dir.people.police.id,
        ) as unknown as { deliveries: { status: string; attempts: number; lastError: string | null }[] };

      await worker.drain();
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
        expect((await police()).deliveries).toEqual([
          expect.objectContaining({ status: 'PENDING', attempts: attempt }),
        ]);
        await worker.drain(); // not due yet: the wait has not passed, so nothing is tried
        expect((await police()).deliveries[0].attempts).toBe(attempt);
        clock.advance(Math.min(60_000 * 2 ** (attempt - 1), HOUR));
        await worker.drain();
      }
      expect((await police()).deliveries).toEqual([
        expect.objectContaining({
          status: 'FAILED',
          attempts: MAX_ATTEMPTS,
          lastError: expect.stringContaining('550'),
        }),
      ]);
      clock.advance(24 * HOUR);
      await worker.drain();
      expect((await police()).deliveries[0].attempts).toBe(MAX_ATTEMPTS); // given up: never tried again
      const teacher = participantOf(
        (
          await t.http
            .get(`/api/meetings/${meeting.id}`)
            .set(await t.auth('COORDINATOR'))
            .expect(200)
        ).body,
        dir.people.teacher.id,
      ) as unknown as { deliveries: { status: string }[] };
      expect(teacher.deliveries).toEqual([expect.objectContaining({ status: 'SENT' })]);
      expect(smtp.messages.some((m) => m.envelopeTo.includes('dc.patel@police.example'))).toBe(false);
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});

describe('MEETING_RULES, the deployment’s own rules', () => {
  it('moves the pre-read deadline and the record’s due date of the type it names, and no other', async () => {
    const clock = new FixedClock(new Date('2027-03-01T09:00:00Z'));
    const rules = {
      CORE_GROUP: {
        preRead: { kind: 'WORKING_DAYS_BEFORE', days: 3, time: '12:00' },
        recordTimescale: { decisionsWorkingDays: 1, fullRecordWorkingDays: 2 },
      },
    };
    const t = await startTestApp({ MEETING_RULES: JSON.stringify(rules) }, { clock });
    try {
      const dir = await seedDirectory(t);
      const child = await aCase(t);
      // Thursday 11 March 2027: three working days before is Monday 8 March, at 12:00 London (GMT in March before the 28th).
      const core = await post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          type: 'CORE_GROUP',
          caseIds: [child.id],
          chairId: dir.people.socialWorker.id,
          sessions: [aSession('2027-03-11T10:00:00Z', 60)],
        }),
      );
      expect(core.preReadDeadline).toBe('2027-03-08T12:00:00.000Z');
      // CIN review keeps the default: 48 hours before.
      const cin = await post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          type: 'CIN_REVIEW',
          caseIds: [child.id],
          chairId: dir.people.socialWorker.id,
          allowOverlap: true,
          sessions: [aSession('2027-03-11T14:00:00Z', 60)],
        }),
      );
      expect(cin.preReadDeadline).toBe('2027-03-09T14:00:00.000Z');

      clock.set(new Date('2027-03-11T12:00:00Z'));
      const record = await t.http
        .put(`/api/meetings/${core.id}/minutes`)
        .set(await t.auth('SOCIAL_WORKER', { id: dir.people.socialWorker.id }))
        .send({ summary: 'Plan reviewed' })
        .expect(200);
      expect(record.body.recordDueOn).toBe('2027-03-15'); // two working days after Thursday 11 March
    } finally {
      await t.close();
    }
  });

  it('refuses to start on rules it cannot apply, saying which', async () => {
    await expect(
      startTestApp({ MEETING_RULES: JSON.stringify({ CORE_GROUP: { outcomes: ['ANY'] } }) }),
    ).rejects.toThrow(/MEETING_RULES: CORE_GROUP\.outcomes cannot be changed/);
    await expect(startTestApp({ MEETING_RULES: '{not json' })).rejects.toThrow(/MEETING_RULES must be JSON/);
  });
});
