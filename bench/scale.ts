import { StaffTokens } from '../src/auth/staff-tokens';
import { Client } from 'pg';
import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { DeadlineSweeper } from '../src/prereads/deadline-sweeper';
import { ReportsService } from '../src/reports/reports.service';
import {
  BENCH_CHAIR,
  casesSql,
  countsSql,
  dueSrc,
  FEED_PERSON,
  feedPersonSql,
  mid,
  peopleFor,
  peopleSql,
  pid,
  rangeSrc,
  seedStatements,
  SPACE,
  summariseNewMeetingsSql,
} from './seed';
import {
  captureQueries,
  CapturedQuery,
  explain,
  fmt,
  InProcessApp,
  log,
  median,
  seqScans,
  Server,
  startInProcessApp,
  timed,
} from './support';

const FEED_MEETINGS = 500;

async function seed(client: Client, statements: string[]): Promise<void> {
  await client.query(`SET session_replication_role = replica`); // bulk load: no FK triggers
  for (const sql of statements) await client.query(sql);
  await client.query(`SET session_replication_role = origin`);
}

async function seedRange(
  client: Client,
  filter: string,
  chunk: number,
  label: string,
  people: number,
  step = 1,
): Promise<void> {
  for (let a = 1; a <= SPACE; a += chunk) {
    const b = Math.min(SPACE, a + chunk - 1);
    const { ms } = await timed(() => seed(client, seedStatements(rangeSrc(a, b, filter, step), false, people)));
    if (chunk < SPACE) log(`${label}: g ${a}…${b} in ${fmt(ms / 1000)} s`);
  }
}

export interface TickResult {
  meetings: number;
  sweepMs: number;
  sweepEnqueued: number;
  sweepReturned: number;
  claimMs: number;
  claimed: number;
  sweepPlans: { sql: string; plan: string; seq: string[] }[];
  claimPlans: { sql: string; plan: string; seq: string[] }[];
}

export interface ReportResult {
  meetings: number;
  reportMs: number;
  reportRawMs: number;
  reportRows: number;
  /** Meetings whose London date is in the report's year (held, cancelled or still to come), counted by the bench. */
  scopeMeetings: number;
  /** Warm: the feed unchanged since the last request (served from PersonalFeeds' in-memory cache after the SQL). */
  feedMs: number;
  /** Cold: the cache emptied before each request, so the 500 events are rendered (median of 10). */
  feedColdMs: number;
  /** The very first request of the process for this feed. */
  feedFirstMs: number;
  feedRawMs: number;
  feedEvents: number;
  reportPlans: { sql: string; plan: string; seq: string[] }[];
  feedPlans: { sql: string; plan: string; seq: string[] }[];
}

const short = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 90);
// Statements that read or write data (the sweep's INSERT carries its advisory lock as a gate: it is kept; a bare lock
// or `SELECT 1` is not).
const isData = (q: CapturedQuery) =>
  /^\s*(WITH|SELECT|INSERT|UPDATE)/i.test(q.sql) && !/^\s*SELECT\s+(pg_try_advisory|1\b)/i.test(q.sql);

async function plansOf(client: Client, queries: CapturedQuery[]) {
  const out: { sql: string; plan: string; seq: string[] }[] = [];
  for (const q of queries.filter(isData)) {
    const plan = await explain(client, q);
    out.push({ sql: q.sql.replace(/\s+/g, ' ').trim(), plan, seq: seqScans(plan) });
  }
  return out;
}

/** The staff pages, median of `runs` requests each (ms as the client on loopback sees them). */
export interface PagesResult {
  meetings: number;
  /** Meetings the signed-in chair chairs. */
  chaired: number;
  runs: number;
  home: PageFigures;
  list: PageFigures;
}

/** One page: the median response, its size, and the SQL one request ran (each statement replayed through raw pg). */
export interface PageFigures {
  ms: number;
  bytes: number;
  sqlMs: number;
  statements: number;
}

/** What the seed holds at a stage, counted after it ran. */
export interface SeedCounts {
  meetings: number;
  people: number;
  participants: number;
  minutes: number;
  documents: number;
  deliveries: number;
  seedMs: number;
}

export class ScaleBench {
  private client!: Client;
  private t!: InProcessApp;
  meetings = 0;
  private people = 0;
  /** The rows at each stage (10k, then 1M), for the report. */
  readonly stages: SeedCounts[] = [];

