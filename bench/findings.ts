/**
 * The reading of the figures. Every number and every claim of measurement below comes from this run's results (the
 * table's figures, /proc CPU, the captured SQL and its plans, the pg_stat_activity samples and the CPU profile of the
 * untimed diagnostic run). Analysis made once, by hand, lives in bench/one-off-analysis.md, which BENCHMARKS.md
 * includes under its own heading with its date and conditions; nothing here may restate it as this run's finding.
 */
import type { BookingResult } from './booking';
import { statementsLine, type StatementsSummary } from './pg-statements';
import type { DeliveryResult } from './delivery';
import type { PagesResult, ReportResult, SeedCounts, TickResult } from './scale';
import { fmt } from './support';

interface Results {
  machine?: { nproc: string };
  booking?: BookingResult;
  delivery?: DeliveryResult;
  scale?: { small: TickResult; big?: TickResult; seed?: SeedCounts[] };
  reports?: { small: ReportResult; big?: ReportResult };
  pages?: { small?: PagesFigures; big?: PagesFigures };
}

type PagesFigures = PagesResult;

/** Above this, a figure at 1M meetings is not "flat" against the same figure at 10k. */
export const FLAT_LIMIT = 1.3;
/** A ratio with two decimals, or three when two would round it onto the other side of the limit (1.3009 → "1.301"). */
export const ratioText = (ratio: number) => {
  const two = fmt(ratio, 2);
  return Number(two) <= FLAT_LIMIT === ratio <= FLAT_LIMIT ? two : fmt(ratio, 3);
};
export const flatness = (at10k: number, at1M: number) => {
  const ratio = at1M / at10k;
  return {
    ratio,
    flat: ratio <= FLAT_LIMIT,
    text: `1M/10k = ${ratioText(ratio)}: ${ratio <= FLAT_LIMIT ? 'flat' : `**not flat** (over ${FLAT_LIMIT})`}`,
  };
};

const pct = (x: number) => (x > 0 && x < 0.1 ? `${fmt(x * 100, 1)} %` : `${fmt(x * 100, 0)} %`);
const n = (x: number) => x.toLocaleString('en-GB');
const spread = (xs: number[]) =>
  xs.length > 1 ? `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}` : xs.length ? fmt(xs[0]) : 'n/a';

function booking(b: BookingResult, cores: string): string {
  const q = b.cpuQuorum;
  const raw = b.cpuRaw;
  const ratio = b.quorumRps / b.rawRps;
  const lines = [
    `1. **Booking: ${fmt(b.quorumRps)} req/s against ${fmt(b.rawRps)} tx/s for the raw script (${fmt(ratio, 2)}; target 0.5), p99 ${fmt(b.quorumP99, 0)} ms (target 2 × raw's ${fmt(b.rawP99, 0)} ms)${ratio >= 0.5 && b.quorumP99 <= 2 * b.rawP99 ? ' — met.' : ' — missed.'}**
   Runs of this bench: Quorum ${spread(b.runs.map((r) => r.quorumRps))} req/s, raw ${spread(b.runs.map((r) => r.rawRps))} tx/s.
   - *CPU per booking* (/proc, last timed run): the app ${fmt(q.appMs)} ms, PostgreSQL ${fmt(q.pgMs)} ms, autocannon ${fmt(q.benchMs)} ms; the raw
     script needs ${fmt(raw.pgMs)} ms of PostgreSQL and ${fmt(raw.benchMs)} ms of client. The machine was ${fmt(q.machineCores, 2)} of ${cores} cores busy during the
     Quorum run (app ${fmt(q.appCores, 2)}, PostgreSQL ${fmt(q.pgCores, 2)}, other processes ${fmt(q.otherCores, 2)}).
     ${cores} cores ÷ (app + PostgreSQL + load generator) per booking = ${fmt((Number(cores) * 1000) / (q.appMs + q.pgMs + q.benchMs))} bookings/s if the machine were saturated by this work alone.`,
  ];
  const d = b.diagnosis;
  if (d) {
    const a = d.activity;
    const p = d.profile;
    lines.push(`   - *What PostgreSQL's backends were doing* (\`pg_stat_activity\` polled every ${a.intervalMs} ms during an extra, untimed ${d.seconds} s booking load
     of a profiled app: ${n(a.polls)} polls, ${n(a.backendSamples)} backend samples, ${fmt(a.meanBackends, 1)} of the app's backends on average; that run made
     ${fmt(d.rps)} req/s with both observers running): ${a.byState
       .slice(0, 5)
       .map((s) => `${s.label} ${pct(s.share)}`)
       .join('; ')}.
     Statements seen active: ${a.activeStatements.map((s) => `${s.label} ${pct(s.share)}`).join(', ') || 'none'}.`);
    lines.push(`   - *Where the app's CPU went* (V8 sampling profiler in the same untimed run, started after a 2 s warm-up and stopped with
     the load: the main thread ${fmt(p.busyMs / 1000, 1)} s busy of ${fmt(p.wallMs / 1000, 1)} s; self time by package, "native" being C++ bindings such as socket
     writes, "V8 (program)" the VM outside JavaScript): ${p.byCategory.map((c) => `${c.name} ${pct(c.share)}`).join('; ')}.
     Functions with the most self time (package): ${p.topFunctions
       .slice(0, 6)
       .map((f) => `${f.name} ${pct(f.share)}`)
       .join('; ')}.`);
    const st = d.statements;
    if (st) {
      const top = (x: StatementsSummary) =>
        x.top
          .slice(0, 3)
          .map(
            (t) =>
              `\`${t.query.slice(0, 40)}…\` ${fmt(t.meanExecMs, 2)} ms + ${fmt(t.meanPlanMs, 2)} ms planning, planned ${pct(t.plans / Math.max(1, t.calls))} of its ${n(t.calls)} runs`,
          )
          .join('; ');
      lines.push(`   - *PostgreSQL's time per booking, statement by statement* (\`pg_stat_statements\` over the same untimed load, and over one
     of the raw script's after it): Quorum ${statementsLine(st.quorum)}; raw ${statementsLine(st.raw)}.
     Quorum's costliest: ${top(st.quorum)}. The raw script's: ${top(st.raw)}.`);
    }
  } else {
    lines.push(
      `   - The untimed diagnostic run (pg_stat_activity sampling, CPU profile) did not complete${b.diagnosisError ? `: ${b.diagnosisError}` : ''}; this run says nothing about where the time went.`,
    );
  }
  lines.push(`   - *What the target needs:* 0.5 of raw is ${fmt(0.5 / ratio, 1)}× this run's throughput. p99 follows from throughput (Little's law:
     16 clients ÷ ${fmt(b.quorumRps)} req/s ≈ ${fmt(16000 / b.quorumRps, 0)} ms mean, against ${fmt(16000 / b.rawRps, 0)} ms for the raw script).`);
  return lines.join('\n');
}

