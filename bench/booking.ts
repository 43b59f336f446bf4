import autocannon from 'autocannon';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { BookingDiagnosis, diagnoseBooking } from './booking-diagnosis';
import { StaffTokens } from '../src/auth/staff-tokens';
import {
  ChildApp,
  cpuBetween,
  JWT_SECRET,
  cpuSample,
  CpuSplit,
  explain,
  fmt,
  log,
  median,
  percentile,
  rssMb,
  Server,
  startChildApp,
  tokenFor,
  waitForHealth,
} from './support';

export interface BookingResult {
  quorumRps: number;
  quorumP99: number;
  quorumP50: number;
  rawRps: number;
  rawP99: number;
  rawP50: number;
  runs: { quorumRps: number; quorumP99: number; rawRps: number; rawP99: number; non2xx: number; errors: number }[];
  rssIdleMb: number;
  rssPeakMb: number;
  rssMedianMb: number;
  bookings: number;
  supersedePlan: string;
  /** CPU per booking of each process, and the machine's load, during the last Quorum run and the last raw run. */
  cpuQuorum: CpuSplit;
  cpuRaw: CpuSplit;
  /** One client alone, booking one meeting after another (the same body as the load). */
  singleP50: number;
  singleP99: number;
  singleBookings: number;
  /** A MARAC of 40 cases and 30 participants (one session), booked one after another by one client. */
  marac: { bookings: number; p50: number; max: number; statements?: number };
  /** The untimed profiled run: pg_stat_activity shares and CPU profile by package (see booking-diagnosis.ts). */
  diagnosis?: BookingDiagnosis;
  diagnosisError?: string;
}

const CONNECTIONS = 16;
const CHAIRS = 40;
const OTHERS = 200;
const CASES = 400;

interface Directory {
  chairs: string[];
  others: string[];
  cases: string[];
}

async function api(url: string, token: string, path: string, body: object): Promise<{ id: string }> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST ${path} → ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string };
}

export async function seedDirectory(url: string, token: string): Promise<Directory> {
  const agency = (await api(url, token, '/api/agencies', { name: 'Bench Council', kind: 'LOCAL_AUTHORITY' })).id;
  const person = (i: number, kind: string) =>
    api(url, token, '/api/people', {
      name: `Bench ${kind} ${i}`,
      email: `${kind.toLowerCase()}${i}@bench.example`,
      kind: 'PROFESSIONAL',
      agencyId: agency,
    });
  const chairs: string[] = [];
  const others: string[] = [];
  const cases: string[] = [];
  for (let i = 0; i < CHAIRS; i++) chairs.push((await person(i, 'CHAIR')).id);
  for (let i = 0; i < OTHERS; i++) others.push((await person(i, 'PRO')).id);
  for (let i = 0; i < CASES; i++)
    cases.push(
      (
        await api(url, token, '/api/cases', {
          reference: `BENCH-${process.pid}-${i}`,
          kind: 'CHILD',
          subjectInitials: 'A.B.',
        })
      ).id,
    );
  return { chairs, others, cases };
}

const ROLES = [
  'POLICE',
  'HEALTH',
  'EDUCATION',
  'SOCIAL_WORKER',
  'HOUSING',
  'PROBATION',
  'GP',
  'HEALTH_VISITOR',
  'SCHOOL_NURSE',
  'IDVA',
];
let slot = 0;
/** A distinct three-hour slot per booking (2027 onwards), so the chair-clash check runs and never refuses. */
function nextBooking(dir: Directory) {
  const n = slot++;
  const base = Date.UTC(2027, 0, 4, 8, 0) + n * 3 * 3_600_000;
  const chairId = dir.chairs[n % dir.chairs.length];
  const first = (n * 7) % dir.others.length;
  const participants = Array.from({ length: 10 }, (_, k) => ({
    personId: dir.others[(first + k) % dir.others.length],
    role: ROLES[k],
    reportRequired: k < 3,
  }));
  const iso = (t: number) => new Date(t).toISOString();
  return {
    chairId,
    caseId: dir.cases[n % dir.cases.length],
    participants,
    sessions: [
      { startsAt: iso(base), endsAt: iso(base + 3_600_000) },
      { startsAt: iso(base + 75 * 60_000), endsAt: iso(base + 120 * 60_000) },
    ],
  };
}

