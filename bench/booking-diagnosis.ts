/**
 * The booking load once more, untimed, to see where the time goes: a fresh app process profiled with V8's sampling
 * profiler (started after a warm-up, stopped when the load ends) while pg_stat_activity is sampled. Both observers
 * cost CPU, so this run's throughput is reported but is not the table's figure.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CpuProfile, ProfileSummary, summariseProfile } from './cpu-profile';
import { ActivitySummary, sampleActivity } from './pg-activity';
import { ChildApp, DIST, log, profilerCommand, startChildApp, waitForHealth } from './support';

export interface BookingDiagnosis {
  seconds: number;
  bookings: number;
  rps: number;
  activity: ActivitySummary;
  profile: ProfileSummary;
}

type Load = (app: ChildApp, seconds: number) => Promise<{ total: number; rps: number }>;

export async function diagnoseBooking(databaseUrl: string, load: Load, seconds: number): Promise<BookingDiagnosis> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-prof-'));
  const app = await startChildApp({ DATABASE_URL: databaseUrl }, { profiled: true });
  try {
    await waitForHealth(app.url, 120_000, app.child);
    await load(app, 2); // warm-up: JIT, pool connections
    const sampler = await sampleActivity(databaseUrl, 10);
    await profilerCommand(app.child, { type: 'profile:start', intervalUs: 1000 });
    const run = await load(app, seconds);
    const file = path.join(folder, 'booking.cpuprofile');
    await profilerCommand(app.child, { type: 'profile:stop', path: file });
    const activity = await sampler.stop();
    const profile = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, DIST);
    log(
      `booking diagnosis (${seconds} s, ${run.total} bookings, profiled and sampled): pg_stat_activity ${activity.byState.map((s) => `${s.label} ${(s.share * 100).toFixed(0)}%`).join('; ')} | CPU profile ${profile.byCategory.slice(0, 6).map((c) => `${c.name} ${(c.share * 100).toFixed(0)}%`).join('; ')}`,
    );
    return { seconds, bookings: run.total, rps: run.rps, activity, profile };
  } finally {
    await app.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
