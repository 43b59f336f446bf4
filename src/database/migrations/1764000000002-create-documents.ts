import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDocuments1764000000002 implements MigrationInterface {
  name = 'CreateDocuments1764000000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        participant_id uuid REFERENCES participants(id),
        uploaded_by text NOT NULL,
        title text NOT NULL,
        audience text NOT NULL CHECK (audience IN ('PROFESSIONALS','ALL_PARTICIPANTS')),
        file_name text NOT NULL,
        media_type text NOT NULL,
        size_bytes integer NOT NULL,
        sha256 text NOT NULL,
        content bytea NOT NULL,
        submitted_at timestamptz NOT NULL,
        late boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX documents_meeting_idx ON documents (meeting_id, submitted_at)`);
    await db.query(
      `CREATE INDEX documents_participant_idx ON documents (participant_id) WHERE participant_id IS NOT NULL`,
    );
    // The reminder sweep looks for participants who owe a report.
    await db.query(
      `CREATE INDEX participants_report_required_idx ON participants (meeting_id) WHERE report_required AND removed_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX participants_report_required_idx`);
    await db.query(`DROP TABLE documents`);
  }
}
