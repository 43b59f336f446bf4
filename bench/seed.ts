/**
 * The set-based seed of the scale bench: every row a meeting of the ten years 2018–2027 would leave behind, written
 * with `INSERT … SELECT generate_series` so a million meetings take minutes, not hours.
 *
 * Per meeting: one session, one case, three participants (the chair, a reporter who owes a report, a parent) and an
 * invite each. Per meeting already held (not cancelled): minutes (distributed after 30 days, a draft before), a pack
 * to each participant at the pre-read deadline, and the minutes to each participant once distributed. One meeting in
 * three has the reporter's document (metadata and a 256-byte body); the other two sent the reporter the 72-hour and
 * 24-hour reminders. People grow with the meetings: one per three meetings.
 */

/** 1,000,000 meetings in the g-space; the 10k stage is every 100th of them, so both spread over the same ten years. */
export const SPACE = 1_000_000;
export const CASES = 5000;
/**
 * Chairs are persons 1…333; everyone else is drawn from 334…people. A chair chairs about 330 meetings a year at both
 * stages: the 10k stage's meetings (every 100th g) are shared by chairs 1…3, the rest of the million by chairs 4…333.
 */
export const CHAIRS = 333;
/** The staff pages are requested as this chair (about 3,300 meetings over the ten years, at 10k and at 1M). */
export const BENCH_CHAIR = 1;
const chairOf = (g: string) =>
  pid(`CASE WHEN (${g}) % 100 = 0 THEN 1 + ((${g}) / 100) % 3 ELSE 4 + (${g}) % ${CHAIRS - 3} END`);
/** The feed person is outside the seeded range, so the seed never puts them in a meeting by chance. */
export const FEED_PERSON = 10_000_000;
export const peopleFor = (meetings: number) => Math.max(CHAIRS + 100, Math.ceil(meetings / 3));

const uuid = (group: string, expr: string) => `('00000000-0000-${group}-' || lpad(to_hex(${expr}), 12, '0'))::uuid`;
export const mid = (g: string) => uuid('4000-8000', g);
export const sid = (g: string) => uuid('4001-8000', g);
export const partId = (g: string, k: string) => uuid('4002-8000', `(${g}) * 4 + ${k}`);
const minutesId = (g: string) => uuid('4003-8000', g);
/**
 * Seeded deliveries and documents get ids in g order (16 delivery slots per meeting: invites 0–2, reminders 3–4, packs
 * 5–7, minutes 8–10), so their primary keys grow at the right edge instead of taking random uuids (the column default)
 * across a multi-million-row index while seeding. The sweeps and reports never read these tables by id.
 */
const deliveryId = (g: string, slot: string) => uuid('4004-8000', `(${g}) * 16 + ${slot}`);
const documentId = (g: string) => uuid('4005-8000', g);
export const pid = (k: string) => uuid('4000-9000', k);
export const cid = (k: string) => uuid('4000-a000', k);

/** People k in (from, to]: professionals with an email, every third one a family member (a parent's seat draws on them too). */
export const peopleSql = (from: number, to: number) =>
  `INSERT INTO people (id, name, email, kind)
   SELECT ${pid('k')}, 'Seed Person ' || k, 'seed' || k || '@bench.example', CASE WHEN k > ${CHAIRS} AND k % 3 = 0 THEN 'FAMILY' ELSE 'PROFESSIONAL' END
     FROM generate_series(${from + 1}, ${to}) k`;

export const casesSql = `INSERT INTO cases (id, reference, kind, subject_initials) SELECT ${cid('k')}, 'SEED-' || k, 'CHILD', 'S.D.' FROM generate_series(1, ${CASES}) k`;
export const feedPersonSql = `INSERT INTO people (id, name, email, kind) VALUES (${pid(String(FEED_PERSON))}, 'Feed Person', 'feed@bench.example', 'PROFESSIONAL')`;

/**
 * The rows of a g-range. `src` yields (g, ts); `people` is how many seeded people participants are drawn from;
 * `due` marks the 100 meetings placed in the sweep windows (scheduled, pending invites, nothing held yet).
 */
