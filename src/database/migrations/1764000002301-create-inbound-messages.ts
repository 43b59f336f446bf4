import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: what came back to the organiser mailbox (calendar replies, counters, bounces, auto-replies), one row per
 * message, so that an answer is applied once (a resent message has the same Message-ID) and what needs a person is listed.
 */
export class CreateInboundMessages1764000002301 implements MigrationInterface {
  name = 'CreateInboundMessages1764000002301';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE inbound_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        received_at timestamptz NOT NULL,
        message_id text UNIQUE,
        outcome text NOT NULL CHECK (outcome IN ('RSVP','REVIEW','BOUNCE','AUTO_REPLY','IGNORED')),
        reason text,
        meeting_id uuid REFERENCES meetings(id) ON DELETE CASCADE,
        session_id uuid REFERENCES meeting_sessions(id) ON DELETE CASCADE,
        participant_id uuid REFERENCES participants(id) ON DELETE CASCADE,
        delivery_id uuid REFERENCES deliveries(id) ON DELETE CASCADE,
        rsvp text,
        sender text,
        attendee text,
        proposed_starts_at timestamptz,
        proposed_ends_at timestamptz,
        detail text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The coordinator's list (what needs a person, newest first) and the counts per outcome.
    await db.query(`CREATE INDEX inbound_messages_outcome_idx ON inbound_messages (outcome, received_at)`);
    await db.query(
      `CREATE INDEX inbound_messages_meeting_idx ON inbound_messages (meeting_id) WHERE meeting_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE inbound_messages`);
  }
}
