import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 24 (every figure at 1,000,000 meetings):
 * - the yearly report reads, for each meeting held, the reports it was owed and whether each came in on time: both
 *   from indexes alone (participants' reports owed carry the participant's id; documents on time by participant);
 * - "Your meetings" finds the person's meetings overlapping a fortnight from their span (a GiST range index), not by
 *   reading every meeting that started before the fortnight ends;
 * - the records a minute-taker writes are found by the minute-taker (as the chair's are by the chair).
 */
export class IndexSweepsReportsAndPages1764000026001 implements MigrationInterface {
  name = 'IndexSweepsReportsAndPages1764000026001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX participants_report_required_idx`);
    await db.query(
      `CREATE INDEX participants_report_required_idx ON participants (meeting_id) INCLUDE (id) WHERE report_required AND removed_at IS NULL`,
    );
    await db.query(`CREATE INDEX documents_on_time_idx ON documents (participant_id) WHERE NOT late`);
    await db.query(`CREATE INDEX meetings_span_idx ON meetings USING gist (tstzrange(starts_at, ends_at, '[]'))`);
    await db.query(
      `CREATE INDEX meetings_minute_taker_idx ON meetings (minute_taker_id) WHERE minute_taker_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX meetings_minute_taker_idx`);
    await db.query(`DROP INDEX meetings_span_idx`);
    await db.query(`DROP INDEX documents_on_time_idx`);
    await db.query(`DROP INDEX participants_report_required_idx`);
    await db.query(
      `CREATE INDEX participants_report_required_idx ON participants (meeting_id) WHERE report_required AND removed_at IS NULL`,
    );
  }
}
