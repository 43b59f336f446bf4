/**
 * The booking load once more, untimed, to see where the time goes: a fresh app process profiled with V8's sampling
 * profiler (started after a warm-up, stopped when the load ends) while pg_stat_activity is sampled and, where the
 * server has it, pg_stat_statements counts each statement's execution and planning; then the raw script's load under
 * pg_stat_statements too, for the same figures of the baseline. The observers cost CPU, so this run's throughput is
 * reported but is not the table's figure.
 */
import { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CpuProfile, ProfileSummary, summariseProfile } from './cpu-profile';
import { ActivitySummary, sampleActivity } from './pg-activity';
import { statementsLine, StatementsSummary, trackStatements } from './pg-statements';
import { ChildApp, DIST, log, startChildApp, waitForHealth } from './support';

export interface BookingDiagnosis {
  seconds: number;
  bookings: number;
  rps: number;
  activity: ActivitySummary;
  profile: ProfileSummary;
  /** PostgreSQL's time per booking by statement (pg_stat_statements), for Quorum and for the raw script; null without the module. */
  statements: { quorum: StatementsSummary; raw: StatementsSummary } | null;
}

/** Sends a profiler command to the `profiled` child and waits for its answer (or its exit, or a minute). */
function profilerCommand(
  child: ChildProcess,
  message: { type: 'profile:start'; intervalUs?: number } | { type: 'profile:stop'; path: string },
): Promise<void> {
  const expected = message.type === 'profile:start' ? 'profile:started' : 'profile:written';
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (m: { type: string; message?: string }) => {
      if (m.type === expected) done();
      else if (m.type === 'profile:error') done(new Error(m.message));
    };
    const onExit = (code: number | null) =>
      done(new Error(`the profiled app exited (${code}) before answering ${message.type}`));
    const timer = setTimeout(() => done(new Error(`no answer to ${message.type} within 60 s`)), 60_000);
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message);
  });
}

type Load = (app: ChildApp, seconds: number) => Promise<{ total: number; rps: number }>;
/** The raw script's load on connections of its own, opened after the call (so they are tracked). */
type RawLoad = (seconds: number) => Promise<{ total: number }>;

export async function diagnoseBooking(
  databaseUrl: string,
  load: Load,
  rawLoad: RawLoad,
  seconds: number,
): Promise<BookingDiagnosis> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-prof-'));
  // Before the app starts: tracking applies to the sessions opened after it.
  const tracker = await trackStatements(databaseUrl);
  const app = await startChildApp({ DATABASE_URL: databaseUrl }, { profiled: true });
  try {
    await waitForHealth(app.url, 120_000, app.child);
    await load(app, 2); // warm-up: JIT, pool connections
    await tracker?.reset();
    const sampler = await sampleActivity(databaseUrl, 10);
    await profilerCommand(app.child, { type: 'profile:start', intervalUs: 1000 });
    const run = await load(app, seconds);
    const file = path.join(folder, 'booking.cpuprofile');
    await profilerCommand(app.child, { type: 'profile:stop', path: file });
    const activity = await sampler.stop();
    const quorumStatements = await tracker?.read(run.total);
    // BENCH_KEEP_PROFILE=file keeps the profile for a closer look (Chrome DevTools, or a script over its call tree).
    if (process.env.BENCH_KEEP_PROFILE) copyFileSync(file, process.env.BENCH_KEEP_PROFILE);
    const profile = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, DIST);
    log(
      `booking diagnosis (${seconds} s, ${run.total} bookings, profiled and sampled): pg_stat_activity ${activity.byState.map((s) => `${s.label} ${(s.share * 100).toFixed(0)}%`).join('; ')} | CPU profile ${profile.byCategory
        .slice(0, 6)
        .map((c) => `${c.name} ${(c.share * 100).toFixed(0)}%`)
        .join('; ')}`,
    );
    let statements: BookingDiagnosis['statements'] = null;
    if (tracker && quorumStatements) {
      await app.stop();
      await rawLoad(2); // warm-up
      await tracker.reset();
      const raw = await rawLoad(seconds);
      statements = { quorum: quorumStatements, raw: await tracker.read(raw.total) };
      log(
        `booking diagnosis, PostgreSQL per booking (pg_stat_statements): Quorum ${statementsLine(statements.quorum)} | raw ${statementsLine(statements.raw)}`,
      );
    }
    return { seconds, bookings: run.total, rps: run.rps, activity, profile, statements };
  } finally {
    await app.stop();
    await tracker?.end();
    rmSync(folder, { recursive: true, force: true });
  }
}