export function seedStatements(src: string, due: boolean, people: number): string[] {
  const withSrc = `WITH src AS (${src})`;
  const held = `ts + interval '90 minutes' < now() AND g % 50 <> 7`;
  const deadline = `to_char((ts - interval '48 hours') AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS')`;
  const statements = [
    `${withSrc} INSERT INTO meetings (id, type, status, format, chair_id, sequence, starts_at, ends_at, held_on, pre_read_deadline, within_timescale, booked_by)
      SELECT ${mid('g')}, (ARRAY['STRATEGY','ICPC','RCPC','CORE_GROUP','LAC_REVIEW','CIN_REVIEW','PLO','MARAC'])[1 + g % 8],
             ${due ? `'SCHEDULED'` : `CASE WHEN g % 50 = 7 THEN 'CANCELLED' ELSE 'SCHEDULED' END`}, (ARRAY['VIRTUAL','IN_PERSON','HYBRID'])[1 + g % 3],
             ${chairOf('g')}, 0, ts, ts + interval '90 minutes', (ts AT TIME ZONE 'Europe/London')::date, ts - interval '48 hours', g % 4 <> 0, 'seed'
        FROM src`,
    `${withSrc} INSERT INTO meeting_sessions (id, meeting_id, position, starts_at, ends_at, video_url, ical_uid)
      SELECT ${sid('g')}, ${mid('g')}, 0, ts, ts + interval '90 minutes', 'https://video.example/' || g, 'seed-' || g || '@bench' FROM src`,
    `${withSrc} INSERT INTO meeting_cases (meeting_id, case_id, position) SELECT ${mid('g')}, ${cid('1 + g % ' + CASES)}, 0 FROM src`,
    `${withSrc} INSERT INTO participants (id, meeting_id, person_id, role, is_chair, session_ids, report_required, link_nonce, link_token_hash, link_expires_at)
      SELECT ${partId('g', 'k')}, ${mid('g')},
             CASE WHEN k = 0 THEN ${chairOf('g')} ELSE ${pid(`${CHAIRS + 1} + (g * 3 + k) % ${people - CHAIRS}`)} END,
             (ARRAY['CHAIR','POLICE','PARENT'])[k + 1], k = 0, ARRAY[${sid('g')}], k = 1, 'n', 'seed-' || (g * 4 + k), ts + interval '28 days'
        FROM src CROSS JOIN generate_series(0, 2) k`,
    `${withSrc} INSERT INTO deliveries (id, meeting_id, participant_id, session_id, kind, status, attempts, next_attempt_at, sent_at, created_at, updated_at)
      SELECT ${deliveryId('g', 'k')}, ${mid('g')}, ${partId('g', 'k')}, ${sid('g')}, 'INVITE',
             ${due ? `CASE WHEN k = 0 THEN 'PENDING' ELSE 'SENT' END` : `'SENT'`}, ${due ? 'CASE WHEN k = 0 THEN 0 ELSE 1 END' : '1'},
             ${due ? `now() - interval '1 minute'` : `ts - interval '14 days'`}, ${due ? `CASE WHEN k = 0 THEN NULL ELSE now() END` : `ts - interval '14 days'`},
             now(), now()
        FROM src CROSS JOIN generate_series(0, 2) k`,
  ];
  if (due) return statements;
  return [
    ...statements,
    // Minutes of every held meeting: distributed 15 days after it (approved after 5) once 30 days have passed, a draft before.
    `${withSrc}, h AS (SELECT g, ts, ts + interval '30 days' < now() AS done FROM src WHERE ${held})
     INSERT INTO minutes (id, meeting_id, status, record, quorate, decisions_due_on, record_due_on, author, submitted_at, approved_at, distributed_at)
      SELECT ${minutesId('g')}, ${mid('g')}, CASE WHEN done THEN 'DISTRIBUTED' ELSE 'DRAFT' END,
             jsonb_build_object('summary', repeat('The meeting considered the reports and the plan. ', 8), 'childParticipation', 'PN' || (g % 8),
                                'decisions', jsonb_build_array(jsonb_build_object('text', 'Plan continues', 'rationale', repeat('Agreed by all agencies. ', 4)))),
             CASE WHEN g % 10 = 3 THEN NULL ELSE g % 10 <> 4 END,
             (ts AT TIME ZONE 'Europe/London')::date + 1, (ts AT TIME ZONE 'Europe/London')::date + 20, 'seed',
             CASE WHEN done THEN ts + interval '3 days' END, CASE WHEN done THEN ts + interval '5 days' END, CASE WHEN done THEN ts + interval '15 days' END
        FROM h`,
    // One meeting in three: the reporter's document, a day before the deadline (every ninth late).
    `${withSrc} INSERT INTO documents (id, meeting_id, participant_id, uploaded_by, title, audience, file_name, media_type, size_bytes, sha256, content, submitted_at, late)
      SELECT ${documentId('g')}, ${mid('g')}, ${partId('g', '1')}, 'seed', 'Agency report', 'PROFESSIONALS', 'report.pdf', 'application/pdf', 256,
             encode(sha256(body), 'hex'), body, ts - interval '72 hours', g % 9 = 0
        FROM src, LATERAL (SELECT convert_to(rpad('%PDF seed report ' || g, 256, '.'), 'UTF8') AS body) b
       WHERE ${held} AND g % 3 = 0`,
    // The reporter without a document had the 72-hour and 24-hour reminders.
    `${withSrc} INSERT INTO deliveries (id, meeting_id, participant_id, kind, status, attempts, next_attempt_at, sent_at, dedupe_key, payload, created_at, updated_at)
      SELECT ${deliveryId('g', 'CASE WHEN h = 72 THEN 3 ELSE 4 END')}, ${mid('g')}, ${partId('g', '1')}, 'REMINDER', 'SENT', 1, ts - interval '48 hours' - h * interval '1 hour', ts - interval '48 hours' - h * interval '1 hour',
             'reminder:' || ${partId('g', '1')} || ':' || h || ':' || ${deadline}, jsonb_build_object('deadline', ts - interval '48 hours', 'hoursBefore', h),
             ts - interval '48 hours' - h * interval '1 hour', ts - interval '48 hours' - h * interval '1 hour'
        FROM src CROSS JOIN (VALUES (72), (24)) w(h) WHERE ${held} AND g % 3 <> 0`,
    // Everyone had the pack at the deadline, and the minutes once distributed.
    `${withSrc} INSERT INTO deliveries (id, meeting_id, participant_id, kind, status, attempts, next_attempt_at, sent_at, dedupe_key, payload, created_at, updated_at)
      SELECT ${deliveryId('g', '5 + k')}, ${mid('g')}, ${partId('g', 'k')}, 'PACK', 'SENT', 1, ts - interval '48 hours', ts - interval '48 hours',
             'pack:' || ${partId('g', 'k')} || ':' || ${deadline}, jsonb_build_object('deadline', ts - interval '48 hours'), ts - interval '48 hours', ts - interval '48 hours'
        FROM src CROSS JOIN generate_series(0, 2) k WHERE ${held}`,
    `${withSrc} INSERT INTO deliveries (id, meeting_id, participant_id, kind, status, attempts, next_attempt_at, sent_at, dedupe_key, created_at, updated_at)
      SELECT ${deliveryId('g', '8 + k')}, ${mid('g')}, ${partId('g', 'k')}, 'MINUTES', 'SENT', 1, ts + interval '15 days', ts + interval '15 days',
             'minutes:' || ${minutesId('g')} || ':' || ${partId('g', 'k')}, ts + interval '15 days', ts + interval '15 days'
        FROM src CROSS JOIN generate_series(0, 2) k WHERE ${held} AND ts + interval '30 days' < now()`,
  ];
}

