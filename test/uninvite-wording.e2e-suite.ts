import { DeliveryWorker } from '../src/deliveries/delivery-worker';
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
import { calendarPart } from './support/mail';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

/*
 * Issue 18, item 13: an exclusion or a removal says what it is. "Cancelled: ICPC …" reads to a parent as the
 * conference being called off; the calendar part stays a CANCEL of that person's copy.
 */
describe('13. a removal or an exclusion says what it is', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let dir: Directory;
  const clock = new FixedClock(new Date('2027-01-04T09:00:00Z'));

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({ SMTP_URL: smtp.url }, { clock });
    dir = await seedDirectory(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('an excluded parent and a removed professional are told they are no longer invited, not that the conference is cancelled', async () => {
    const child = await aCase(t);
    const icpc = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2027-01-14T10:00:00Z', 120)],
        participants: [
          { personId: dir.people.mother.id, role: 'PARENT' },
          { personId: dir.people.teacher.id, role: 'EDUCATION' },
        ],
      }),
    );
    const worker = t.get<DeliveryWorker>(DeliveryWorker);
    await worker.drain();
    smtp.clear();

    const chair = await t.auth('CHAIR', { id: dir.people.chair.id }); // the conference's chair excludes
    await t.http
      .post(`/api/meetings/${icpc.id}/exclusions`)
      .set(chair)
      .send({
        participantId: participantOf(icpc, dir.people.mother.id).id,
        sessionId: icpc.sessions[0].id,
        reason: 'Police intelligence to be shared',
      })
      .expect(201);
    await t.http
      .delete(`/api/meetings/${icpc.id}/participants/${participantOf(icpc, dir.people.teacher.id).id}`)
      .set(await t.auth('COORDINATOR'))
      .expect(200);
    await worker.drain();

    expect(smtp.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(
      [dir.people.teacher.email, dir.people.mother.email].sort(),
    );
    for (const mail of smtp.messages) {
      expect(mail.parsed.subject).toMatch(/^You are no longer invited to ICPC – /);
      expect(mail.parsed.subject).not.toMatch(/Cancelled/);
      expect(mail.parsed.text).toContain(
        'YOU ARE NO LONGER INVITED TO THIS SESSION OF THE MEETING. The meeting itself is not cancelled.',
      );
      const { mimeMethod, invite } = calendarPart(mail);
      expect(mimeMethod).toBe('CANCEL');
      expect(invite).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: expect.any(String) });
      expect(invite.description).toContain(
        'you are no longer invited to this session. The meeting itself is not cancelled',
      );
    }
  });
});