  private async count(seedMs: number): Promise<SeedCounts> {
    const row = (await this.client.query(countsSql)).rows[0] as Record<string, string>;
    const counts = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as SeedCounts;
    counts.seedMs = seedMs;
    this.meetings = counts.meetings;
    this.stages.push(counts);
    log(
      `scale: ${counts.meetings} meetings, ${counts.people} people, ${counts.participants} participants, ${counts.minutes} minutes, ${counts.documents} documents, ${counts.deliveries} deliveries, seeded in ${fmt(seedMs / 1000)} s`,
    );
    return counts;
  }

  async setUp(server: Server): Promise<void> {
    const url = await server.createDatabase('quorum_bench_scale');
    this.t = await startInProcessApp(url);
    // The raw baselines run with the app's session settings (no JIT: src/database/database.module.ts).
    this.client = new Client({ connectionString: url, options: '-c jit=off' });
    await this.client.connect();
    const c = this.client;
    log('scale: seeding 10,000 meetings (every 100th of the million)');
    const { ms } = await timed(async () => {
      this.people = peopleFor(SPACE / 100);
      await c.query(peopleSql(0, this.people));
      await c.query(feedPersonSql);
      await c.query(casesSql);
      await seedRange(c, 'g % 100 = 0', SPACE, 'seed 10k', this.people, 100);
      await seed(c, seedStatements(dueSrc, true, this.people));
      await c.query(summariseNewMeetingsSql);
      // The feed person: a participant in 500 future meetings.
      await c.query(
        `INSERT INTO participants (meeting_id, person_id, role, session_ids, link_nonce, link_token_hash, link_expires_at)
         SELECT m.id, ${pid(String(FEED_PERSON))}, 'SOCIAL_WORKER', ARRAY[s.id], 'n', 'feed-' || m.id, m.ends_at + interval '28 days'
           FROM meetings m JOIN meeting_sessions s ON s.meeting_id = m.id
          WHERE m.starts_at > now() + interval '7 days' AND m.booked_by = 'seed' ORDER BY m.starts_at LIMIT ${FEED_MEETINGS}`,
      );
      await c.query(`VACUUM ANALYZE`);
    });
    await this.count(ms);
  }

  async growToMillion(): Promise<number> {
    log('scale: seeding up to 1,000,000 meetings (set-based, 100k a statement)');
    const { ms } = await timed(async () => {
      const people = peopleFor(SPACE);
      await this.client.query(peopleSql(this.people, people));
      this.people = people;
      await seedRange(this.client, 'g % 100 <> 0', 100_000, 'seed 1M', this.people);
      await this.client.query(summariseNewMeetingsSql);
      await this.client.query(`VACUUM ANALYZE`);
    });
    await this.count(ms);
    return ms;
  }

