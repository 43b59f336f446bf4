/** Hand-written reading of the figures of the last full run (2 cores); BENCHMARKS.md includes it verbatim. */
export const FINDINGS = `## Findings (full run of 2026-11-23, 2 cores)

**Met:** start-up (first run 4.5 s with initdb, later runs 1.3–2.1 s; 140 MB RSS idle), the deadline sweep
(16 ms a tick at 1M, flat against 15 ms at 10k; the SQL itself is ~3 ms, the rest is the transaction and its round trips),
the delivery claim (10 ms, flat; index range scans on \`deliveries_due_idx\` / \`deliveries_lease_idx\`), and the yearly report
(0.94 s at 1M — met, but with no headroom: see 4).

1. **Booking — missed badly, and it gets slower with every booking (16 → 3 → 1.6 req/s over three runs, p99 1.3 → 7 s).**
   \`Outbox.enqueue\` (src/deliveries/outbox.ts) runs, for *each* calendar delivery (22 per booking), 
   \`UPDATE deliveries SET status = 'SUPERSEDED' … WHERE participant_id = $1 AND session_id = $2 AND status = 'PENDING' AND kind = ANY($3)\`.
   No index has \`participant_id\` first (\`deliveries_meeting_idx\` is \`(meeting_id, participant_id)\`), so PostgreSQL reads **every
   PENDING delivery** through \`deliveries_due_idx\` (plan below: 98,031 rows removed by filter, 36–55 ms, ×22 per booking). Any backlog
   (load faster than the worker, an SMTP outage, \`SCHEDULER_INTERVAL_MS\` of a minute) makes each booking O(backlog).
   Fix: \`CREATE INDEX … ON deliveries (participant_id, session_id) WHERE status = 'PENDING'\` in a new migration, and skip the
   supersede UPDATE entirely in \`book()\` (its participants are brand new) or do it once per command with \`= ANY\` arrays.
   The what-if row (index added to the bench database only) shows the slide stops: 45 req/s, flat, p99 ≈ 450 ms.
2. **Booking with the index is still 0.11 of raw SQL.** Per request the app still makes dozens of round trips in one transaction
   (22 single-row supersede UPDATEs, people/cases loads, the chair-clash query per session, keep-apart, timescales, inserts) and then
   re-reads the whole meeting (\`MeetingsService.view\`: 5 queries incl. all deliveries) for the 201; on 2 cores the Node process is
   CPU-bound next to PostgreSQL and the load generator. Batch the outbox (one INSERT, no per-row UPDATE on booking), build the 201
   from the rows just written, and profile the validation pipe/class-transformer for a 10-participant body.
   Also note \`refuseChairClash\` reads every past participation of the chair (\`participants_person_idx\`, then sessions by \`ANY(session_ids)\`),
   so it grows with the chair's history rather than being a time-range lookup.
3. **Delivery — missed: 200 msg/s vs 580 for bare nodemailer (0.34).** One drain issues **8 SQL statements per message**
   (counts below): 6 reads in the invite composer (participant, meeting, session, person, a session COUNT, case references — the
   same meeting re-read for each of its 22 messages) and **2 single-row UPDATEs, each its own commit** (\`rendered\`, then \`SENT\`,
   src/deliveries/delivery-worker.ts \`deliver()\`): ~20,000 fsync'd commits for 10,000 messages, and each batch of 100 waits for its
   slowest message before the next claim. Fix: compose the batch with one query per table (cache per meeting), write \`rendered\` for the
   batch in one \`UPDATE … FROM unnest(…)\`, and mark SENT in one statement per batch (or per few ms).
4. **Personal feed — missed: 130 ms for 500 meetings, of which SQL is 10–18 ms.** \`PersonalFeeds.render\` spends ~90 ms in
   ical-generator's \`calendar.toString()\` and ~25 ms in \`meetingTitle\` (a luxon \`DateTime\` in Europe/London per event) — measured
   separately on this machine. Fix: cache the rendered feed per person keyed on the newest \`updated_at\` of their meetings/sessions
   (feeds are polled), or emit the VEVENT text directly with a cached \`Intl.DateTimeFormat\`. At 10k meetings the feed's query also
   chose a seq scan on meetings (small table; at 1M it uses the indexes).
5. **Report at 1M:** linear in the meetings of the year (~97,000 here): a nested-loop probe per held meeting into
   \`meeting_sessions\` and \`participants\` and the \`scope\`/\`held\` CTEs spilled to disk (\`Storage: Disk\`, default work_mem 4 MB).
   A \`session_count\` column on meetings (or \`NOT MATERIALIZED\` CTEs and a higher work_mem for this query) would give headroom.
6. **Small bug:** \`DeadlineSweeper.sweep()\` always returns 0 — TypeORM's \`query()\` returns the (empty) rows for an INSERT, not
   \`[rows, count]\`, so \`enqueueReminders\`/\`enqueuePacks\` read \`count\` as undefined (the sweep did enqueue 200 rows a tick here).
   Use \`INSERT … RETURNING 1\` and count rows, or \`query(sql, params, true)\` (structured result with \`affected\`).`;
