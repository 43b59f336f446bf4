import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../time/clock';
import type { DistributionPerson } from './record-distribution';

/** The SQL of the record's letters: distribution-only recipients and the decision letters already sent. */
@Injectable()
export class RecordLettersRepository {
  constructor(private readonly clock: Clock) {}

  /** These people as the directory holds them, with their agency's name. */
  async people(db: EntityManager, personIds: string[]): Promise<Map<string, DistributionPerson>> {
    if (personIds.length === 0) return new Map();
    const rows: DistributionPerson[] = await db.query(
      `SELECT p.id, p.name, p.email, p.kind, a.name AS agency
         FROM people p LEFT JOIN agencies a ON a.id = p.agency_id WHERE p.id = ANY($1::uuid[])`,
      [personIds],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The meeting's signed written agreement (PLO), the latest uploaded; null when none is. */
  async writtenAgreement(
    db: EntityManager,
    meetingId: string,
  ): Promise<{ id: string; fileName: string; signedBy: string; signedOn: string } | null> {
    const rows: { id: string; fileName: string; signedBy: string; signedOn: string }[] = await db.query(
      `SELECT id, file_name AS "fileName", signed_by AS "signedBy", to_char(signed_on, 'YYYY-MM-DD') AS "signedOn"
         FROM documents WHERE meeting_id = $1 AND kind = 'WRITTEN_AGREEMENT' ORDER BY submitted_at DESC LIMIT 1`,
      [meetingId],
    );
    return rows[0] ?? null;
  }

  /** Whether the letter with this content was already sent (or is on its way). */
  async letterSent(db: EntityManager, meetingId: string, minutesId: string, hash: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM deliveries WHERE meeting_id = $1 AND kind = 'DECISION_LETTER' AND dedupe_key LIKE $2 LIMIT 1`,
      [meetingId, `decision-letter:${minutesId}:${hash}:%`],
    );
    return rows.length > 0;
  }

  /** Whether a decision letter of this record went out (or is on its way) before: the next one is an update. */
  async letterBefore(db: EntityManager, meetingId: string, minutesId: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM deliveries WHERE meeting_id = $1 AND kind = 'DECISION_LETTER' AND dedupe_key LIKE $2 LIMIT 1`,
      [meetingId, `decision-letter:${minutesId}:%`],
    );
    return rows.length > 0;
  }

  /** An earlier letter not yet sent is not worth sending once the decisions changed. */
  async supersedeUnsentLetters(db: EntityManager, meetingId: string): Promise<void> {
    await db.query(
      `UPDATE deliveries SET status = 'SUPERSEDED', updated_at = $2
        WHERE meeting_id = $1 AND kind = 'DECISION_LETTER' AND status = 'PENDING'`,
      [meetingId, this.clock.now()],
    );
  }
}
