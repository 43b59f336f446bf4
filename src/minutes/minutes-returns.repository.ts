import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { MeetingType } from '../meeting-types/meeting-types';

/** A record's return to its author, as its author reads it. */
export interface MinutesReturn {
  returnedBy: string;
  returnedByName: string | null;
  comment: string;
  returnedAt: Date;
}

/** What deciding whether a record may be returned needs. */
export interface ReturnableMinutesRow {
  id: string;
  status: string;
  author: string;
  submitted_by: string | null;
  type: MeetingType;
  meeting_status: string;
  amended: boolean;
}

/** The SQL of returning a submitted record to its author (issue 21); kept apart so minutes.repository.ts stays small. */
@Injectable()
export class MinutesReturnsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The meeting's record, locked for the caller's transaction, with its meeting's type and status. */
  async lockForReturn(meetingId: string, db: EntityManager): Promise<ReturnableMinutesRow | undefined> {
    const [minutes] = await db.query<ReturnableMinutesRow[]>(
      `SELECT mi.id, mi.status, mi.author, mi.submitted_by, m.type, m.status AS meeting_status,
              EXISTS (SELECT 1 FROM minute_amendments a WHERE a.minutes_id = mi.id) AS amended
         FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id WHERE mi.meeting_id = $1 FOR UPDATE OF mi`,
      [meetingId],
    );
    return minutes;
  }

  /** The record is a draft again, and the return with its comment is kept. */
  async recordReturn(
    minutesId: string,
    meetingId: string,
    returnedBy: string,
    comment: string,
    now: Date,
    db: EntityManager,
  ): Promise<void> {
    await db.query(
      `UPDATE minutes SET status = 'DRAFT', submitted_at = NULL, submitted_by = NULL, updated_at = $2 WHERE id = $1`,
      [minutesId, now],
    );
    await db.query(
      `INSERT INTO minutes_returns (minutes_id, meeting_id, returned_by, comment, returned_at) VALUES ($1, $2, $3, $4, $5)`,
      [minutesId, meetingId, returnedBy, comment, now],
    );
  }

  async latest(meetingId: string, db: EntityManager = this.dataSource.manager): Promise<MinutesReturn | null> {
    const [row] = await db.query<MinutesReturn[]>(
      `SELECT r.returned_by AS "returnedBy", p.name AS "returnedByName", r.comment, r.returned_at AS "returnedAt"
         FROM minutes_returns r LEFT JOIN people p ON p.id = r.returned_by
        WHERE r.meeting_id = $1 ORDER BY r.returned_at DESC LIMIT 1`,
      [meetingId],
    );
    return row ?? null;
  }
}
