import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { simpleParser } from 'mailparser';
import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { DeadlineSweeper } from '../src/prereads/deadline-sweeper';
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
import { personalPathOf } from './support/links';
import { asChairOf, contentFor } from './support/records';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 17 §4: a copy of the database or of the mail folder opens nobody's personal page. */
describe('no working link at rest', () => {
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));

  /** Invites, an update, a reminder, a pack, the record and a cancellation: every kind of message with a link. */
  async function sendEverything(t: TestApp, dir: Directory): Promise<MeetingBody> {
    const child = await aCase(t);
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'CORE_GROUP',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        allowOverlap: true,
        sessions: [aSession('2026-11-25T10:00:00Z', 60)],
        participants: [
          { personId: dir.people.teacher.id, role: 'EDUCATION', reportRequired: true },
          { personId: dir.people.mother.id, role: 'PARENT' },
        ],
      }),
    );
    const worker = t.get<DeliveryWorker>(DeliveryWorker);
    const sweeper = t.get<DeadlineSweeper>(DeadlineSweeper);
    await worker.drain();
    await t.http
      .patch(`/api/meetings/${meeting.id}/sessions/${meeting.sessions[0].id}`)
      .set(await coordinatorOf(t, 'CORE_GROUP'))
      .send({ startsAt: '2026-11-25T10:30:00Z', endsAt: '2026-11-25T11:30:00Z' })
      .expect(200);
    await sweeper.sweep(); // the reminder to the teacher
    await worker.drain();
    clock.set(new Date('2026-11-26T09:00:00Z'));
    await sweeper.sweep(); // the packs
    await worker.drain();
    const p = (personId: string) => participantOf(meeting, personId).id;
    const record = {
      ...contentFor(meeting, 'PLAN_PROGRESSED'),
      sessions: [{ sessionId: meeting.sessions[0].id, method: 'IN_PERSON' }],
      attendance: [
        { participantId: p(dir.people.teacher.id), status: 'ATTENDED', joinedBy: 'IN_PERSON' },
        { participantId: p(dir.people.mother.id), status: 'ATTENDED', joinedBy: 'IN_PERSON' },
      ],
      summary: 'Plan progressing.',
      familySummary: 'The plan is going well.',
      planConsidered: true,
      decisions: [{ text: 'Plan continues', rationale: 'Progress' }],
      outcomes: [{ caseId: child.id, outcome: 'PLAN_PROGRESSED' }],
    };
    // The record is its chair's (issue 16): written and submitted by them, approved and sent by the service manager.
    const chair = await asChairOf(t, meeting, 'SOCIAL_WORKER');
    await t.http.put(`/api/meetings/${meeting.id}/minutes`).set(chair).send(record).expect(200);
    for (const step of ['submit', 'approve', 'distribute']) {
      const response = await t.http
        .post(`/api/meetings/${meeting.id}/minutes/${step}`)
        .set(step === 'submit' ? chair : await t.auth('ADMIN'));
      if (response.status !== 200) throw new Error(`${step}: ${JSON.stringify(response.body)}`);
    }
    await worker.drain();
    return meeting;
  }

  it('keeps placeholders in deliveries.rendered and the .eml files (0700/0600), and no token found there opens a page', async () => {
    clock.set(new Date('2026-11-23T09:00:00Z'));
    const t = await startTestApp({}, { clock }); // no SMTP_URL: messages are written to DATA_DIR/mail
    try {
      const dir = await seedDirectory(t);
      const meeting = await sendEverything(t, dir);
      const kinds = (await t.dataSource.query(`SELECT DISTINCT kind FROM deliveries WHERE rendered IS NOT NULL`))
        .map((r: { kind: string }) => r.kind)
        .sort();
      expect(kinds).toEqual(expect.arrayContaining(['INVITE', 'MINUTES', 'PACK', 'REMINDER', 'UPDATE']));

      const mailDir = path.join(t.config.dataDir, 'mail');
      expect(statSync(mailDir).mode & 0o777).toBe(0o700);
      const files = await fs.readdir(mailDir);
      expect(files.length).toBeGreaterThan(5);
      const mails: string[] = [];
      for (const file of files) {
        expect({ file, mode: statSync(path.join(mailDir, file)).mode & 0o777 }).toEqual({ file, mode: 0o600 });
        const raw = await fs.readFile(path.join(mailDir, file));
        const parsed = await simpleParser(raw);
        mails.push(
          raw.toString('utf8'),
          parsed.text ?? '',
          String(parsed.html),
          ...parsed.attachments.map((a) => a.content.toString('utf8').replace(/\r\n[ \t]/g, '')),
        );
      }
      const dump = JSON.stringify(await t.dataSource.query(`SELECT * FROM deliveries`)) + mails.join('\n');

      // Every participant's real token is absent, and every /p/… string found there opens nothing.
      for (const participant of meeting.participants) {
        const real = (await personalPathOf(t, participant.id)).slice(3);
        expect(dump.includes(real)).toBe(false);
      }
      const found = [...new Set([...dump.matchAll(/\/p\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]))];
      expect(found.length).toBeGreaterThan(0);
      for (const token of found)
        expect({ token, status: (await t.http.get(`/p/${token}`)).status }).toEqual({ token, status: 404 });
    } finally {
      await t.close();
    }
  });

  it('still hands the relay a working link in every message', async () => {
    clock.set(new Date('2026-11-23T09:00:00Z'));
    const smtp = await TestSmtpServer.start();
    const t = await startTestApp({ SMTP_URL: smtp.url }, { clock });
    try {
      const dir = await seedDirectory(t);
      await sendEverything(t, dir);
      clock.set(new Date('2026-11-26T09:00:00Z'));
      expect(smtp.messages.length).toBeGreaterThan(5);
      for (const message of smtp.messages) {
        const link = /https?:\/\/\S+?\/p\/[A-Za-z0-9_-]+/.exec(message.parsed.text ?? '')?.[0];
        expect({ subject: message.parsed.subject, link: Boolean(link) }).toEqual({
          subject: message.parsed.subject,
          link: true,
        });
        expect({ subject: message.parsed.subject, status: (await t.http.get(new URL(link!).pathname)).status }).toEqual(
          { subject: message.parsed.subject, status: 200 },
        );
      }
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
