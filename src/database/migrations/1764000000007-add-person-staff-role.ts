import { MigrationInterface, QueryRunner } from 'typeorm';

/** A professional's part in the council's own meetings (an IRO, a conference chair…): who may chair which type. */
export class AddPersonStaffRole1764000000007 implements MigrationInterface {
  name = 'AddPersonStaffRole1764000000007';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE people ADD COLUMN staff_role text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE people DROP COLUMN staff_role`);
  }
}
