import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 24: the yearly committee report reads one stored row per meeting (meeting_report_facts) instead of looking up,
 * for each of ~95,000 held meetings, its minutes (a wide row and its JSON), its sessions, its reports owed and their
 * documents (≈1.2M buffer hits, ~0.9 s at 1M meetings; one index range scan now).
 *
 * What each row holds is defined once, in the view meeting_report_facts_live: the same SQL the report used to run per
 * meeting (reports.repository.ts), from the live tables. refresh_meeting_report_facts(ids) writes that view's rows for
 * these meetings into the table; the backfill writes all of them.
 *
 * Why triggers: every statement that changes a fact, from any code path present or future (booking, rescheduling,
 * cancelling, the record, its distribution, a participant added or removed, a report uploaded, a script run by hand),
 * refreshes the summary in its own transaction, so the report never reads a fact the live tables do not hold, and no
 * write path has to remember it. They are statement-level AFTER triggers with transition tables: one refresh per
 * statement for all the meetings it touched.
 * What they cost: a refresh recomputes each meeting's row (a handful of index lookups) and writes it only where it
 * changed; a statement that cannot change a fact (a participant's link renewed, a late document, a meeting's version
 * bumped) skips the recompute, by comparing its old and new rows on the columns the facts read (when a fact's
 * definition in the view changes, those column lists follow it). A refresh costs about 0.06 ms of PostgreSQL's time;
 * a booking (one statement: its meeting, sessions and participants) refreshes its row once (only_summarised, below).
 * A statement changing many meetings (a data fix) refreshes them one by one, about 0.05 ms each; a bulk load with
 * triggers off (session_replication_role = replica) writes no summary rows, and must insert them from the view after,
 * as the backfill here does.
 */
export class MeetingReportFacts1764000027001 implements MigrationInterface {
  name = 'MeetingReportFacts1764000027001';

