import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../src/database/embedded-postgres';
import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { Clock, SystemClock } from '../src/time/clock';
import { aCase, aSession, Directory, MeetingBody, post, seedDirectory, videoJoin } from './support/factories';
import { eventually, spawnApp, startPostgresProcess } from './support/processes';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';

/**
 * Issue #8's faults, for real: a relay that is not there, two instances on one database, a process killed with
 * SIGKILL in the middle of a burst of bookings, and the database server restarting under a running app.
 */

const HOUR = 3_600_000;
const JWT_SECRET = 'faults-secret-faults-secret-faults-secret';

/** A split ICPC: police and health in both parts, the mother in the first, the father in the second. */
function splitIcpc(dir: Directory, caseId: string, startsAt: Date, n = 1): Record<string, unknown> {
  const { people } = dir;
  const at = (hours: number) => new Date(startsAt.getTime() + hours * HOUR).toISOString();
  return {
    type: 'ICPC',
    format: 'VIRTUAL',
    caseIds: [caseId],
    chairId: people.chair.id,
    allowOverlap: true,
    sessions: [
      aSession(at(0), 90, { label: 'Professionals and mother', join: videoJoin(n) }),
      aSession(at(3), 60, { label: 'Professionals and father', join: videoJoin(n + 1) }),
    ],
    participants: [
      { personId: people.police.id, role: 'POLICE', reportRequired: true },
      { personId: people.healthVisitor.id, role: 'HEALTH_VISITOR', reportRequired: true },
      { personId: people.socialWorker.id, role: 'SOCIAL_WORKER', reportRequired: true },
      { personId: people.mother.id, role: 'PARENT', sessions: [0] },
      { personId: people.father.id, role: 'PARENT', sessions: [1] },
    ],
  };
}

/** Each message once: no Message-ID twice, and as many messages as the outbox says it sent. */
async function expectEachSentOnce(
  smtp: TestSmtpServer,
  db: { query: (sql: string) => Promise<unknown> },
): Promise<void> {
  const ids = smtp.messages.map((m) => m.parsed.messageId);
  expect(new Set(ids).size).toBe(ids.length);
  const [{ sent }] = (await db.query(`SELECT count(*)::int AS sent FROM deliveries WHERE status = 'SENT'`)) as {
    sent: number;
  }[];
  expect(smtp.messages).toHaveLength(sent);
}

/** A whole hour `days` after the clock's now: the test app's clock, or the real one for a spawned process. */
const daysFromNow = (days: number, clock: Clock = new SystemClock()) =>
  new Date(Math.ceil((clock.now().getTime() + days * 24 * HOUR) / HOUR) * HOUR);

