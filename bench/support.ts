import 'reflect-metadata';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Pool } from 'pg';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { freePort, RunningDatabase, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { StaffTokens } from '../src/auth/staff-tokens';

export const ROOT = path.resolve(__dirname, '..');
export const DIST = path.join(__dirname, '.dist');
export const JWT_SECRET = 'bench-secret-bench-secret-bench-secret!';

export const log = (...args: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

// ——— statistics ———
export const median = (xs: number[]) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
export const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: ms(start), value };
}
export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

// ——— the PostgreSQL server ———
export interface Server {
  adminUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<string>;
}

/** TEST_DATABASE_URL / DATABASE_URL when set, otherwise an embedded PostgreSQL (durable settings, like `npm start`). */
export async function startServer(): Promise<Server> {
  let adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let running: RunningDatabase | undefined;
  let folder = '';
  if (!adminUrl) {
    folder = mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-pg-'));
    running = await startEmbeddedPostgres({
      dataDir: path.join(folder, 'pg'),
      database: 'postgres',
      persistent: false,
      // Loaded with tracking off: the booking diagnosis turns it on for its own untimed loads (bench/pg-statements.ts).
      settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'none' },
    });
    adminUrl = running.url;
  }
  const base = adminUrl;
  return {
    adminUrl: base,
    embedded: Boolean(running),
    stop: async () => {
      await running?.stop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
    createDatabase: async (name: string) => {
      const admin = new Client({ connectionString: base });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(base);
      url.pathname = `/${name}`;
      return url.toString();
    },
  };
}

// ——— the application, in this process ———
export interface InProcessApp {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  url: string;
  token: string;
  close(): Promise<void>;
}

export async function startInProcessApp(databaseUrl: string, env: Record<string, string> = {}): Promise<InProcessApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-data-'));
  const config: AppConfig = {
    ...loadConfig({
      LOG_LEVEL: 'silent',
      SCHEDULER_ENABLED: 'false',
      DATA_DIR: dataDir,
      JWT_SECRET,
      LINK_RATE_LIMIT_PER_MINUTE: '100000',
      ...env,
    }),
    databaseUrl,
  };
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const token = await app.get(StaffTokens).issue({ roles: ['ADMIN'], name: 'Bench Admin' });
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    url: `http://127.0.0.1:${address.port}`,
    token,
    close: () => app.close(),
  };
}

// ——— the compiled application (for start-up, and for the booking load in its own process) ———
/** `npm run build` into bench/.dist (tsc emits even if someone's in-progress edit has a type error). */
export function buildDist(): { ms: number; ok: boolean; output: string } {
  const start = process.hrtime.bigint();
  const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
  const result = spawnSync(tsc, ['-p', 'tsconfig.build.json', '--outDir', DIST], { cwd: ROOT, encoding: 'utf8' });
  const ok = existsSync(path.join(DIST, 'main.js'));
  return { ms: ms(start), ok, output: `${result.stdout}${result.stderr}`.trim() };
}

export async function waitForHealth(url: string, timeoutMs = 120_000, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`no 200 from ${url}/health within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface ChildApp {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  stop(): Promise<void>;
}

/** `node bench/.dist/main.js` — what `npm start` runs — with the given environment. */
export async function startChildApp(env: Record<string, string>, opts: { profiled?: boolean } = {}): Promise<ChildApp> {
  const port = await freePort();
  let stderr = '';
  // profiled: the app preloads cpu-profile-hook.js and takes profiler commands over an IPC channel (booking-diagnosis.ts).
  const nodeArgs = opts.profiled ? ['--require', path.join(__dirname, 'cpu-profile-hook.js')] : [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(DIST, 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      JWT_SECRET,
      SCHEDULER_ENABLED: 'false',
      LINK_RATE_LIMIT_PER_MINUTE: '100000',
      ...env,
    },
    stdio: opts.profiled ? ['ignore', 'ignore', 'pipe', 'ipc'] : ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  return { child, url, stderr: () => stderr, stop: () => stopChild(child) };
}

export function stopChild(child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN');
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** A local token for the staff API, signed with the bench's JWT_SECRET (as `npm run token` would). */
export function tokenFor(secret = JWT_SECRET): Promise<string> {
  return new StaffTokens(new TextEncoder().encode(secret)).issue({ roles: ['ADMIN'], name: 'Bench Admin' });
}

// ——— capturing the SQL the app runs, for EXPLAIN and for raw baselines ———
export interface CapturedQuery {
  sql: string;
  params: unknown[];
}
let capturing: CapturedQuery[] | null = null;
let patched = false;
/**
 * Every statement the app sends while `fn` runs, as pg's Client is asked for it: TypeORM's queries and the app's
 * named prepared statements (src/database/prepared.ts) alike. Nothing else may use pg meanwhile.
 */
export async function captureQueries<T>(fn: () => Promise<T>): Promise<{ value: T; queries: CapturedQuery[] }> {
  if (!patched) {
    patched = true;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the client as `this`
    const original = Client.prototype.query as (...a: unknown[]) => unknown;
    (Client.prototype as { query: unknown }).query = function (
      this: Client,
      query: string | { text: string; values?: unknown[] },
      ...rest: unknown[]
    ) {
      if (typeof query === 'string') capturing?.push({ sql: query, params: Array.isArray(rest[0]) ? rest[0] : [] });
      else capturing?.push({ sql: query.text, params: query.values ?? [] });
      return original.call(this, query, ...rest);
    };
  }
  capturing = [];
  try {
    const value = await fn();
    return { value, queries: capturing };
  } finally {
    capturing = null;
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of a statement, inside a transaction that is rolled back (INSERT/UPDATE change nothing). */
export async function explain(pool: Pool | Client, q: CapturedQuery): Promise<string> {
  const client = pool instanceof Pool ? await pool.connect() : pool;
  try {
    await client.query('BEGIN');
    const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.sql}`, q.params);
    await client.query('ROLLBACK');
    return result.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    return `EXPLAIN failed: ${(error as Error).message}`;
  } finally {
    if (pool instanceof Pool) (client as unknown as { release(): void }).release();
  }
}

