import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Your meetings" and the tasks list ask which of a person's coming meetings have an invitation that failed or came
 * back: the meetings with any such delivery are found from this (small) index before the latest delivery per person,
 * part and channel is worked out, instead of sorting every delivery of every coming meeting (issue 20: the page at
 * 10,000 meetings).
 */
export class IndexFailedDeliveries1764000026101 implements MigrationInterface {
  name = 'IndexFailedDeliveries1764000026101';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX deliveries_failed_idx ON deliveries (meeting_id) WHERE status IN ('FAILED', 'BOUNCED')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX deliveries_failed_idx`);
  }
}
