import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 23: an inbound message that failed SPF/DKIM/DMARC (INBOUND_AUTH=enforce) is kept as REJECTED, with why. */
export class InboundRejected1764000025001 implements MigrationInterface {
  name = 'InboundRejected1764000025001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE inbound_messages DROP CONSTRAINT inbound_messages_outcome_check`);
    await db.query(
      `ALTER TABLE inbound_messages ADD CONSTRAINT inbound_messages_outcome_check
         CHECK (outcome IN ('RSVP','REVIEW','BOUNCE','AUTO_REPLY','IGNORED','REJECTED'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM inbound_messages WHERE outcome = 'REJECTED'`);
    await db.query(`ALTER TABLE inbound_messages DROP CONSTRAINT inbound_messages_outcome_check`);
    await db.query(
      `ALTER TABLE inbound_messages ADD CONSTRAINT inbound_messages_outcome_check
         CHECK (outcome IN ('RSVP','REVIEW','BOUNCE','AUTO_REPLY','IGNORED'))`,
    );
  }
}
