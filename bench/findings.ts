/**
 * The reading of the figures, written for the current code (after the booking, outbox, delivery and feed fixes) and
 * filled in with this run's own measurements: BENCHMARKS.md includes it verbatim.
 */
import type { BookingResult } from './booking';
import type { DeliveryResult } from './delivery';
import type { ReportResult, TickResult } from './scale';
import { fmt } from './support';

interface Results {
  booking?: BookingResult;
  delivery?: DeliveryResult;
  scale?: { small: TickResult; big?: TickResult };
  reports?: { small: ReportResult; big?: ReportResult };
}

export function findings(all: Record<string, unknown>, quick: boolean): string {
  const r = all as Results;
  const b = r.booking;
  const d = r.delivery;
  const rep = r.reports?.big ?? r.reports?.small;
  const tick = r.scale?.big ?? r.scale?.small;
  const n = (x: number) => x.toLocaleString('en-GB');
  const out: string[] = [`## Findings (${quick ? 'quick' : 'full'} run; \`nproc\` = 2, and those 2 cores are shared by everything)`];

  out.push(`The machine has **2 cores shared by everything**: PostgreSQL, the Quorum process, the load generator (autocannon, or the
raw \`pg\` script), the SMTP sink and whatever else the box is doing (the "other processes" figures below measure that from /proc).
Absolute figures move by ±30 % between runs for that reason; the ratios, taken from runs that alternate on the same
database, are steadier.`);

  if (b) {
    const q = b.cpuQuorum;
    const raw = b.cpuRaw;
    out.push(`1. **Booking: ${fmt(b.quorumRps)} req/s against ${fmt(b.rawRps)} tx/s for the raw script (${fmt(b.quorumRps / b.rawRps, 2)}; target 0.5), p99 ${fmt(b.quorumP99, 0)} ms
   (target 50 ms)${b.quorumRps / b.rawRps >= 0.5 && b.quorumP99 <= 50 ? ' — met.' : ' — missed. The cause, measured:'}**
   - *It is CPU, not a query.* Sampling \`pg_stat_activity\` every 10 ms during the Quorum run finds the bench's backends
     almost always \`idle in transaction / ClientRead\` (waiting for Node to send the next statement), next to a
     few \`COMMIT\`s waiting on the WAL flush; no statement is slow. /proc says, per booking: the app **${fmt(q.appMs)} ms CPU**,
     PostgreSQL **${fmt(q.pgMs)} ms**, autocannon ${fmt(q.benchMs)} ms; the raw script needs ${fmt(raw.pgMs)} ms of PostgreSQL and
     ${fmt(raw.benchMs)} ms of client. During the Quorum run the machine was ${fmt(q.machineCores, 2)} of 2 cores busy
     (app ${fmt(q.appCores, 2)}, PostgreSQL ${fmt(q.pgCores, 2)}, other processes ${fmt(q.otherCores, 2)}): saturated, so throughput is
     2 cores ÷ CPU per booking.
   - *Where the app's CPU goes* (\`--cpu-prof\` of the app under this load, after the fixes below): ~27 % in the kernel's
     \`writev\` of the pg socket (15 statements a booking, each a round trip to a backend that then competes for the same 2
     cores), ~18 % TypeORM (query building for \`save()\`/\`find\`, entity hydration), ~15–18 % the HTTP pipeline
     (body-parser, helmet, the ValidationPipe's class-transformer/class-validator on a 10-participant body, pino-http,
     JSON of the 201), the rest luxon, pg protocol parsing, crypto for 11 link tokens, GC.
   - *Why PostgreSQL costs more than for the raw script:* 15 statements instead of 8 — the same inserts, plus the
     people and case look-ups, the per-chair advisory lock and the clash scan, keep-apart rules and the timescale
     history, each parsed and planned at bind (no prepared statements through TypeORM).
   - *Fixed in this round* (the req/s in brackets come from investigation runs made while a test suite shared the
     machine; the table above holds this run's figures): (a) the outbox's supersede UPDATE is skipped when the recipients were created in the same
     transaction (a booking, an added participant): nothing unsent can exist for them. It mattered more than its
     index suggests: on a \`deliveries\` table not yet analysed (fresh install, or growing faster than autovacuum), the
     planner guessed 0.5 % of rows \`PENDING\` and read *every* pending row through \`deliveries_due_idx\` for each of the
     22 pairs — 50–560 ms per booking measured with EXPLAIN ANALYZE during the load. Before the skip, the first
     booking run of a quick bench made 14–16 req/s and later runs 32–36 (once autovacuum had analysed the table); with it, 38–42.
     It still runs for reschedules, removals and cancellations, where the pairs can match. (b) participants and
     outbox rows are written with one \`INSERT … SELECT FROM unnest(…)\` each instead of TypeORM's builder
     (~17 % of the app's CPU went into building those two statements): a further 10–15 % (38–42 → 41–47 req/s in this round's runs).
     (c) two look-ups were made robust against stale statistics, which a booking database growing by hundreds of
     meetings a minute always has: the chair-clash check now starts from the sessions in the 12-hour window
     (\`meeting_sessions_time_idx\`) and probes each by key, and the case history starts from the case's own meetings.
     Left to itself the planner had hash-joined every scheduled meeting for both (read through a partial index it
     believed held ten rows), a cost that grew with the table. PostgreSQL's CPU per booking went from 12.9 ms to
     4.1 ms, and bookings from 134 to 219 req/s, in quick runs of this round.
   - *What it would take:* 0.5 of raw means ~3× less CPU per booking in Node and PostgreSQL together. The remaining
     levers are fewer round trips (one statement for meeting + cases + sessions, the look-ups folded into one),
     raw SQL instead of \`save()\`/\`find()\` on this path, and a cheaper request pipeline — or more cores: on 2 shared
     cores the app, its database and the load generator take turns. p99 follows from throughput (Little's law:
     16 clients ÷ ${fmt(b.quorumRps)} req/s ≈ ${fmt(16000 / b.quorumRps, 0)} ms mean)${b.rawP99 > 50 ? `; the raw script itself has p99 ${fmt(b.rawP99, 0)} ms here (commits with fsync on,
     16 at a time on 2 cores), so the 50 ms target is out of reach on this machine for anything that writes these rows` : ''}.`);
  }

  if (d) {
    const c = d.cpuDrain;
    const bare = d.cpuBare;
    const met = d.quorumRate >= 300 && d.quorumRate / d.bareRate >= 0.7;
    out.push(`2. **Delivery: ${fmt(d.quorumRate)} msg/s against ${fmt(d.bareRate)} msg/s for the bare nodemailer loop (${fmt(d.quorumRate / d.bareRate, 2)}; targets 300 msg/s
   and 0.7)${met ? ' — met.' : d.quorumRate / d.bareRate >= 0.7 ? ' — the ratio is met; the absolute rate is not, because the bare loop itself does not reach 300 msg/s on this machine in this run.' : ' — missed.'}**
   A drain now issues **4 SQL statements per batch of 100** (claim, load the claimed rows, one batched load of everything the
   invites need, one UPDATE marking the batch SENT) instead of 2 reads per message plus 2 UPDATEs per message.
   ${c && bare ? `CPU per message: ${fmt(c.benchMs, 2)} ms in Node for the drain (compose + send) and ${fmt(c.pgMs, 2)} ms in PostgreSQL, against ${fmt(bare.benchMs, 2)} ms for the bare loop (send only);
   the machine was only ${fmt(c.machineCores, 2)} of 2 cores busy during the drain, but the Node process ${fmt(c.benchCores, 2)} of a core: the drain
   is bound by Node's one thread, so the ratio is roughly bare CPU ÷ drain CPU per message (${fmt(bare.benchMs / c.benchMs, 2)}).` : ''}
   Fixed in this round: (a) \`InviteComposer.load\` answers all calls made in one turn of the event loop with one query
   (the worker composes its 100 at once), and (b) the \`.ics\` text is folded by \`ics-text.ts\` instead of ical-generator's
   \`foldLines\`, which ran \`new TextEncoder().encode()\` for every character: \`renderIcs\` went from 0.46 to 0.16 ms per
   invite; the output is identical (a property test compares it with ical-generator's for arbitrary text).
   Then (c) the London-time strings (luxon with a zone and a locale, made five or six times per message) are remembered
   by instant, since every participant of a session gets the same times, and (d) the worker runs two claim loops side by
   side (SKIP LOCKED keeps their batches apart), so one composes while the other waits on the relay and its closing
   UPDATE. Quick runs went from 0.64–0.69 of the bare loop to 0.73–0.79 with (c) and (d).
   What remains per message is composing it (two Handlebars templates, the .ics, MIME building by nodemailer), which the
   bare loop — sending one pre-rendered message over and over — does not do.`);
  }

  if (rep) {
    const met = rep.feedColdMs <= 50;
    out.push(`3. **Personal feed (500 meetings): cold ${fmt(rep.feedColdMs)} ms, warm ${fmt(rep.feedMs)} ms; the SQL alone ${fmt(rep.feedRawMs)} ms.** Cold is the first request after a
   start or after any change to one of the person's meetings (PersonalFeeds keeps the last body per person, keyed on a
   hash of the rows it read; median of 10 requests with the cache emptied before each; the very first request of the
   process, JIT-cold, took ${fmt(rep.feedFirstMs)} ms). Warm is every later poll of an unchanged feed: the SQL, the hash, the
   body from memory. ${met ? 'Both meet 50 ms.' : `Warm meets 50 ms; cold misses it.`} Rendering was ~100 ms of ical-generator's per-character
   \`TextEncoder\` in line folding (measured: 105 ms for 500 events, 0.4 ms of it building the events); with \`ics-text.ts\`
   the text is the same and cold went from ~250 ms to the figure above.${met ? '' : ` What is left above the SQL is building 500
   ical-generator event objects and their text, a luxon London date for each title (~0.02 ms each), the row hash and HTTP.
   Emitting the VEVENT text directly, or caching titles per session, would be next.`}`);
  }

  if (tick) {
    const small = r.scale?.small;
    const sweepMet = tick.sweepMs <= 20;
    out.push(`4. **Sweeps and the report.** At ${n(tick.meetings)} meetings the deadline sweep takes ${fmt(tick.sweepMs, 1)} ms a tick${sweepMet ? '' : ' (**over 20 ms**)'} and the
   delivery claim ${fmt(tick.claimMs, 1)} ms${r.scale?.big && small ? `, against ${fmt(small.sweepMs, 1)} and ${fmt(small.claimMs, 1)} ms at ${n(small.meetings)}: flat while the table grew 100×
   (index range scans on the big tables; the seq scans in the plans are on \`people\` and \`documents\`, which the bench keeps small)` : ' (quick run: 10,000 only)'}.
   ${sweepMet ? '' : `The SQL of a sweep is a few ms (EXPLAIN ANALYZE below); the rest of the tick is its transaction, the round trips and
   Node, on a host whose speed varies from hour to hour: compare the raw baselines in the table with those of other runs
   (the raw booking script made ${b ? fmt(b.rawRps) : '—'} tx/s in this run; the two full runs before it today made 587 and 681). `}The sweep now returns what it enqueued (${tick.sweepReturned} this run; it used to return 0).${rep ? `
   The yearly meetings report takes ${fmt(rep.reportMs)} ms at ${n(rep.meetings)} meetings (the same SQL through raw pg: ${fmt(rep.reportRawMs)} ms)${rep.reportMs > 1000 ? ' — **missed**' : ''}:
   it is linear in the meetings of the year (~100,000 at 1M), with a nested-loop probe per held meeting into sessions and
   participants and CTEs that spill to disk under the default \`work_mem\` (4 MB) — see the plan. Runs have measured it
   between 0.58 and 1.0 s at 1M on this machine, so the headroom is thin: a \`session_count\` column on meetings, or
   \`NOT MATERIALIZED\` CTEs and a larger \`work_mem\` for this one query, would widen it.` : ''}`);
  }

  out.push(`5. **To watch:** the supersede UPDATE of the outbox (reschedules, removals, cancellations) was once seen, on a
   \`deliveries\` table never analysed, reading every pending row through \`deliveries_due_idx\`. Checked again in this
   round on a never-analysed table of 66,000 deliveries, it used \`deliveries_pending_recipient_idx\` (22 pairs in 0.5 ms).
   It is no longer on the booking path; an \`ANALYZE deliveries\` after bulk loads keeps it that way.`);
  return out.join('\n\n');
}
