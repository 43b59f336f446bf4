import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MeetingDocument } from './document.entity';

/** The pre-reads' SQL: what the deadline sweeper owes, who was reminded, a participant's sessions, a document's content. */
@Injectable()
export class PrereadsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One sweeper at a time across instances (for the rest of the caller's transaction): the gate of its one INSERT. */
  readonly sweeperLock = `pg_try_advisory_xact_lock(hashtext('quorum:deadline-sweeper'))`;

  /**
   * Everything the deadline sweeper owes at `now`, as one SELECT (for Outbox.enqueueSelected): for each reminder window
   * (`hours` before the deadline, down to the next smaller window), those who still owe a report; and every
   * participant's pack at the deadline (within a week, in case we were down). Each message's dedupe key (participant,
   * window, deadline) makes it once only. Served by meetings_pre_read_deadline_idx, one index range per window.
   */
  dueMessages(now: Date, windows: { hours: number; nextSmaller: number }[]): { sql: string; params: unknown[] } {
    const stamp = `to_char(m.pre_read_deadline AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS')`;
    const params: unknown[] = [now];
    const at = (value: unknown) => `$${params.push(value)}`;
    const hoursFrom = (hours: number) => new Date(now.getTime() + hours * 3600_000);
    // One SELECT per window, its bounds as values (so the planner sees a narrow range of the index, not a join).
    const reminders = windows.map(({ hours, nextSmaller }) => {
      const [after, until, h] = [at(hoursFrom(nextSmaller)), at(hoursFrom(hours)), at(hours)];
      return `SELECT m.id AS meeting_id, p.id AS participant_id, 'REMINDER' AS kind, pe.email IS NOT NULL AS has_address,
                     'reminder:' || p.id || ':' || ${h}::int || ':' || ${stamp} AS dedupe_key,
                     jsonb_build_object('deadline', m.pre_read_deadline, 'hoursBefore', ${h}::int) AS payload
                FROM meetings m
                JOIN participants p ON p.meeting_id = m.id AND p.report_required AND p.removed_at IS NULL
                JOIN people pe ON pe.id = p.person_id
               WHERE m.status = 'SCHEDULED' AND m.pre_read_deadline > ${after}::timestamptz AND m.pre_read_deadline <= ${until}::timestamptz
                 AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.meeting_id = m.id AND d.participant_id = p.id)`;
    });
    const packs = `SELECT m.id AS meeting_id, p.id AS participant_id, 'PACK' AS kind, pe.email IS NOT NULL AS has_address,
                          'pack:' || p.id || ':' || ${stamp} AS dedupe_key, jsonb_build_object('deadline', m.pre_read_deadline) AS payload
                     FROM meetings m
                     JOIN participants p ON p.meeting_id = m.id AND p.removed_at IS NULL
                     JOIN people pe ON pe.id = p.person_id
                    WHERE m.status = 'SCHEDULED' AND m.pre_read_deadline <= $1::timestamptz
                      AND m.pre_read_deadline > ${at(new Date(now.getTime() - 7 * 24 * 3600_000))}::timestamptz`;
    return { sql: [...reminders, packs].join('\n UNION ALL\n'), params };
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
