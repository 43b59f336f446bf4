import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSafetyAndAccess1764000000005 implements MigrationInterface {
  name = 'CreateSafetyAndAccess1764000000005';

  async up(db: QueryRunner): Promise<void> {
    // "These two people are never in the same session": on a case (every meeting about it) or on one meeting.
    await db.query(`
      CREATE TABLE keep_apart_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid REFERENCES cases(id),
        meeting_id uuid REFERENCES meetings(id) ON DELETE CASCADE,
        person_ids uuid[] NOT NULL CHECK (cardinality(person_ids) = 2),
        note text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((case_id IS NULL) <> (meeting_id IS NULL))
      )`);
    await db.query(`CREATE INDEX keep_apart_rules_case_idx ON keep_apart_rules (case_id) WHERE case_id IS NOT NULL`);
    await db.query(
      `CREATE INDEX keep_apart_rules_meeting_idx ON keep_apart_rules (meeting_id) WHERE meeting_id IS NOT NULL`,
    );

    await db.query(`
      ALTER TABLE participants
        ADD COLUMN interpreter_language text,
        ADD COLUMN phone_only boolean NOT NULL DEFAULT false,
        ADD COLUMN assisted_video boolean NOT NULL DEFAULT false,
        ADD COLUMN accessibility_notes text`);

    await db.query(`
      CREATE TABLE exclusions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participants(id),
        session_id uuid NOT NULL REFERENCES meeting_sessions(id),
        reason text NOT NULL,
        excluded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX exclusions_meeting_idx ON exclusions (meeting_id)`);

    // Who joined, how, and when they left: the record shows whether the meeting was quorate when it decided.
    await db.query(`
      CREATE TABLE attendance_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        session_id uuid NOT NULL REFERENCES meeting_sessions(id),
        participant_id uuid NOT NULL REFERENCES participants(id),
        event text NOT NULL CHECK (event IN ('JOINED','LEFT')),
        at timestamptz NOT NULL,
        via text CHECK (via IN ('IN_PERSON','VIDEO','PHONE')),
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX attendance_log_meeting_idx ON attendance_log (meeting_id, at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE attendance_log`);
    await db.query(`DROP TABLE exclusions`);
    await db.query(
      `ALTER TABLE participants DROP COLUMN interpreter_language, DROP COLUMN phone_only, DROP COLUMN assisted_video, DROP COLUMN accessibility_notes`,
    );
    await db.query(`DROP TABLE keep_apart_rules`);
  }
}
