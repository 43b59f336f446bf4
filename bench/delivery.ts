import { ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import nodemailer, { TransportOptions } from 'nodemailer';
import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { MeetingsService } from '../src/meetings/meetings.service';
import {
  captureQueries,
  cpuBetween,
  cpuSample,
  CpuSplit,
  fmt,
  log,
  median,
  Server,
  startInProcessApp,
  stopChild,
  timed,
} from './support';

export interface DeliveryResult {
  messages: number;
  quorumRate: number;
  bareRate: number;
  runs: { quorumRate: number; bareRate: number; sent: number; accepted: number }[];
  drainBreakdown: string;
  /** SQL statements the first drain issued, and the messages it handled. */
  drainStatements: number;
  drainHandled: number;
  /** CPU per message during the last drain and the last bare loop (bench = this process: the app, or the bare loop). */
  cpuDrain?: CpuSplit;
  cpuBare?: CpuSplit;
}

async function startSink(): Promise<{ child: ChildProcess; url: string; accepted(): Promise<number> }> {
  const child = fork(path.join(__dirname, 'smtp-sink.js'), [], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) =>
    child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
  );
  return {
    child,
    url: `smtp://127.0.0.1:${port}`,
    accepted: () =>
      new Promise((resolve) => {
        child.once('message', (m: { accepted: number }) => resolve(m.accepted));
        child.send('count');
      }),
  };
}

/** nodemailer's pooled SMTP transport with the very options MailTransport uses, 100 messages in flight. */
async function bareLoop(url: string, mail: Record<string, unknown>, count: number): Promise<number> {
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 4,
    maxMessages: 500,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ignoreTLS: true,
  } as TransportOptions);
  let next = 0;
  const { ms } = await timed(() =>
    Promise.all(
      Array.from({ length: 100 }, async () => {
        while (next < count) {
          const i = next++;
          await transport.sendMail({ ...mail, messageId: `<bare-${i}-${process.pid}@bench.localhost>` });
        }
      }),
    ),
  );
  transport.close();
  return (count / ms) * 1000;
}