export function bookingBody(dir: Directory) {
  const b = nextBooking(dir);
  return {
    type: 'ICPC',
    format: 'VIRTUAL',
    caseIds: [b.caseId],
    chairId: b.chairId,
    sessions: b.sessions.map((s, i) => ({
      label: `Part ${i + 1}`,
      ...s,
      join: {
        videoUrl: `https://video.example/meet/${slot}-${i}`,
        dialInNumber: '+44 20 7946 0000',
        accessCode: '482913',
      },
    })),
    participants: b.participants,
  };
}

const MARAC_CASES = 40;
const MARAC_PARTICIPANTS = 30;

/** A MARAC coordinator's token (an administrator may not book a MARAC: it is a compartment). */
function coordinatorToken(): Promise<string> {
  return new StaffTokens(new TextEncoder().encode(JWT_SECRET)).issue({
    roles: ['MARAC_COORDINATOR'],
    name: 'Bench MARAC Coordinator',
  });
}

/** 40 adult victims' cases, then MARAC bookings of all of them with 30 participants, one at a time: each one's time. */
async function maracRun(url: string, token: string, dir: Directory, count: number): Promise<number[]> {
  const coordinator = await coordinatorToken();
  const victims: string[] = [];
  for (let i = 0; i < MARAC_CASES; i++)
    victims.push(
      (
        await api(url, token, '/api/cases', {
          reference: `BENCH-MARAC-${process.pid}-${i}`,
          kind: 'ADULT_VICTIM',
          subjectInitials: 'C.D.',
        })
      ).id,
    );
  const times: number[] = [];
  for (let n = 0; n < count; n++) {
    const base = Date.UTC(2031, 0, 6, 9, 0) + n * 3 * 3_600_000;
    const body = {
      type: 'MARAC',
      format: 'VIRTUAL',
      caseIds: victims,
      chairId: dir.chairs[n % dir.chairs.length],
      sessions: [
        {
          startsAt: new Date(base).toISOString(),
          endsAt: new Date(base + 180 * 60_000).toISOString(),
          join: { videoUrl: `https://video.example/marac/${n}` },
        },
      ],
      participants: Array.from({ length: MARAC_PARTICIPANTS }, (_, k) => ({
        personId: dir.others[(n * 31 + k) % dir.others.length],
        role: ROLES[k % ROLES.length],
        reportRequired: true,
      })),
    };
    const t = process.hrtime.bigint();
    await api(url, coordinator, '/api/meetings', body);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times;
}

export async function quorumRun(
  app: ChildApp,
  token: string,
  dir: Directory,
  seconds: number,
  rss: number[],
  connections = CONNECTIONS,
): Promise<{ rps: number; p99: number; p50: number; non2xx: number; errors: number; total: number }> {
  const sampler = setInterval(() => rss.push(rssMb(app.child.pid!)), 250);
  const result = await autocannon({
    url: app.url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/meetings',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify(bookingBody(dir)) }),
      },
    ],
  });
  clearInterval(sampler);
  const total = result.requests.total;
  return {
    rps: total / (result.duration || seconds),
    p99: result.latency.p99,
    p50: result.latency.p50,
    non2xx: result.non2xx,
    errors: result.errors,
    total,
  };
}

