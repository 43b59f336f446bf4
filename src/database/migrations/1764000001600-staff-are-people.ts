import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every member of staff is a person (issue 16): an identity-provider account is bound to one `people` row by a
 * stable subject (`issuer#sub`), and the audit trail keeps the acting person's name as it was at the time.
 * Numbered apart from its neighbours' migrations so that parallel branches do not collide.
 */
export class StaffArePeople1764000001600 implements MigrationInterface {
  name = 'StaffArePeople1764000001600';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE people ADD COLUMN staff_subject text`);
    await db.query(
      `CREATE UNIQUE INDEX people_staff_subject_key ON people (staff_subject) WHERE staff_subject IS NOT NULL`,
    );
    // A local token with an email acts as the professional with that email: found by this index.
    await db.query(`CREATE INDEX people_professional_email_idx ON people (lower(email)) WHERE kind = 'PROFESSIONAL'`);
    await db.query(`ALTER TABLE audit_events ADD COLUMN actor_name text`);
    // Where each request came from: for staff and for participants acting through their personal link.
    await db.query(`ALTER TABLE audit_events ADD COLUMN origin jsonb`);
    // Lists filtered by who may see a meeting ask "is this person invited / the chair / the booker": participants
    // (person_id) and meetings (chair_id, starts_at) have their indexes; the booker gets one.
    await db.query(`CREATE INDEX meetings_booked_by_idx ON meetings (booked_by)`);
    // The record belongs to the chair, who may name a minute-taker to write it with them.
    await db.query(`ALTER TABLE meetings ADD COLUMN minute_taker_id uuid REFERENCES people(id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE meetings DROP COLUMN minute_taker_id`);
    await db.query(`DROP INDEX meetings_booked_by_idx`);
    await db.query(`ALTER TABLE audit_events DROP COLUMN origin`);
    await db.query(`ALTER TABLE audit_events DROP COLUMN actor_name`);
    await db.query(`DROP INDEX people_professional_email_idx`);
    await db.query(`DROP INDEX people_staff_subject_key`);
    await db.query(`ALTER TABLE people DROP COLUMN staff_subject`);
  }
}
