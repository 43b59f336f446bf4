import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDirectoryAndCases1764000000000 implements MigrationInterface {
  name = 'CreateDirectoryAndCases1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await db.query(`
      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('LOCAL_AUTHORITY','POLICE','HEALTH','EDUCATION','PROBATION','HOUSING','IDVA_SERVICE','LEGAL','VOLUNTARY','OTHER')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE people (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        email text,
        phone text,
        agency_id uuid REFERENCES agencies(id),
        kind text NOT NULL CHECK (kind IN ('PROFESSIONAL','FAMILY')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX people_agency_id_idx ON people (agency_id)`);
    await db.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        subject_initials text,
        kind text NOT NULL CHECK (kind IN ('CHILD','ADULT_VICTIM')),
        date_of_birth date,
        entered_care_on date,
        cp_plan_started_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id uuid NOT NULL,
        meeting_id uuid,
        person_id uuid,
        changes jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await db.query(`CREATE INDEX audit_events_meeting_idx ON audit_events (meeting_id, at)`);
    await db.query(`CREATE INDEX audit_events_person_idx ON audit_events (person_id, at)`);
    // Append-only: the database itself refuses to change or delete an audit row.
    await db.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`);
    await db.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_events`);
    await db.query(`DROP FUNCTION audit_events_append_only`);
    await db.query(`DROP TABLE cases`);
    await db.query(`DROP TABLE people`);
    await db.query(`DROP TABLE agencies`);
  }
}
