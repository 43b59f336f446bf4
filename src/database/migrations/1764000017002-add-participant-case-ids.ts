import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: which of the meeting's children a family member is connected to (a sibling group with different
 * fathers). Null: all of them. The family's copy of the record shows only those children's references and outcomes.
 */
export class AddParticipantCaseIds1764000017002 implements MigrationInterface {
  name = 'AddParticipantCaseIds1764000017002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE participants ADD COLUMN case_ids uuid[]`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE participants DROP COLUMN case_ids`);
  }
}
