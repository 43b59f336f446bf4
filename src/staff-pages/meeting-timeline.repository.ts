import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TIMELINE_LABELS, TimelineEvent } from './meeting-timeline';

/** The newest of a meeting's changes in the audit trail (reads and refusals are not asked for). */
@Injectable()
export class MeetingTimelineRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  events(meetingId: string, limit = 100): Promise<TimelineEvent[]> {
    return this.dataSource.query(
      `SELECT at, actor, actor_name AS "actorName", action, person_id AS "personId"
         FROM audit_events WHERE meeting_id = $1 AND action = ANY($2::text[])
        ORDER BY at DESC, id DESC LIMIT $3`,
      [meetingId, Object.keys(TIMELINE_LABELS), limit],
    );
  }
}