  async up(db: QueryRunner): Promise<void> {
    // Each column is what the report used to derive per meeting `t` (its minutes `mi`, sessions `s`, reports owed
    // `r`); "held" still depends on the time the report is asked for, so it is applied when the report reads.
    await db.query(`
      CREATE VIEW meeting_report_facts_live AS
      SELECT m.id AS meeting_id, m.type, m.status, m.held_on, m.ends_at, m.format AS booked_format, m.within_timescale,
             mi.id IS NOT NULL AS has_minutes, mi.quorate, mi.decisions_shared_at, mi.decisions_due_on,
             mi.distributed_at, mi.record_due_on,
             recorded.format AS recorded_format, recorded.separate AS recorded_separate,
             s.n AS sessions, r.required AS reports_required, r.on_time AS reports_on_time
        FROM meetings m
        LEFT JOIN minutes mi ON mi.meeting_id = m.id
        -- How the meeting was held, from the methods its record gives for its parts (issue 18): all in person, all
        -- remote (video, phone, separate conversations), or a mix (hybrid). Null where the record gives no parts.
        LEFT JOIN LATERAL (
          SELECT CASE WHEN bool_and(x.s->>'method' = 'IN_PERSON') THEN 'IN_PERSON'
                      WHEN bool_or(x.s->>'method' IN ('IN_PERSON', 'HYBRID')) THEN 'HYBRID'
                      ELSE 'VIRTUAL' END AS format,
                 bool_or(x.s->>'method' = 'SEPARATE_CONVERSATIONS') AS separate
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(mi.record->'sessions') = 'array' THEN mi.record->'sessions' ELSE '[]'::jsonb END) x(s)
          HAVING count(*) > 0
        ) recorded ON true
        CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM meeting_sessions ms WHERE ms.meeting_id = m.id) s
        -- The reports owed by the meeting's participants, and those with a document in on time.
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS required,
                 count(*) FILTER (WHERE EXISTS (SELECT 1 FROM documents d WHERE d.participant_id = p.id AND NOT d.late))::int AS on_time
            FROM participants p
           WHERE p.meeting_id = m.id AND p.report_required AND p.removed_at IS NULL
        ) r`);
    await db.query(`
      CREATE TABLE meeting_report_facts (
        meeting_id uuid PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
        type text NOT NULL,
        status text NOT NULL,
        held_on date NOT NULL,
        ends_at timestamptz NOT NULL,
        booked_format text NOT NULL,
        within_timescale boolean,
        has_minutes boolean NOT NULL,
        quorate boolean,
        decisions_shared_at timestamptz,
        decisions_due_on date,
        distributed_at timestamptz,
        record_due_on date,
        recorded_format text,
        recorded_separate boolean,
        sessions int NOT NULL,
        reports_required int NOT NULL,
        reports_on_time int NOT NULL
      )`);
    await db.query(`
      CREATE FUNCTION refresh_meeting_report_facts(ids uuid[], only_summarised boolean DEFAULT false) RETURNS void
        LANGUAGE plpgsql
        -- One plan kept for the session: planning these statements for each meeting's ids costs more than running them.
        -- Every read here is of a few meetings by key, so the plan kept must use the keys' indexes however small the
        -- tables were when it was made: a plan made on a new database (seq scans of tables of ten rows) was kept while
        -- they grew, and a booking's refreshes went from 0.2 to 12 ms of PostgreSQL's time within a minute of load.
        -- (The trigger functions below read only their statement's own rows, and leave every table read to this one.)
        SET plan_cache_mode = force_generic_plan
        SET enable_seqscan = off AS $$
      DECLARE
        live meeting_report_facts;
      BEGIN
        -- only_summarised: rows added to a meeting with no summary row yet change nothing here. Such a meeting was
        -- inserted by the very statement that added them (an earlier statement would have written its row; no other
        -- transaction can add to a meeting it cannot see), and its own insert's trigger, still to fire, reads all the
        -- statement wrote. A booking, one statement writing its meeting, sessions and participants, so refreshes its
        -- row once rather than three times when the meeting's trigger fires last (booking.repository.ts's write).
        IF only_summarised THEN
          ids := ARRAY(SELECT f.meeting_id FROM meeting_report_facts f WHERE f.meeting_id = ANY(ids));
        END IF;
        -- One refresh of a meeting at a time, each reading what the one before committed (the live rows below are
        -- read after the lock, in a snapshot of their own): two transactions changing different facts of a meeting
        -- would otherwise each write a row without the other's change. The lock is the stored row's own (kept in the
        -- row, not in the server's lock table, so a statement touching a million meetings can hold them all), taken
        -- in the order of the ids so that two refreshes of the same meetings queue rather than deadlock. A meeting
        -- with no row yet was written by this transaction: no other can see it to change it.
        PERFORM 1 FROM meeting_report_facts WHERE meeting_id = ANY(ids) ORDER BY meeting_id FOR UPDATE;
        FOR live IN SELECT * FROM meeting_report_facts_live WHERE meeting_id = ANY(ids) LOOP
          -- Written only where something changed: a refresh that changes nothing (most of them) writes nothing.
          UPDATE meeting_report_facts f
             SET (type, status, held_on, ends_at, booked_format, within_timescale, has_minutes, quorate,
                  decisions_shared_at, decisions_due_on, distributed_at, record_due_on, recorded_format,
                  recorded_separate, sessions, reports_required, reports_on_time)
               = (live.type, live.status, live.held_on, live.ends_at, live.booked_format, live.within_timescale,
                  live.has_minutes, live.quorate, live.decisions_shared_at, live.decisions_due_on, live.distributed_at,
                  live.record_due_on, live.recorded_format, live.recorded_separate, live.sessions,
                  live.reports_required, live.reports_on_time)
           WHERE f.meeting_id = live.meeting_id AND f IS DISTINCT FROM live;
          IF NOT FOUND THEN
            INSERT INTO meeting_report_facts SELECT live.* ON CONFLICT (meeting_id) DO NOTHING;
          END IF;
        END LOOP;
      END $$`);
    for (const sql of TRIGGERS) await db.query(sql);
    // The backfill: every meeting's row, in one statement, in the order the report reads them.
    await db.query(`INSERT INTO meeting_report_facts SELECT * FROM meeting_report_facts_live ORDER BY held_on`);
    // The report reads a year of rows by held_on, from the table: an index covering every column (index-only) was
    // measured 5% faster at 1M meetings (95 against 100 ms), for an index 16 times the size (120 MB against 7 MB) that
    // every refresh changing a fact would write to (no HOT update).
    await db.query(`CREATE INDEX meeting_report_facts_held_on_idx ON meeting_report_facts (held_on)`);
    await db.query(`ANALYZE meeting_report_facts`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['meetings', 'minutes', 'meeting_sessions', 'participants', 'documents']) {
      for (const event of ['insert', 'update', 'delete'])
        await db.query(`DROP TRIGGER IF EXISTS meeting_report_facts_${event} ON ${table}`);
      await db.query(`DROP FUNCTION meeting_report_facts_${table}()`);
    }
    await db.query(`DROP FUNCTION refresh_meeting_report_facts(uuid[], boolean)`);
    await db.query(`DROP TABLE meeting_report_facts`);
    await db.query(`DROP VIEW meeting_report_facts_live`);
  }
}

