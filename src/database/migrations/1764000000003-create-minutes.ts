import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMinutes1764000000003 implements MigrationInterface {
  name = 'CreateMinutes1764000000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE minutes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL UNIQUE REFERENCES meetings(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','SUBMITTED','APPROVED','DISTRIBUTED')),
        record jsonb NOT NULL,
        quorate boolean,
        decisions_due_on date NOT NULL,
        record_due_on date NOT NULL,
        next_due_on date,
        author text NOT NULL,
        submitted_at timestamptz,
        submitted_by text,
        approved_at timestamptz,
        approved_by text,
        distributed_at timestamptz,
        distributed_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Timeliness sweeps and reports: records not yet approved, by when they are due.
    await db.query(
      `CREATE INDEX minutes_record_due_idx ON minutes (record_due_on) WHERE status IN ('DRAFT','SUBMITTED')`,
    );
    await db.query(`
      CREATE TABLE minute_amendments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        minutes_id uuid NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
        amended_by text NOT NULL,
        reason text NOT NULL,
        changed_fields text[] NOT NULL,
        before jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX minute_amendments_minutes_idx ON minute_amendments (minutes_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE minute_amendments`);
    await db.query(`DROP TABLE minutes`);
  }
}
