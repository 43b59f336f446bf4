import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23, text messages: a delivery goes by email or by text (GOV.UK Notify), and a text keeps Notify's id for it and
 * the last status Notify gave. A person may ask for texts even when they have an email address.
 */
export class TextMessages1764000023101 implements MigrationInterface {
  name = 'TextMessages1764000023101';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE deliveries
         ADD COLUMN channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms')),
         ADD COLUMN provider_id text,
         ADD COLUMN provider_status text,
         ADD COLUMN provider_checked_at timestamptz`,
    );
    // The status poll: texts Notify has taken and not yet settled.
    await db.query(
      `CREATE INDEX deliveries_sms_unsettled_idx ON deliveries (sent_at)
        WHERE channel = 'sms' AND status = 'SENT' AND provider_id IS NOT NULL
          AND coalesce(provider_status, 'created') IN ('created', 'sending', 'pending', 'accepted')`,
    );
    await db.query(`ALTER TABLE people ADD COLUMN prefers_texts boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE people DROP COLUMN prefers_texts`);
    await db.query(`DELETE FROM deliveries WHERE channel = 'sms'`);
    await db.query(`DROP INDEX deliveries_sms_unsettled_idx`);
    await db.query(
      `ALTER TABLE deliveries DROP COLUMN channel, DROP COLUMN provider_id, DROP COLUMN provider_status, DROP COLUMN provider_checked_at`,
    );
  }
}
