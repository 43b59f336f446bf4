import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22: cases and people change after they are created. A child leaves care or a plan ends (the dates stop the
 * review cycles); a letter before proceedings starts the PLO's 16 weeks; a parent's email or phone changes. `version` is the ETag a change names in `If-Match`.
 */
export class CaseAndPersonChanges1764000022001 implements MigrationInterface {
  name = 'CaseAndPersonChanges1764000022001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE cases ADD COLUMN ceased_looked_after_on date, ADD COLUMN cp_plan_ended_on date, ADD COLUMN plo_letter_on date, ADD COLUMN version integer NOT NULL DEFAULT 1`,
    );
    await db.query(`ALTER TABLE people ADD COLUMN version integer NOT NULL DEFAULT 1`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE people DROP COLUMN version`);
    await db.query(
      `ALTER TABLE cases DROP COLUMN ceased_looked_after_on, DROP COLUMN cp_plan_ended_on, DROP COLUMN plo_letter_on, DROP COLUMN version`,
    );
  }
}