/** The same rows one booking writes (meeting, meeting_cases, 2 sessions, 11 participants, 22 deliveries, audit), one transaction each. */
async function rawBooking(pool: Pool, dir: Directory): Promise<void> {
  const b = nextBooking(dir);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const start = new Date(b.sessions[0].startsAt);
    const end = new Date(b.sessions[1].endsAt);
    const [{ id: meetingId }] = (
      await client.query(
        `INSERT INTO meetings (type, status, format, chair_id, sequence, starts_at, ends_at, held_on, pre_read_deadline, booked_by)
         VALUES ('ICPC','SCHEDULED','VIRTUAL',$1,0,$2,$3,$4::date,$5,'bench') RETURNING id`,
        [b.chairId, start, end, b.sessions[0].startsAt.slice(0, 10), new Date(start.getTime() - 48 * 3_600_000)],
      )
    ).rows;
    await client.query(`INSERT INTO meeting_cases (meeting_id, case_id, position) VALUES ($1, $2, 0)`, [
      meetingId,
      b.caseId,
    ]);
    const sessions = (
      await client.query(
        `INSERT INTO meeting_sessions (meeting_id, position, label, starts_at, ends_at, video_url, dial_in_number, access_code, ical_uid)
         VALUES ($1,0,'Part 1',$2,$3,'https://video.example/a','+44 20 7946 0000','482913',$6), ($1,1,'Part 2',$4,$5,'https://video.example/b','+44 20 7946 0000','482913',$7)
         RETURNING id`,
        [
          meetingId,
          b.sessions[0].startsAt,
          b.sessions[0].endsAt,
          b.sessions[1].startsAt,
          b.sessions[1].endsAt,
          `${randomUUID()}@bench`,
          `${randomUUID()}@bench`,
        ],
      )
    ).rows.map((r: { id: string }) => r.id);
    const people = [
      { personId: b.chairId, role: 'CHAIR', isChair: true, reportRequired: false },
      ...b.participants.map((p) => ({ ...p, isChair: false })),
    ];
    const ids = people.map(() => randomUUID());
    const expires = new Date(end.getTime() + 28 * 24 * 3_600_000);
    await client.query(
      `INSERT INTO participants (id, meeting_id, person_id, role, is_chair, session_ids, report_required, link_nonce, link_token_hash, link_expires_at)
       SELECT u.id, $1, u.person_id, u.role, u.is_chair, $2::uuid[], u.report_required, u.nonce, u.hash, $3
         FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::bool[], $8::bool[], $9::text[], $10::text[]) AS u(id, person_id, role, is_chair, report_required, nonce, hash)`,
      [
        meetingId,
        sessions,
        expires,
        ids,
        people.map((p) => p.personId),
        people.map((p) => p.role),
        people.map((p) => p.isChair),
        people.map((p) => p.reportRequired),
        people.map(() => randomBytes(16).toString('base64url')),
        people.map(() => createHash('sha256').update(randomBytes(32)).digest('hex')),
      ],
    );
    await client.query(
      `INSERT INTO deliveries (meeting_id, participant_id, session_id, kind, sequence, status, next_attempt_at)
       SELECT $1, p, s, 'INVITE', 0, 'PENDING', now() FROM unnest($2::uuid[]) p CROSS JOIN unnest($3::uuid[]) s`,
      [meetingId, ids, sessions],
    );
    await client.query(
      `INSERT INTO audit_events (actor, action, entity, entity_id, meeting_id, changes) VALUES ('bench','meeting.booked','meeting',$1,$1,$2)`,
      [meetingId, JSON.stringify({ type: 'ICPC', caseIds: [b.caseId], sessionIds: sessions, participantIds: ids })],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function rawRun(
  pool: Pool,
  dir: Directory,
  seconds: number,
): Promise<{ rps: number; p99: number; p50: number; total: number }> {
  const latencies: number[] = [];
  const start = Date.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        const t = process.hrtime.bigint();
        await rawBooking(pool, dir);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const elapsed = (Date.now() - start) / 1000;
  return {
    rps: latencies.length / elapsed,
    p99: percentile(latencies, 99),
    p50: percentile(latencies, 50),
    total: latencies.length,
  };
}

export async function benchBooking(server: Server, opts: { runs: number; seconds: number }): Promise<BookingResult> {
  slot = 0;
  const databaseUrl = await server.createDatabase('quorum_bench_booking');
  const app = await startChildApp({ DATABASE_URL: databaseUrl });
  await waitForHealth(app.url, 120_000, app.child);
  const token = await tokenFor();
  log('booking: seeding the directory through the API');
  const dir = await seedDirectory(app.url, token);
  // One booking by hand first: the request shape must be right (201), or the load figures mean nothing.
  await api(app.url, token, '/api/meetings', bookingBody(dir));
  const pool = new Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  // Warm-up both paths (JIT, plans, pool connections).
  await quorumRun(app, token, dir, 2, []);
  await rawRun(pool, dir, 2);
  const rssIdle = rssMb(app.child.pid!);
  const rss: number[] = [];
  const runs: BookingResult['runs'] = [];
  const port = new URL(databaseUrl).port;
  let cpuQuorum!: CpuSplit;
  let cpuRaw!: CpuSplit;
  for (let i = 0; i < opts.runs; i++) {
    const c0 = cpuSample(app.child.pid!, port);
    const q = await quorumRun(app, token, dir, opts.seconds, rss);
    const c1 = cpuSample(app.child.pid!, port);
    const r = await rawRun(pool, dir, opts.seconds);
    const c2 = cpuSample(app.child.pid!, port);
    cpuQuorum = cpuBetween(c0, c1, q.total);
    cpuRaw = cpuBetween(c1, c2, r.total);
    log(
      `booking run ${i + 1} CPU per booking: Quorum app ${fmt(cpuQuorum.appMs)} ms + PostgreSQL ${fmt(cpuQuorum.pgMs)} ms + autocannon ${fmt(cpuQuorum.benchMs)} ms (machine ${fmt(cpuQuorum.machineCores, 2)} of 2 cores busy, ${fmt(cpuQuorum.otherCores, 2)} by other processes) | raw PostgreSQL ${fmt(cpuRaw.pgMs)} ms + pg client ${fmt(cpuRaw.benchMs)} ms (machine ${fmt(cpuRaw.machineCores, 2)} busy, other ${fmt(cpuRaw.otherCores, 2)})`,
    );
    runs.push({ quorumRps: q.rps, quorumP99: q.p99, rawRps: r.rps, rawP99: r.p99, non2xx: q.non2xx, errors: q.errors });
    log(
      `booking run ${i + 1}: Quorum ${fmt(q.rps)} req/s p50 ${q.p50} ms p99 ${q.p99} ms (non-2xx ${q.non2xx}, errors ${q.errors}) | raw pg ${fmt(r.rps)} tx/s p50 ${fmt(r.p50)} ms p99 ${fmt(r.p99)} ms`,
    );
    (runs[i] as Record<string, number>).quorumP50 = q.p50;
    (runs[i] as Record<string, number>).rawP50 = r.p50;
  }
  // One client alone: the latency of a booking when nothing queues (target: p50 ≤ 10 ms).
  const single = await quorumRun(app, token, dir, opts.seconds, [], 1);
  log(`booking, one client: ${single.total} bookings, p50 ${single.p50} ms p99 ${single.p99} ms`);
  // A MARAC of 40 cases and 30 participants, one client (target: ≤ 100 ms); the first two warm its path up.
  const maracTimes = (await maracRun(app.url, token, dir, 22)).slice(2);
  const marac = { bookings: maracTimes.length, p50: median(maracTimes), max: Math.max(...maracTimes) };
  log(
    `booking, MARAC 40 cases × 30 participants: p50 ${fmt(marac.p50)} ms, slowest ${fmt(marac.max)} ms of ${marac.bookings}`,
  );
  // The outbox's "supersede an older unsent calendar message" UPDATE: one statement per outbox write (a booking's 22 pairs
  // together), served by deliveries_pending_recipient_idx. Its plan on the grown table, for 22 pending pairs.
  const pairs = (
    await pool.query(`SELECT participant_id, session_id FROM deliveries WHERE status = 'PENDING' LIMIT 22`)
  ).rows as { participant_id: string; session_id: string }[];
  const supersedePlan = await explain(pool, {
    sql: `UPDATE deliveries d SET status = 'SUPERSEDED', updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[]) AS pair(participant_id, session_id)
        WHERE d.participant_id = pair.participant_id AND d.session_id = pair.session_id
          AND d.status = 'PENDING' AND d.kind = ANY($3)
        RETURNING d.participant_id, d.session_id, d.kind`,
    params: [
      pairs.map((p) => p.participant_id),
      pairs.map((p) => p.session_id),
      ['INVITE', 'UPDATE', 'CANCEL', 'UNINVITE'],
    ],
  });
  const bookings = Number((await pool.query(`SELECT count(*) AS n FROM meetings`)).rows[0].n);
  await pool.end();
  await app.stop();
  let diagnosis: BookingDiagnosis | undefined;
  let diagnosisError: string | undefined;
  try {
    diagnosis = await diagnoseBooking(
      databaseUrl,
      (a, seconds) => quorumRun(a, token, dir, seconds, []),
      async (seconds) => {
        const fresh = new Pool({ connectionString: databaseUrl, max: CONNECTIONS });
        try {
          return await rawRun(fresh, dir, seconds);
        } finally {
          await fresh.end();
        }
      },
      opts.seconds,
    );
  } catch (error) {
    diagnosisError = (error as Error).message;
    log(`booking diagnosis failed: ${diagnosisError}`);
  }
  const pick = (k: string) => runs.map((r) => (r as Record<string, number>)[k]);
  return {
    quorumRps: median(pick('quorumRps')),
    quorumP99: median(pick('quorumP99')),
    quorumP50: median(pick('quorumP50')),
    rawRps: median(pick('rawRps')),
    rawP99: median(pick('rawP99')),
    rawP50: median(pick('rawP50')),
    runs,
    singleP50: single.p50,
    singleP99: single.p99,
    singleBookings: single.total,
    marac,
    rssIdleMb: rssIdle,
    rssPeakMb: Math.max(...rss.filter(Number.isFinite)),
    rssMedianMb: median(rss.filter(Number.isFinite)),
    bookings,
    supersedePlan,
    cpuQuorum,
    cpuRaw,
    diagnosis,
    diagnosisError,
  };
}
