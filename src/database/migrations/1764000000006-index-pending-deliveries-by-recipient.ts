import { MigrationInterface, QueryRunner } from 'typeorm';

/** Superseding an unsent calendar message looks up pending rows by participant and session (see Outbox.enqueue). */
export class IndexPendingDeliveriesByRecipient1764000000006 implements MigrationInterface {
  name = 'IndexPendingDeliveriesByRecipient1764000000006';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX deliveries_pending_recipient_idx ON deliveries (participant_id, session_id) WHERE status = 'PENDING'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX deliveries_pending_recipient_idx`);
  }
}
