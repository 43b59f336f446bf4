import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21: "I need help to take part" from a participant's own page. Each request is kept as sent (the coordinator's
 * record of what they asked, when), and what it asks is also merged into the participant's access needs, so the
 * chair's checklist and the meeting page show it where they already show access needs. The coordinator's tasks list
 * each request until the meeting has ended.
 */
export class CreateHelpRequests1764000022121 implements MigrationInterface {
  name = 'CreateHelpRequests1764000022121';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE help_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        interpreter_language text,
        phone_call boolean NOT NULL DEFAULT false,
        access_needs text,
        requested_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX help_requests_meeting ON help_requests (meeting_id)`);
    await db.query(`CREATE INDEX help_requests_participant ON help_requests (participant_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE help_requests`);
  }
}
