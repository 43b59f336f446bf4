import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simpleParser } from 'mailparser';
import { aBooking, aCase, aSession, MeetingBody, seedDirectory } from './support/factories';
import { calendarPart } from './support/mail';
import { eventually, spawnApp } from './support/processes';
import { startTestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';

/**
 * The README's first command as a user meets it: `npm start` with no SMTP_URL writes each message to
 * DATA_DIR/mail as an .eml file that a mail client (and ical.js) can open. The process is the real src/main.ts.
 */
const JWT_SECRET = 'npm-start-secret-npm-start-secret-npm!';
const HOUR = 3_600_000;

describe('npm start without SMTP_URL', () => {
  it('writes each invite as an .eml file in DATA_DIR/mail, one per person per session, that opens as an invite', async () => {
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'quorum-npm-start-'));
    const seeding = await startTestApp({ JWT_SECRET }, {}, { database });
    const dir = await seedDirectory(seeding);
    const child = await aCase(seeding);
    const auth = await seeding.auth('COORDINATOR');
    await seeding.close();

    const app = await spawnApp({
      DATABASE_URL: database.url,
      JWT_SECRET,
      DATA_DIR: dataDir,
      SCHEDULER_INTERVAL_MS: '200',
      SMTP_URL: '',
      MAIL_FROM: 'meetings@northshire.example',
    });
    try {
      // The spawned app runs on the real clock: book three weeks after its own today, on the hour.
      const startsAt = new Date(Math.ceil((Date.now() + 21 * 24 * HOUR) / HOUR) * HOUR);
      const body = aBooking({
        type: 'CORE_GROUP',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession(startsAt.toISOString(), 60)],
        participants: [
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.mother.id, role: 'PARENT' },
        ],
      });
      const response = await fetch(`${app.url}/api/meetings`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
      const meeting = (await response.json()) as MeetingBody;

      const mailDir = path.join(dataDir, 'mail');
      const files = () => {
        try {
          return readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
        } catch {
          return [];
        }
      };
      await eventually('three .eml files', () => Promise.resolve(files().length === 3), 30_000);
      const mails = await Promise.all(
        files().map(async (file) => {
          const raw = readFileSync(path.join(mailDir, file), 'utf8');
          return { envelopeTo: [], raw, parsed: await simpleParser(raw) };
        }),
      );
      const to = mails.map((m) => (Array.isArray(m.parsed.to) ? m.parsed.to[0] : m.parsed.to)!.value[0].address).sort();
      expect(to).toEqual([dir.people.mother.email, dir.people.police.email, dir.people.socialWorker.email].sort());
      for (const mail of mails) {
        expect(mail.raw).toMatch(/\r\n/); // as a relay would receive it (CRLF lines)
        expect(mail.parsed.subject).toMatch(/^Invitation: Core group/);
        const { invite, mimeMethod } = calendarPart(mail);
        expect(mimeMethod).toBe('REQUEST');
        expect(invite).toMatchObject({
          method: 'REQUEST',
          uid: expect.any(String),
          start: startsAt.toISOString(),
          organizer: 'mailto:meetings@northshire.example',
        });
        expect(invite.uid).toBe(mails.map((m) => calendarPart(m).invite.uid)[0]); // one part: one UID for all
        expect(invite.summary).not.toContain('Testparent');
      }
      const sent = await fetch(`${app.url}/api/meetings/${meeting.id}`, { headers: auth }).then(
        (r) => r.json() as Promise<MeetingBody>,
      );
      for (const p of sent.participants as unknown as { deliveries: { status: string }[] }[])
        expect(p.deliveries.map((d) => d.status)).toEqual(['SENT']);
    } finally {
      await app.kill('SIGTERM');
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