  async ticks(n: number): Promise<TickResult> {
    const sweeper = this.t.app.get(DeadlineSweeper);
    const worker = this.t.app.get<unknown, { claim(limit: number): Promise<unknown[]> }>(DeliveryWorker);
    const c = this.client;
    // What a tick wrote: the reminders and packs of the 100 due meetings (the seed gives them none). Not every
    // reminder and pack: that also deleted the seed's (millions at 1M, by a scan of every delivery before each tick).
    const sweepOutput = `FROM deliveries WHERE kind IN ('REMINDER','PACK')
      AND meeting_id IN (SELECT ${mid('g')} FROM generate_series(${SPACE + 1}, ${SPACE + 100}) g)`;
    const clearSweepOutput = () => c.query(`DELETE ${sweepOutput}`);
    // Warm once, then n timed ticks, each finding the same 100 due meetings (what the previous tick enqueued is removed untimed).
    await clearSweepOutput();
    await sweeper.sweep();
    const sweepTimes: number[] = [];
    let enqueued = 0;
    let sweepReturned = 0;
    for (let i = 0; i < n; i++) {
      await clearSweepOutput();
      const r = await timed(() => sweeper.sweep());
      sweepTimes.push(r.ms);
      // sweep() returns 0 for INSERTs (TypeORM's query() gives rows, not a count, for INSERT): count what it wrote.
      enqueued = Number((await c.query(`SELECT count(*) AS n ${sweepOutput}`)).rows[0].n);
      sweepReturned = r.value;
    }
    await clearSweepOutput();
    const sweepCapture = await captureQueries(() => sweeper.sweep());
    // The captured sweep wrote its rows: remove them before EXPLAIN ANALYZE replays the statements, so the plans are of
    // the path every timed tick took (rows inserted), not of ON CONFLICT DO NOTHING finding them all there already.
    await clearSweepOutput();
    const sweepPlans = await plansOf(c, sweepCapture.queries);
    await clearSweepOutput();
    const conflicted = sweepPlans.filter((p) => /Conflicting Tuples: [1-9]/.test(p.plan));
    if (conflicted.length)
      throw new Error(
        `a sweep plan shows the conflict path, not the insert path the ticks timed:\n${conflicted[0].plan}`,
      );

    const resetClaims = () =>
      c.query(`UPDATE deliveries SET status = 'PENDING', lease_until = NULL, attempts = 0 WHERE status = 'SENDING'`);
    await worker.claim(100);
    await resetClaims();
    const claimTimes: number[] = [];
    let claimed = 0;
    for (let i = 0; i < n; i++) {
      const r = await timed(() => worker.claim(100));
      claimTimes.push(r.ms);
      claimed = r.value.length;
      await resetClaims();
    }
    const claimCapture = await captureQueries(() => worker.claim(100));
    await resetClaims();
    const claimPlans = await plansOf(c, claimCapture.queries);
    await resetClaims();
    const result = {
      meetings: this.meetings,
      sweepMs: median(sweepTimes),
      sweepEnqueued: enqueued,
      sweepReturned,
      claimMs: median(claimTimes),
      claimed,
      sweepPlans,
      claimPlans,
    };
    log(
      `sweeps at ${this.meetings} meetings: deadline sweep ${fmt(result.sweepMs, 2)} ms (enqueued ${enqueued} rows; sweep() returned ${sweepReturned}), delivery claim ${fmt(result.claimMs, 2)} ms (claimed ${claimed}); seq scans: ${[...sweepPlans, ...claimPlans].flatMap((p) => p.seq).join(', ') || 'none'}`,
    );
    return result;
  }

