import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * INVITES.md C3: SEQUENCE is persisted per part. Existing parts start from their meeting's counter, so every number
 * already sent stays below the next one.
 */
export class AddSessionSequence1764000000008 implements MigrationInterface {
  name = 'AddSessionSequence1764000000008';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE meeting_sessions ADD COLUMN sequence integer NOT NULL DEFAULT 0`);
    await db.query(`UPDATE meeting_sessions s SET sequence = m.sequence FROM meetings m WHERE m.id = s.meeting_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE meeting_sessions DROP COLUMN sequence`);
  }
}