export async function benchDelivery(server: Server, opts: { messages: number; runs: number }): Promise<DeliveryResult> {
  const sink = await startSink();
  const databaseUrl = await server.createDatabase('quorum_bench_delivery');
  const t = await startInProcessApp(databaseUrl, { SMTP_URL: sink.url });
  const db = t.dataSource;
  await db.query(
    `INSERT INTO people (name, email, kind) SELECT 'Delivery Person ' || g, 'person' || g || '@bench.example', 'PROFESSIONAL' FROM generate_series(1, 220) g`,
  );
  await db.query(
    `INSERT INTO cases (reference, kind, subject_initials) SELECT 'DLV-' || g, 'CHILD', 'C.D.' FROM generate_series(1, 50) g`,
  );
  const people: string[] = (await db.query(`SELECT id FROM people ORDER BY name`)).map((r: { id: string }) => r.id);
  const cases: string[] = (await db.query(`SELECT id FROM cases`)).map((r: { id: string }) => r.id);
  const meetings = t.app.get(MeetingsService);
  const worker = t.app.get(DeliveryWorker);
  let n = 0;
  const book = async () => {
    const i = n++;
    const base = Date.UTC(2027, 5, 1, 8) + i * 3 * 3_600_000;
    const iso = (x: number) => new Date(x).toISOString();
    await meetings.book('bench', {
      type: 'ICPC',
      format: 'VIRTUAL',
      caseIds: [cases[i % cases.length]],
      chairId: people[i % 20],
      allowOverlap: true,
      sessions: [0, 1].map((k) => ({
        label: `Part ${k + 1}`,
        startsAt: iso(base + k * 75 * 60_000),
        endsAt: iso(base + k * 75 * 60_000 + 3_600_000),
        join: { videoUrl: `https://video.example/${i}/${k}`, dialInNumber: '+44 20 7946 0000', accessCode: '482913' },
      })),
      participants: Array.from({ length: 10 }, (_, k) => ({
        personId: people[20 + ((i * 10 + k) % 200)],
        role: 'POLICE',
        reportRequired: false,
      })),
    } as never);
  };
  const runs: DeliveryResult['runs'] = [];
  let cpuDrain: CpuSplit | undefined;
  let cpuBare: CpuSplit | undefined;
  let rendered: Record<string, unknown> | null = null;
  let statements: { total: number; top: [string, number][] } = { total: 0, top: [] };
  let firstHandled = 0;
  for (let r = 0; r < opts.runs; r++) {
    const bookings = Math.ceil(opts.messages / 22);
    const { ms: bookMs } = await timed(() =>
      Promise.all(
        Array.from({ length: 8 }, async () => {
          while (n < (r + 1) * bookings) await book();
        }),
      ),
    );
    const pending = Number((await db.query(`SELECT count(*) AS n FROM deliveries WHERE status = 'PENDING'`))[0].n);
    const before = await sink.accepted();
    const port = new URL(databaseUrl).port;
    const c0 = cpuSample(null, port);
    const { ms, value: handled } = await timed(async () => {
      if (r > 0) return worker.drain();
      // First run only: also count the SQL statements the drain issues (the capture costs next to nothing).
      const captured = await captureQueries(() => worker.drain());
      const counts = new Map<string, number>();
      for (const q of captured.queries) {
        const key = q.sql.replace(/\s+/g, ' ').trim().slice(0, 70);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      statements = { total: captured.queries.length, top: [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12) };
      return captured.value;
    });
    const sent = Number((await db.query(`SELECT count(*) AS n FROM deliveries WHERE status = 'SENT'`))[0].n);
    const accepted = (await sink.accepted()) - before;
    const quorumRate = (handled / ms) * 1000;
    rendered ??= (await db.query(`SELECT rendered FROM deliveries WHERE rendered IS NOT NULL LIMIT 1`))[0].rendered;
    const c1 = cpuSample(null, port);
    const bareRate = await bareLoop(sink.url, rendered!, pending);
    const c2 = cpuSample(null, port);
    cpuDrain = cpuBetween(c0, c1, handled);
    cpuBare = cpuBetween(c1, c2, pending);
    log(
      `delivery run ${r + 1} CPU per message: drain ${fmt(cpuDrain.benchMs, 2)} ms in node + ${fmt(cpuDrain.pgMs, 2)} ms PostgreSQL (machine ${fmt(cpuDrain.machineCores, 2)} cores busy, other ${fmt(cpuDrain.otherCores, 2)}) | bare loop ${fmt(cpuBare.benchMs, 2)} ms in node (machine ${fmt(cpuBare.machineCores, 2)} busy)`,
    );
    runs.push({ quorumRate, bareRate, sent, accepted });
    if (r === 0) firstHandled = handled;
    log(
      `delivery run ${r + 1}: booked ${bookings} meetings (${pending} pending) in ${fmt(bookMs / 1000)} s; drain ${handled} in ${fmt(ms / 1000, 2)} s = ${fmt(quorumRate)} msg/s (SMTP accepted ${accepted}); bare nodemailer ${fmt(bareRate)} msg/s`,
    );
  }
  // What a drain issues: the statements of the first drain, counted from TypeORM's query runner.
  const perMessage = statements.total / Math.max(1, firstHandled);
  const drainBreakdown = `${statements.total} SQL statements for the first drain (${fmt(perMessage, 1)} per message); most frequent:\n${statements.top.map(([sql, n]) => `  ${n}× ${sql}`).join('\n')}`;
  log(`delivery: ${drainBreakdown}`);
  await t.close();
  await stopChild(sink.child);
  return {
    messages: opts.messages,
    quorumRate: median(runs.map((r) => r.quorumRate)),
    bareRate: median(runs.map((r) => r.bareRate)),
    runs,
    drainBreakdown,
    drainStatements: statements.total,
    drainHandled: firstHandled,
    cpuDrain,
    cpuBare,
  };
}