function delivery(d: DeliveryResult): string {
  const c = d.cpuDrain;
  const bare = d.cpuBare;
  const ratio = d.quorumRate / d.bareRate;
  const met = d.quorumRate >= 300 && ratio >= 0.7;
  const batches = Math.max(1, Math.ceil(d.drainHandled / 100));
  return `2. **Delivery: ${fmt(d.quorumRate)} msg/s against ${fmt(d.bareRate)} msg/s for the bare nodemailer loop (${fmt(ratio, 2)}; targets 300 msg/s and 0.7)${met ? ' — met.' : ' — missed.'}**
   Runs of this bench: drain ${spread(d.runs.map((r) => r.quorumRate))} msg/s, bare ${spread(d.runs.map((r) => r.bareRate))} msg/s.
   The first drain issued ${n(d.drainStatements)} SQL statements for ${n(d.drainHandled)} messages (${fmt(d.drainStatements / batches, 1)} per batch of 100; listed below).
   ${
     c && bare
       ? `CPU per message (/proc): ${fmt(c.benchMs, 2)} ms in Node for the drain (compose + send) and ${fmt(c.pgMs, 2)} ms in PostgreSQL, against ${fmt(bare.benchMs, 2)} ms
   for the bare loop (send only); during the drain the machine was ${fmt(c.machineCores, 2)} cores busy and the Node process ${fmt(c.benchCores, 2)} of a core.
   Bare CPU ÷ drain CPU per message = ${fmt(bare.benchMs / c.benchMs, 2)}.`
       : ''
   }`;
}

function feed(rep: ReportResult): string {
  return `3. **Personal feed (${rep.feedEvents} meetings): cold ${fmt(rep.feedColdMs)} ms, warm ${fmt(rep.feedMs)} ms; the same SQL through raw pg ${fmt(rep.feedRawMs)} ms.**
   Cold = the cache of rendered feeds emptied before each request (median of 10); warm = an unchanged feed polled again (median of 20);
   the very first request of the process took ${fmt(rep.feedFirstMs)} ms. Time outside the SQL: cold ${fmt(rep.feedColdMs - rep.feedRawMs)} ms, warm ${fmt(rep.feedMs - rep.feedRawMs)} ms
   (rendering, hashing, HTTP: this run does not profile the feed). ${rep.feedColdMs <= 50 && rep.feedMs <= 50 ? 'Both meet 50 ms.' : `${rep.feedMs <= 50 ? 'Warm meets 50 ms' : 'Warm misses 50 ms'}; ${rep.feedColdMs <= 50 ? 'cold meets it' : 'cold misses it'}.`}`;
}

