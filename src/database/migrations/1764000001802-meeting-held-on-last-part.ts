import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A meeting held in parts is held when its last part is held (README "Rules"): held_on becomes the London date of
 * the latest part's start, and reports, which now select on held_on alone (the first part may be days earlier),
 * get an index on it.
 */
export class MeetingHeldOnLastPart1764000001802 implements MigrationInterface {
  name = 'MeetingHeldOnLastPart1764000001802';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `UPDATE meetings m SET held_on = last.held_on
         FROM (SELECT meeting_id, (max(starts_at) AT TIME ZONE 'Europe/London')::date AS held_on FROM meeting_sessions GROUP BY meeting_id) last
        WHERE last.meeting_id = m.id AND m.held_on <> last.held_on`,
    );
    await db.query(`CREATE INDEX meetings_held_on_idx ON meetings (held_on)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX meetings_held_on_idx`);
    await db.query(`UPDATE meetings SET held_on = (starts_at AT TIME ZONE 'Europe/London')::date`);
  }
}
