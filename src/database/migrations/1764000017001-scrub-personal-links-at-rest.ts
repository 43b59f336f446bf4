import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: messages stored before the placeholder (personal-link-at-send.ts) held working personal links. They are
 * dropped; a retry composes its message again and invite.ics renders from the current state.
 */
export class ScrubPersonalLinksAtRest1764000017001 implements MigrationInterface {
  name = 'ScrubPersonalLinksAtRest1764000017001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `UPDATE deliveries SET rendered = NULL WHERE rendered IS NOT NULL AND rendered::text ~ '/p/[A-Za-z0-9_-]{43}'`,
    );
  }

  async down(): Promise<void> {
    // Nothing to restore: the links are re-created at send time.
  }
}