/**
 * For each table a fact reads, the meetings whose facts a statement's rows can change (its new rows on insert, its old
 * rows on delete, both on update, only where a column a fact reads changed). PostgreSQL allows a
 * trigger with transition tables one event and no column list, so each table has a trigger per event, all calling its
 * one function, which branches on the event.
 */
const onChange = (
  table: string,
  meetingsOf: { insert: string; update: string; delete?: string; onlySummarisedOnInsert?: boolean },
): string[] => [
  `CREATE FUNCTION meeting_report_facts_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       PERFORM refresh_meeting_report_facts(ARRAY(${meetingsOf.insert}), ${Boolean(meetingsOf.onlySummarisedOnInsert)});
     ELSIF TG_OP = 'UPDATE' THEN
       PERFORM refresh_meeting_report_facts(ARRAY(${meetingsOf.update}));${
         meetingsOf.delete
           ? `
     ELSE
       PERFORM refresh_meeting_report_facts(ARRAY(${meetingsOf.delete}));`
           : ''
       }
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER meeting_report_facts_insert AFTER INSERT ON ${table}
     REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_report_facts_${table}()`,
  `CREATE TRIGGER meeting_report_facts_update AFTER UPDATE ON ${table}
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_report_facts_${table}()`,
  ...(meetingsOf.delete
    ? [
        `CREATE TRIGGER meeting_report_facts_delete AFTER DELETE ON ${table}
           REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_report_facts_${table}()`,
      ]
    : []),
];

/** The meetings of the updated rows (old `o` and new `n`, joined on id) where one of these columns changed. */
const changedIn = (columns: string[], meetingOf = (row: string) => `${row}.meeting_id`) => {
  const of = (row: string) => columns.map((c) => `${row}.${c}`).join(', ');
  return `SELECT unnest(ARRAY[${meetingOf('o')}, ${meetingOf('n')}]) FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE (${of('o')}) IS DISTINCT FROM (${of('n')})`;
};

const TRIGGERS = [
  // A meeting's own row goes with it (ON DELETE CASCADE): no trigger on delete.
  ...onChange('meetings', {
    insert: `SELECT id FROM new_rows`,
    update: changedIn(['type', 'status', 'held_on', 'ends_at', 'format', 'within_timescale'], (row) => `${row}.id`),
  }),
  ...onChange('minutes', {
    insert: `SELECT meeting_id FROM new_rows`,
    update: changedIn([
      'meeting_id',
      'quorate',
      'decisions_shared_at',
      'decisions_due_on',
      'distributed_at',
      'record_due_on',
      "record->'sessions'",
    ]),
    delete: `SELECT meeting_id FROM old_rows`,
  }),
  // Rows added to a meeting refresh it only if it has its summary row already (only_summarised, above).
  ...onChange('meeting_sessions', {
    insert: `SELECT meeting_id FROM new_rows`,
    onlySummarisedOnInsert: true,
    update: changedIn(['meeting_id']),
    delete: `SELECT meeting_id FROM old_rows`,
  }),
  // Only a report owed counts.
  ...onChange('participants', {
    insert: `SELECT meeting_id FROM new_rows WHERE report_required AND removed_at IS NULL`,
    onlySummarisedOnInsert: true,
    update: changedIn(['meeting_id', 'report_required', 'removed_at']),
    delete: `SELECT meeting_id FROM old_rows WHERE report_required AND removed_at IS NULL`,
  }),
  // A document counts, when in on time, for its participant's meeting: its own meeting (the upload refuses a participant
  // of another). Only the statement's own rows are read here (the refresh reads the tables).
  ...onChange('documents', {
    insert: `SELECT meeting_id FROM new_rows WHERE participant_id IS NOT NULL AND NOT late`,
    update: changedIn(['meeting_id', 'participant_id', 'late']),
    delete: `SELECT meeting_id FROM old_rows WHERE participant_id IS NOT NULL AND NOT late`,
  }),
];
