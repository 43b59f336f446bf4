import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 23: a message the relay accepted and the recipient's server later returned (RFC 3464) is BOUNCED, not SENT. */
export class DeliveryStatusBounced1764000002302 implements MigrationInterface {
  name = 'DeliveryStatusBounced1764000002302';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check`);
    await db.query(
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('PENDING','SENDING','SENT','FAILED','SUPERSEDED','NO_EMAIL','SKIPPED','BOUNCED'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE deliveries SET status = 'FAILED' WHERE status = 'BOUNCED'`);
    await db.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check`);
    await db.query(
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('PENDING','SENDING','SENT','FAILED','SUPERSEDED','NO_EMAIL','SKIPPED'))`,
    );
  }
}
