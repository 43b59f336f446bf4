import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMeetingsAndOutbox1764000000001 implements MigrationInterface {
  name = 'CreateMeetingsAndOutbox1764000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL,
        status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED','CANCELLED')),
        format text NOT NULL CHECK (format IN ('IN_PERSON','VIRTUAL','HYBRID')),
        chair_id uuid NOT NULL REFERENCES people(id),
        related_meeting_id uuid REFERENCES meetings(id),
        sequence integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        held_on date NOT NULL,
        pre_read_deadline timestamptz NOT NULL,
        due_by date,
        due_basis text,
        within_timescale boolean,
        cancelled_at timestamptz,
        cancel_reason text,
        booked_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Lists and reports filter by time, type and chair.
    await db.query(`CREATE INDEX meetings_starts_at_idx ON meetings (starts_at)`);
    await db.query(`CREATE INDEX meetings_type_starts_at_idx ON meetings (type, starts_at)`);
    await db.query(`CREATE INDEX meetings_chair_starts_at_idx ON meetings (chair_id, starts_at)`);
    // The deadline sweep: scheduled meetings whose pre-read deadline is near.
    await db.query(
      `CREATE INDEX meetings_pre_read_deadline_idx ON meetings (pre_read_deadline) WHERE status = 'SCHEDULED'`,
    );

    await db.query(`
      CREATE TABLE meeting_cases (
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES cases(id),
        position integer NOT NULL,
        PRIMARY KEY (meeting_id, case_id)
      )`);
    await db.query(`CREATE INDEX meeting_cases_case_idx ON meeting_cases (case_id)`);

    await db.query(`
      CREATE TABLE meeting_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        position integer NOT NULL,
        label text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        video_url text,
        dial_in_number text,
        access_code text,
        venue text,
        ical_uid text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (meeting_id, position)
      )`);
    // Chair conflicts: sessions overlapping a time range.
    await db.query(`CREATE INDEX meeting_sessions_time_idx ON meeting_sessions (starts_at, ends_at)`);

    await db.query(`
      CREATE TABLE participants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES people(id),
        role text NOT NULL,
        is_chair boolean NOT NULL DEFAULT false,
        session_ids uuid[] NOT NULL,
        report_required boolean NOT NULL DEFAULT false,
        rsvp text NOT NULL DEFAULT 'NEEDS_ACTION' CHECK (rsvp IN ('NEEDS_ACTION','ACCEPTED','DECLINED','TENTATIVE')),
        rsvp_at timestamptz,
        removed_at timestamptz,
        link_nonce text NOT NULL,
        link_token_hash text NOT NULL UNIQUE,
        link_expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX participants_meeting_idx ON participants (meeting_id)`);
    await db.query(`CREATE INDEX participants_person_idx ON participants (person_id)`);
    await db.query(
      `CREATE UNIQUE INDEX participants_one_active_per_person ON participants (meeting_id, person_id) WHERE removed_at IS NULL`,
    );

    await db.query(`ALTER TABLE people ADD COLUMN feed_nonce text, ADD COLUMN feed_token_hash text UNIQUE`);

    // The outbox: every message a change causes, written in the same transaction as the change.
    await db.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        participant_id uuid REFERENCES participants(id) ON DELETE CASCADE,
        session_id uuid REFERENCES meeting_sessions(id) ON DELETE CASCADE,
        kind text NOT NULL,
        sequence integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','SENDING','SENT','FAILED','SUPERSEDED','NO_EMAIL','SKIPPED')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error text,
        sent_at timestamptz,
        dedupe_key text UNIQUE,
        rendered jsonb,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The worker's claim: due pending rows, and rows whose sender died (expired lease).
    await db.query(`CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status = 'PENDING'`);
    await db.query(`CREATE INDEX deliveries_lease_idx ON deliveries (lease_until) WHERE status = 'SENDING'`);
    await db.query(`CREATE INDEX deliveries_meeting_idx ON deliveries (meeting_id, participant_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE deliveries`);
    await db.query(`ALTER TABLE people DROP COLUMN feed_nonce, DROP COLUMN feed_token_hash`);
    await db.query(`DROP TABLE participants`);
    await db.query(`DROP TABLE meeting_sessions`);
    await db.query(`DROP TABLE meeting_cases`);
    await db.query(`DROP TABLE meetings`);
  }
}
