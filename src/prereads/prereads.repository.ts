import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NewDelivery } from '../deliveries/outbox';
import { MeetingDocument } from './document.entity';

/** A reminder or pack the deadline sweeper owes, as the outbox takes it. */
type DueMessage = Required<Pick<NewDelivery, 'meetingId' | 'participantId' | 'hasAddress' | 'dedupeKey' | 'payload'>>;

/** The pre-reads' SQL: what the deadline sweeper owes, who was reminded, a participant's sessions, a document's content. */
@Injectable()
export class PrereadsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One sweeper at a time across instances (for the rest of the caller's transaction). */
  async trySweeperLock(db: EntityManager): Promise<boolean> {
    const [{ locked }]: { locked: boolean }[] = await db.query(
      `SELECT pg_try_advisory_xact_lock(hashtext('quorum:deadline-sweeper')) AS locked`,
    );
    return locked;
  }

  /**
   * Those who still owe a report whose deadline is within `hours` but not yet within `nextSmallerHours`, not reminded
   * for this window and deadline already. Served by meetings_pre_read_deadline_idx.
   */
  async remindersDue(db: EntityManager, now: Date, hours: number, nextSmallerHours: number): Promise<DueMessage[]> {
    return db.query(
      `SELECT * FROM (
         SELECT m.id AS "meetingId", p.id AS "participantId", pe.email IS NOT NULL AS "hasAddress",
                'reminder:' || p.id || ':' || $2::int || ':' || to_char(m.pre_read_deadline AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS') AS "dedupeKey",
                jsonb_build_object('deadline', m.pre_read_deadline, 'hoursBefore', $2::int) AS payload
           FROM meetings m
           JOIN participants p ON p.meeting_id = m.id AND p.report_required AND p.removed_at IS NULL
           JOIN people pe ON pe.id = p.person_id
          WHERE m.status = 'SCHEDULED'
            AND m.pre_read_deadline > $1
            AND m.pre_read_deadline <= $1 + make_interval(hours => $2::int)
            AND m.pre_read_deadline > $1 + make_interval(hours => $3::int)
            AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.meeting_id = m.id AND d.participant_id = p.id)
       ) due WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.dedupe_key = due."dedupeKey")`,
      [now, hours, nextSmallerHours],
    );
  }

  /** Every participant's pack at the deadline (within a week, in case we were down), not enqueued already. */
  async packsDue(db: EntityManager, now: Date): Promise<DueMessage[]> {
    return db.query(
      `SELECT * FROM (
         SELECT m.id AS "meetingId", p.id AS "participantId", pe.email IS NOT NULL AS "hasAddress",
                'pack:' || p.id || ':' || to_char(m.pre_read_deadline AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS') AS "dedupeKey",
                jsonb_build_object('deadline', m.pre_read_deadline) AS payload
           FROM meetings m
           JOIN participants p ON p.meeting_id = m.id AND p.removed_at IS NULL
           JOIN people pe ON pe.id = p.person_id
          WHERE m.status = 'SCHEDULED'
            AND m.pre_read_deadline <= $1
            AND m.pre_read_deadline > $1 - interval '7 days'
       ) due WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.dedupe_key = due."dedupeKey")`,
      [now],
    );
  }

  /** When each participant of the meeting was reminded about their report (sent or on its way). */
  async remindersSent(meetingId: string): Promise<{ participant_id: string; sent_at: Date }[]> {
    return this.dataSource.query(
      `SELECT participant_id, coalesce(sent_at, created_at) AS sent_at FROM deliveries WHERE meeting_id = $1 AND kind = 'REMINDER' AND status IN ('SENT','SENDING','PENDING') ORDER BY created_at`,
      [meetingId],
    );
  }

  /** The sessions a participant still on the meeting is invited to; null when they are not on it. */
  async sessionIdsOf(db: EntityManager, participantId: string): Promise<string[] | null> {
    const rows: { session_ids: string[] }[] = await db.query(
      `SELECT session_ids FROM participants WHERE id = $1 AND removed_at IS NULL`,
      [participantId],
    );
    return rows[0]?.session_ids ?? null;
  }

  /** The document with its content (left out of every other read), if it belongs to the meeting. */
  async withContent(meetingId: string, documentId: string): Promise<MeetingDocument | null> {
    return this.dataSource
      .getRepository(MeetingDocument)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.id = :documentId AND d.meeting_id = :meetingId', { documentId, meetingId })
      .getOne();
  }
}