/** Meetings in g-range [a, b] (every `step`th g) that pass `filter`, outside the sweep windows (the 100 due ones are placed on purpose). */
export const rangeSrc = (a: number, b: number, filter: string, step = 1) => `
  SELECT g, ts FROM (
    SELECT g, timestamptz '2018-01-01 09:00Z' + (g::float8 / ${SPACE} * 3652.5) * interval '1 day' AS ts
      FROM generate_series(${step === 1 ? a : Math.ceil(a / step) * step}, ${b}, ${step}) g
  ) x WHERE (${filter}) AND NOT (ts BETWEEN now() - interval '10 days' AND now() + interval '6 days')`;

/** 100 due: 50 whose pre-read deadline is within the next 70 hours (reminders), 50 whose deadline passed in the last week (packs). */
export const dueSrc = `
  SELECT ${SPACE} + i AS g,
         CASE WHEN i <= 50 THEN now() + i * interval '84 minutes' ELSE now() - (i - 50) * interval '3 hours' END + interval '48 hours' AS ts
    FROM generate_series(1, 100) i`;

/** What the seed holds, counted after it ran (the report quotes these, not the intentions above). */
export const countsSql = `SELECT (SELECT count(*) FROM meetings) AS meetings, (SELECT count(*) FROM people) AS people,
  (SELECT count(*) FROM participants) AS participants, (SELECT count(*) FROM minutes) AS minutes,
  (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM deliveries) AS deliveries`;

/**
 * The committee report's summary rows (migration 1764000027001) of the meetings seeded since the last call: the seed
 * runs with `session_replication_role = replica`, so no trigger fires (neither the foreign keys' nor the summary's),
 * and the rows are written after, in one statement, as the migration's backfill writes them (the view is the one
 * definition of both). Only for seeds that add meetings, not ones that change them.
 */
export const summariseNewMeetingsSql = `INSERT INTO meeting_report_facts
  SELECT l.* FROM meeting_report_facts_live l
   WHERE NOT EXISTS (SELECT 1 FROM meeting_report_facts f WHERE f.meeting_id = l.meeting_id)`;
