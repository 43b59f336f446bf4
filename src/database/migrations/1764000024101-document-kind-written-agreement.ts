import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22: a document has a kind. A REPORT is a pre-read (what was there before); a WRITTEN_AGREEMENT is the signed
 * PLO written agreement, with who signed it and when, shown on the record and the PLO tracker.
 */
export class DocumentKindWrittenAgreement1764000024101 implements MigrationInterface {
  name = 'DocumentKindWrittenAgreement1764000024101';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE documents ADD COLUMN kind text NOT NULL DEFAULT 'REPORT',
         ADD COLUMN signed_by text, ADD COLUMN signed_on date`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE documents DROP COLUMN kind, DROP COLUMN signed_by, DROP COLUMN signed_on`);
  }
}
