import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the decisions were made known (the decisions section marked final, or the record sent), which "decisions on
 * time" measures instead of the approval of the whole record. Records already distributed made their decisions known
 * then at the latest.
 */
export class MinutesDecisionsSharedAt1764000001804 implements MigrationInterface {
  name = 'MinutesDecisionsSharedAt1764000001804';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE minutes ADD COLUMN decisions_shared_at timestamptz`);
    await db.query(`UPDATE minutes SET decisions_shared_at = distributed_at WHERE distributed_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE minutes DROP COLUMN decisions_shared_at`);
  }
}