/** Does a plan read any of these tables with a sequential scan? */
export function seqScans(plan: string): string[] {
  return [...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]);
}

// ——— where the CPU goes (Linux /proc; clock ticks of 10 ms) ———
export interface CpuSample {
  at: number;
  /** The Quorum child process. */
  app: number;
  /** The bench's PostgreSQL: the postmaster listening on its port and every child of it. */
  pg: number;
  /** This process: the load generator (autocannon) or the raw pg baseline. */
  bench: number;
  /** Every CPU of the machine, busy and in total. */
  machineBusy: number;
  machineTotal: number;
}

const TICK_MS = 10;
function statOf(pid: string): { ppid: string; ticks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: f[1], ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

/**
 * PostgreSQL's CPU is summed per process every 200 ms while a port is tracked: backends come and go (pools close idle
 * connections), so only each live process's growth is counted; one that exits loses at most its last 200 ms.
 */
const pgTracker = {
  port: '',
  postmaster: '',
  seen: new Map<string, number>(),
  total: 0,
  timer: null as NodeJS.Timeout | null,
};
function postmasterOf(port: string): string {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (/postgres$/.test(cmd[0]) && cmd.includes('-p') && cmd[cmd.indexOf('-p') + 1] === port) return pid;
    } catch {
      /* gone */
    }
  }
  return '';
}
function trackPg(first: boolean): void {
  const { postmaster, seen } = pgTracker;
  if (!postmaster) return;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    const s = statOf(pid);
    if (!s || (pid !== postmaster && s.ppid !== postmaster)) continue;
    const last = seen.get(pid);
    if (last === undefined && first) seen.set(pid, s.ticks);
    else {
      pgTracker.total += s.ticks - (last ?? 0);
      seen.set(pid, s.ticks);
    }
  }
}

export function cpuSample(appPid: number | null, pgPort: string): CpuSample {
  if (pgTracker.port !== pgPort) {
    if (pgTracker.timer) clearInterval(pgTracker.timer);
    Object.assign(pgTracker, { port: pgPort, postmaster: postmasterOf(pgPort), seen: new Map(), total: 0 });
    trackPg(true);
    pgTracker.timer = setInterval(() => trackPg(false), 200);
    pgTracker.timer.unref();
  } else trackPg(false);
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = fields.slice(0, 8).map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  return {
    at: Date.now(),
    app: appPid ? (statOf(String(appPid))?.ticks ?? 0) : 0,
    pg: pgTracker.total,
    bench: statOf(String(process.pid))?.ticks ?? 0,
    machineBusy: total - n[3] - n[4],
    machineTotal: total,
  };
}

/** Stops the PostgreSQL sampling (at the end of a benchmark). */
export function stopCpuTracking(): void {
  if (pgTracker.timer) clearInterval(pgTracker.timer);
  pgTracker.timer = null;
  pgTracker.port = '';
}

/** CPU milliseconds per operation of each party between two samples, and how busy the whole machine was (in cores). */
export function cpuBetween(a: CpuSample, b: CpuSample, operations: number) {
  const per = (x: number) => (x * TICK_MS) / Math.max(1, operations);
  const seconds = (b.at - a.at) / 1000;
  const cores = (ticks: number) => (ticks * TICK_MS) / 1000 / seconds;
  const app = b.app - a.app;
  const pg = b.pg - a.pg;
  const bench = b.bench - a.bench;
  const busy = b.machineBusy - a.machineBusy;
  return {
    appMs: per(app),
    pgMs: per(pg),
    benchMs: per(bench),
    appCores: cores(app),
    pgCores: cores(pg),
    benchCores: cores(bench),
    machineCores: cores(busy),
    otherCores: cores(busy - app - pg - bench),
  };
}
export type CpuSplit = ReturnType<typeof cpuBetween>;
