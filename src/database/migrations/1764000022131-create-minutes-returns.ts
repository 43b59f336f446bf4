import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21: an approver returns a submitted record to its author with a comment, which the author reads on the
 * record form. Kept in its own table, not in the audit trail, which holds no content.
 */
export class CreateMinutesReturns1764000022131 implements MigrationInterface {
  name = 'CreateMinutesReturns1764000022131';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE minutes_returns (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         minutes_id uuid NOT NULL REFERENCES minutes(id),
         meeting_id uuid NOT NULL REFERENCES meetings(id),
         returned_by uuid NOT NULL,
         comment text NOT NULL,
         returned_at timestamptz NOT NULL
       )`,
    );
    await db.query(`CREATE INDEX minutes_returns_meeting ON minutes_returns (meeting_id, returned_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE minutes_returns`);
  }
}