const planNotes = (plans: { plan: string; seq: string[] }[]) => {
  const seq = [...new Set(plans.flatMap((p) => p.seq))];
  const disk = plans.some((p) => /Disk|temp (read|written)/.test(p.plan));
  return `${seq.length ? `seq scans on ${seq.map((s) => `\`${s}\``).join(', ')}` : 'no seq scans'}${disk ? '; spills to disk (temp buffers, external sorts)' : ''}`;
};

function scale(r: Results): string {
  const small = r.scale!.small;
  const big = r.scale!.big;
  const top = big ?? small;
  const seeds = r.scale?.seed ?? [];
  const seedLine = seeds
    .map(
      (s) =>
        `${n(s.meetings)} meetings: ${n(s.people)} people, ${n(s.participants)} participants, ${n(s.minutes)} minutes, ${n(s.documents)} documents, ${n(s.deliveries)} deliveries (seeded in ${fmt(s.seedMs / 1000)} s)`,
    )
    .join('; ');
  const lines = [
    `4. **Sweeps and the report.** Stored rows, counted after each seed stage: ${seedLine || 'not counted'}.
   At ${n(top.meetings)} meetings the deadline sweep takes ${fmt(top.sweepMs, 2)} ms a tick (target 10 ms; enqueued ${top.sweepEnqueued}, \`sweep()\` returned ${top.sweepReturned})
   and the delivery claim ${fmt(top.claimMs, 2)} ms (claimed ${top.claimed}).`,
  ];
  if (big) {
    const sweep = flatness(small.sweepMs, big.sweepMs);
    const claim = flatness(small.claimMs, big.claimMs);
    lines.push(
      `   At ${n(small.meetings)} they took ${fmt(small.sweepMs, 2)} and ${fmt(small.claimMs, 2)} ms: sweep ${sweep.text}; claim ${claim.text}.`,
    );
  } else lines.push('   Quick run: the 1M stage did not run, so nothing is said about flatness.');
  lines.push(
    `   Plans of the sweep at ${n(top.meetings)}: ${planNotes(top.sweepPlans)}; of the claim: ${planNotes(top.claimPlans)}.`,
  );
  const rs = r.reports?.small;
  const rb = r.reports?.big;
  const rep = rb ?? rs;
  if (rep) {
    lines.push(`   The yearly meetings report takes ${fmt(rep.reportMs)} ms at ${n(rep.meetings)} meetings (${n(rep.scopeMeetings)} of them in its year, ${n(rep.reportRows)} rows out; the same SQL through raw pg ${fmt(rep.reportRawMs)} ms)${rb && rs ? `, against ${fmt(rs.reportMs)} ms at ${n(rs.meetings)} (1M/10k = ${fmt(rb.reportMs / rs.reportMs, 1)})` : ''}${rb ? (rb.reportMs <= 500 ? ' — within 0.5 s' : ' — **over 0.5 s**') : ''}.
   Its plans: ${planNotes(rep.reportPlans)}.`);
  }
  const pages = [r.pages?.small, r.pages?.big].filter((p): p is PagesFigures => Boolean(p));
  if (pages.length)
    lines.push(
      `   Staff pages as a chair (bearer token), median of ${pages[0].runs} requests each: ${pages
        .map(
          (p) =>
            `at ${n(p.meetings)} meetings (the chair chairs ${n(p.chaired)}) "Your meetings" ${fmt(p.home.ms, 1)} ms (${n(p.home.bytes)} bytes; SQL ${fmt(p.home.sqlMs, 1)} ms in ${p.home.statements} statements), the meetings list ${fmt(p.list.ms, 1)} ms (${n(p.list.bytes)} bytes; SQL ${fmt(p.list.sqlMs, 1)} ms in ${p.list.statements} statements)`,
        )
        .join('; ')} (target 50 ms each).`,
    );
  return lines.join('\n');
}

export function findings(all: Record<string, unknown>, quick: boolean): string {
  const r = all as Results;
  const cores = r.machine?.nproc ?? '?';
  const out: string[] = [
    `## Findings (${quick ? 'quick' : 'full'} run; every figure below was measured by this run)`,
    `Everything — PostgreSQL, the Quorum process, the load generator, the SMTP sink and whatever else the box is doing — shares
the machine's ${cores} cores; "other processes" below is CPU that /proc attributes to none of the bench's processes.
Where a benchmark repeats, the spread of its runs is given next to the median.`,
  ];
  if (r.booking) out.push(booking(r.booking, cores));
  if (r.delivery) out.push(delivery(r.delivery));
  const rep = r.reports?.big ?? r.reports?.small;
  if (rep) out.push(feed(rep));
  if (r.scale) out.push(scale(r));
  return out.join('\n\n');
}