  async reports(runs: number): Promise<ReportResult> {
    const reports = this.t.app.get(ReportsService);
    const now = new Date();
    const to = now.toISOString().slice(0, 10);
    const from = new Date(now.getTime() - 364 * 86_400_000).toISOString().slice(0, 10);
    const c = this.client;
    await reports.meetings(from, to); // warm
    const reportTimes: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const r = await timed(() => reports.meetings(from, to));
      reportTimes.push(r.ms);
      rows = r.value.rows.length;
    }
    const reportCapture = await captureQueries(() => reports.meetings(from, to));
    const raw = async (queries: CapturedQuery[]) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const r = await timed(async () => {
          for (const q of queries) await c.query(q.sql, q.params);
        });
        times.push(r.ms);
      }
      return median(times);
    };
    const reportRawMs = await raw(reportCapture.queries);
    const scopeMeetings = Number(
      (await c.query(`SELECT count(*) AS n FROM meetings WHERE held_on BETWEEN $1::date AND $2::date`, [from, to]))
        .rows[0].n,
    );
    const reportPlans = await plansOf(c, reportCapture.queries);

    // The personal feed, end to end over HTTP: token from GET /api/people/:id/feed, then GET /feeds/:token.ics.
    const personId = (await c.query(`SELECT ${pid(String(FEED_PERSON))} AS id`)).rows[0].id;
    // The feed's URL is the person's own key: since issue 16 only they (or a booker of their meetings) may read it.
    const ownToken = await this.t.app
      .get(StaffTokens)
      .issue({ roles: ['SOCIAL_WORKER'], id: personId, name: 'Feed Person', email: 'feed@bench.example' });
    const auth = { authorization: `Bearer ${ownToken}` };
    const feedUrl = (
      (await (await fetch(`${this.t.url}/api/people/${personId}/feed`, { headers: auth })).json()) as { url: string }
    ).url;
    const local = `${this.t.url}${new URL(feedUrl).pathname}`;
    let events = 0;
    const get = async () => {
      const response = await fetch(local);
      const body = await response.text();
      if (response.status !== 200) throw new Error(`feed → ${response.status}: ${body.slice(0, 200)}`);
      events = (body.match(/BEGIN:VEVENT/g) ?? []).length;
    };
    const { PersonalFeeds } = await import('../src/participant-links/personal-feeds');
    const feeds = this.t.app.get(PersonalFeeds);
    // PersonalFeeds keeps the last rendered body per person, keyed on a fingerprint of the rows it read: a poll of an
    // unchanged feed (warm) skips the rendering, the first request after a start or a change (cold) pays for it.
    // Cold: the in-memory cache emptied before each request (what the first poll after a change or a restart costs).
    const clearCache = () => (feeds as unknown as { cache: Map<string, unknown> }).cache.clear();
    const feedFirstMs = (await timed(get)).ms; // the very first request of this process for this feed (also JIT-cold)
    const feedColdTimes: number[] = [];
    for (let i = 0; i < Math.max(10, runs); i++) {
      clearCache();
      feedColdTimes.push((await timed(get)).ms);
    }
    await get();
    const feedTimes: number[] = [];
    for (let i = 0; i < Math.max(20, runs); i++) feedTimes.push((await timed(get)).ms);
    const token = new URL(feedUrl).pathname.replace(/^\/feeds\//, '').replace(/\.ics$/, '');
    const feedCapture = await captureQueries(() => feeds.render(token));
    const feedRawMs = await raw(feedCapture.queries);
    const feedPlans = await plansOf(c, feedCapture.queries);
    const result = {
      meetings: this.meetings,
      reportMs: median(reportTimes),
      reportRawMs,
      reportRows: rows,
      scopeMeetings,
      feedMs: median(feedTimes),
      feedColdMs: median(feedColdTimes),
      feedFirstMs,
      feedRawMs,
      feedEvents: events,
      reportPlans,
      feedPlans,
    };
    log(
      `reports at ${this.meetings} meetings: meetings report ${fmt(result.reportMs)} ms (raw SQL ${fmt(reportRawMs)} ms, ${rows} rows); feed of ${events} events: cold ${fmt(result.feedColdMs)} ms (first request ${fmt(feedFirstMs)} ms), warm ${fmt(result.feedMs)} ms (raw SQL ${fmt(feedRawMs)} ms)`,
    );
    return result;
  }

  /**
   * The staff pages as a chair signed in (bearer token: the guard takes one as it takes a session cookie): "Your
   * meetings" (`GET /`) and the meetings list (`GET /meetings`), each requested `runs` times after a warm-up; the time
   * is the whole response as the client sees it on loopback (the server's time plus a loopback round trip).
   */
  async pages(runs: number): Promise<PagesResult> {
    const c = this.client;
    const chair = (await c.query(`SELECT ${pid(String(BENCH_CHAIR))} AS id`)).rows[0].id as string;
    const chaired = Number(
      (await c.query(`SELECT count(*) AS n FROM meetings WHERE chair_id = $1`, [chair])).rows[0].n,
    );
    const token = await this.t.app.get(StaffTokens).issue({
      roles: ['CHAIR'],
      id: chair,
      name: `Seed Person ${BENCH_CHAIR}`,
      email: `seed${BENCH_CHAIR}@bench.example`,
    });
    const headers = { authorization: `Bearer ${token}`, accept: 'text/html' };
    const time = async (path: string) => {
      const get = async () => {
        const response = await fetch(`${this.t.url}${path}`, { headers });
        const body = await response.text();
        if (response.status !== 200) throw new Error(`GET ${path} → ${response.status}: ${body.slice(0, 300)}`);
        return body.length;
      };
      await get();
      await get(); // warm-up
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        const r = await timed(get);
        times.push(r.ms);
        bytes = r.value;
      }
      // The cause: the statements one request ran, each replayed through raw pg (median of 5), summed.
      const { queries } = await captureQueries(get);
      let sqlMs = 0;
      for (const q of queries) {
        const each: number[] = [];
        for (let i = 0; i < 5; i++) each.push((await timed(() => c.query(q.sql, q.params))).ms);
        sqlMs += median(each);
        if (process.env.BENCH_PAGE_STATEMENTS)
          log(`  ${path} ${fmt(median(each), 2)} ms  ${q.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
      return { ms: median(times), bytes, sqlMs, statements: queries.length };
    };
    const home = await time('/');
    const list = await time('/meetings');
    const result = {
      meetings: this.meetings,
      chaired,
      runs,
      home,
      list,
    };
    log(
      `staff pages at ${this.meetings} meetings, a chair of ${chaired}: "Your meetings" ${fmt(home.ms, 1)} ms (${home.bytes} bytes; SQL ${fmt(home.sqlMs, 1)} ms in ${home.statements} statements), meetings list ${fmt(list.ms, 1)} ms (${list.bytes} bytes; SQL ${fmt(list.sqlMs, 1)} ms in ${list.statements} statements)`,
    );
    return result;
  }

  async tearDown(): Promise<void> {
    await this.client.end();
    await this.t.close();
  }
}

export { short };