describe('faults survived without loss', () => {
  it('keeps every invite while the relay cannot be reached, and sends each once when it comes back', async () => {
    const relayPort = await freePort(); // nothing listens here yet: connections are refused
    const t = await startTestApp({
      SMTP_URL: `smtp://127.0.0.1:${relayPort}`,
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_INTERVAL_MS: '100',
      DELIVERY_RETRY_BASE_MS: '100',
    });
    let smtp: TestSmtpServer | undefined;
    try {
      const dir = await seedDirectory(t);
      for (let i = 0; i < 3; i++)
        await post(t, '/api/meetings', splitIcpc(dir, (await aCase(t)).id, daysFromNow(20 + i, t.clock)));
      const [{ total }] = await t.dataSource.query(
        `SELECT count(*)::int AS total FROM deliveries WHERE status <> 'NO_EMAIL'`,
      );
      expect(total).toBe(3 * 10); // the chair, police, health and social worker in both parts; each parent in one

      // The scheduler keeps trying: every invite has failed at least twice and none is lost or given up.
      await eventually('every invite has been tried twice', async () => {
        const rows: { status: string; attempts: number }[] = await t.dataSource.query(
          `SELECT status, attempts FROM deliveries WHERE status <> 'NO_EMAIL'`,
        );
        return rows.every((d) => d.status === 'PENDING' && d.attempts >= 2);
      });

      smtp = await TestSmtpServer.start(relayPort);
      await eventually('every invite is sent', async () => {
        const [{ sent }] = await t.dataSource.query(
          `SELECT count(*)::int AS sent FROM deliveries WHERE status = 'SENT'`,
        );
        return sent === total;
      });
      await new Promise((resolve) => setTimeout(resolve, 500)); // more ticks: nothing more may go out
      expect(smtp.messages).toHaveLength(total);
      await expectEachSentOnce(smtp, t.dataSource);
    } finally {
      await t.close();
      await smtp?.close();
    }
  });

  it('runs two instances on one database without sending anything twice or sweeping twice', async () => {
    const smtp = await TestSmtpServer.start();
    const env = {
      SMTP_URL: smtp.url,
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_INTERVAL_MS: '100',
      REMINDER_HOURS: '72,24',
    };
    const a = await startTestApp(env);
    const b = await startTestApp(env, {}, { database: a.database });
    try {
      const dir = await seedDirectory(a);
      const cases = await Promise.all(Array.from({ length: 12 }, () => aCase(a)));
      // Pre-reads due in ~2 days: each sweeper finds the three professionals with a report due, on both instances.
      await Promise.all(
        cases.map((c, i) => post([a, b][i % 2], '/api/meetings', splitIcpc(dir, c.id, daysFromNow(4, a.clock), i))),
      );

      const expectedInvites = 12 * 10;
      const expectedReminders = 12 * 3;
      await eventually(
        'both instances have sent every invite and reminder',
        async () => {
          const [{ sent, other }] = await a.dataSource.query(
            `SELECT count(*) FILTER (WHERE status = 'SENT')::int AS sent, count(*) FILTER (WHERE status <> 'SENT')::int AS other FROM deliveries`,
          );
          return sent === expectedInvites + expectedReminders && other === 0;
        },
        30_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const reminders = await a.dataSource.query(
        `SELECT participant_id, count(*)::int AS n FROM deliveries WHERE kind = 'REMINDER' GROUP BY participant_id`,
      );
      expect(reminders).toHaveLength(expectedReminders);
      expect(reminders.every((r: { n: number }) => r.n === 1)).toBe(true);
      expect(smtp.messages).toHaveLength(expectedInvites + expectedReminders);
      await expectEachSentOnce(smtp, a.dataSource);
      const reminderMail = smtp.messages.filter((m) => /^Report due: ICPC/.test(m.parsed.subject ?? ''));
      expect(reminderMail).toHaveLength(expectedReminders);
    } finally {
      await b.close();
      await a.close();
      await smtp.close();
    }
  });

  it('loses nothing and half-writes nothing when killed in the middle of a burst of bookings', async () => {
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'quorum-killed-'));
    const seeding = await startTestApp({ JWT_SECRET }, {}, { database });
    const dir = await seedDirectory(seeding);
    const cases = await Promise.all(Array.from({ length: 60 }, () => aCase(seeding)));
    const auth = await seeding.auth('COORDINATOR');
    await seeding.close();

    const app = await spawnApp({
      DATABASE_URL: database.url,
      JWT_SECRET,
      DATA_DIR: dataDir,
      SCHEDULER_ENABLED: 'false',
      LOG_LEVEL: 'debug',
    });
    const answered: MeetingBody[] = [];
    const failed: string[] = [];
    let killing: Promise<void> | undefined;
    const queue = [...cases];
    const client = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          const response = await fetch(`${app.url}/api/meetings`, {
            method: 'POST',
            headers: { ...auth, 'Content-Type': 'application/json' },
            body: JSON.stringify(splitIcpc(dir, next.id, daysFromNow(30))),
          });
          if (response.status !== 201) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
          answered.push((await response.json()) as MeetingBody);
          if (answered.length === 15) killing = app.kill('SIGKILL');
        } catch (error) {
          failed.push((error as Error).message);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, client));
    await killing;
    const logs = app.output();

    const db = new Client({ connectionString: database.url });
    await db.connect();
    let restarted: TestApp | undefined;
    const smtp = await TestSmtpServer.start();
    try {
      // The kill landed mid-burst: some bookings were answered, the rest failed at the socket, none as an HTTP error.
      expect(answered.length).toBeGreaterThanOrEqual(15);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every((message) => !message.startsWith('HTTP'))).toBe(true);

      // Every meeting in the database is whole (a booking is one transaction), and every 201 is among them.
      const meetings: { id: string; sessions: number; participants: number; deliveries: number; audits: number }[] =
        await db
          .query(
            `SELECT m.id,
                  (SELECT count(*)::int FROM meeting_sessions s WHERE s.meeting_id = m.id) AS sessions,
                  (SELECT count(*)::int FROM participants p WHERE p.meeting_id = m.id) AS participants,
                  (SELECT count(*)::int FROM deliveries d WHERE d.meeting_id = m.id) AS deliveries,
                  (SELECT count(*)::int FROM audit_events a WHERE a.meeting_id = m.id) AS audits
             FROM meetings m`,
          )
          .then((r) => r.rows);
      const ids = new Set(meetings.map((m) => m.id));
      for (const body of answered) expect(ids.has(body.id)).toBe(true);
      const whole = meetings.find((m) => m.id === answered[0].id)!;
      expect(whole).toMatchObject({ sessions: 2, participants: 6, deliveries: 10 }); // the chair joins the five invited
      expect(whole.audits).toBeGreaterThan(0);
      for (const m of meetings) expect(m).toEqual({ ...whole, id: m.id });
      const { rows: orphans } = await db.query(
        `SELECT 'meeting_cases' AS t FROM meeting_cases mc LEFT JOIN meetings m ON m.id = mc.meeting_id WHERE m.id IS NULL
          UNION ALL SELECT 'deliveries' FROM deliveries d LEFT JOIN participants p ON p.id = d.participant_id WHERE p.id IS NULL`,
      );
      expect(orphans).toEqual([]);

      // A new instance on the same database sends every invite the killed one never sent, each once. The killed process
      // ran on the real clock (it is a real `node dist/main.js`), so its successor does too.
      restarted = await startTestApp({ JWT_SECRET, SMTP_URL: smtp.url }, { clock: new SystemClock() }, { database });
      await restarted.get<DeliveryWorker>(DeliveryWorker).drain();
      expect(smtp.messages).toHaveLength(meetings.length * 10);
      await expectEachSentOnce(smtp, restarted.dataSource);

      // What the process logged names nobody: no name, email address or phone number of anyone it handled.
      expect(logs).toMatch(/"route":"\/api\/meetings"/);
      for (const person of Object.values(dir.people)) {
        expect(logs).not.toContain(person.name);
        if (person.email) expect(logs).not.toContain(person.email);
      }
      for (const phone of ['+44 7700 900111', '+44 7700 900222', '7700 900111', '7700900111'])
        expect(logs).not.toContain(phone);
    } finally {
      await restarted?.close();
      await db.end();
      await smtp.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers /health 503 while the database is down, and recovers by itself when it is back', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'quorum-restart-pg-'));
    const options = {
      dataDir: path.join(folder, 'pg'),
      database: 'quorum',
      persistent: true,
      unsafeFast: true,
      port: await freePort(),
    };
    let server = await startPostgresProcess(options);
    const t = await startTestApp({}, {}, { database: { url: server.url, drop: () => Promise.resolve() } });
    try {
      await t.http.get('/health').expect(200);
      const dir = await seedDirectory(t);

      await server.stop();
      const down = await t.http.get('/health');
      expect(down.status).toBe(503);
      const refused = await t.http
        .post('/api/cases')
        .set(await t.auth('COORDINATOR'))
        .send({ reference: 'CR-DOWN', kind: 'CHILD' });
      expect(refused.status).toBe(503); // not the client's fault, and worth retrying
      expect(refused.headers['retry-after']).toBeDefined();
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);

      server = await startPostgresProcess(options);
      await eventually('health is 200 again', async () => (await t.http.get('/health')).status === 200, 30_000);
      // Not only the health check: a booking goes through on the same app, with no restart.
      const booked = await post<MeetingBody>(
        t,
        '/api/meetings',
        splitIcpc(dir, (await aCase(t)).id, daysFromNow(20, t.clock)),
      );
      expect(booked.status).toBe('SCHEDULED');
    } finally {
      await t.close();
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
