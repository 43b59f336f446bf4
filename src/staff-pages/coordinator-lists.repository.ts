import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SqlCondition } from '../access/access-policy';
import { openHelpRequests } from '../participant-links/help-requests.repository';

/** One thing to act on in one meeting: who it concerns (where it is a person) and the figure behind it. */
export interface TaskRow {
  meetingId: string;
  type: string;
  startsAt: Date;
  person: string | null;
  role: string | null;
  detail: string | null;
}

/** A failed invitation: `detail` its status, by email or text, and what the server or Notify said. */
export interface FailedInviteRow extends TaskRow {
  channel: 'email' | 'sms';
  reason: string | null;
}

/**
 * The coordinator's task list (issue 21) beyond `GET /api/tasks`: invitations that failed or came back, reports not
 * in by the deadline (records overdue come from the due report; records waiting for approval from records-waiting.ts). Every query carries the access policy's
 * condition on the meeting `m`, its parameters numbered from 2 where $1 is the Clock's now (never the database's).
 */
@Injectable()
export class CoordinatorListsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Participants whose latest invitation failed or bounced, by email or by text (each channel on its own: a text that
   * failed is not hidden by an email that went), with the reason, in meetings that have not ended.
   */
  failedInvites(now: Date, visible: SqlCondition): Promise<FailedInviteRow[]> {
    return this.dataSource.query(
      `SELECT m.id AS "meetingId", m.type, m.starts_at AS "startsAt", pe.name AS person, p.role, latest.status AS detail,
              latest.channel, latest.last_error AS reason
         FROM (SELECT DISTINCT ON (d.participant_id, d.channel) d.meeting_id, d.participant_id, d.status, d.channel, d.last_error
                 FROM deliveries d
                WHERE d.kind IN ('INVITE','UPDATE','SMS_INVITE','SMS_UPDATE') AND d.participant_id IS NOT NULL
                ORDER BY d.participant_id, d.channel, d.created_at DESC) latest
         JOIN meetings m ON m.id = latest.meeting_id
         JOIN participants p ON p.id = latest.participant_id AND p.removed_at IS NULL
         JOIN people pe ON pe.id = p.person_id
        WHERE latest.status IN ('FAILED','BOUNCED') AND m.status = 'SCHEDULED' AND m.ends_at > $1 AND ${visible.sql}
        ORDER BY m.starts_at, pe.name, latest.channel LIMIT 200`,
      [now, ...visible.params],
    );
  }

  /** Reports asked for and not uploaded, where the meeting's report deadline has passed and it has not ended. */
  lateReports(now: Date, visible: SqlCondition): Promise<TaskRow[]> {
    return this.dataSource.query(
      `SELECT m.id AS "meetingId", m.type, m.starts_at AS "startsAt", pe.name AS person, p.role, NULL AS detail
         FROM meetings m
         JOIN participants p ON p.meeting_id = m.id AND p.removed_at IS NULL AND p.report_required
         JOIN people pe ON pe.id = p.person_id
        WHERE m.status = 'SCHEDULED' AND m.pre_read_deadline < $1 AND m.ends_at > $1 AND ${visible.sql}
          AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.meeting_id = m.id AND d.participant_id = p.id)
        ORDER BY m.starts_at, pe.name LIMIT 200`,
      [now, ...visible.params],
    );
  }

  /** Help asked for from a participant's page, in meetings that have not ended (issue 21). */
  helpRequests(now: Date, visible: SqlCondition) {
    return openHelpRequests(this.dataSource.manager, now, visible);
  }

  /** When each meeting starts: the lists name a meeting by its type and its start. */
  async startsOf(ids: string[]): Promise<Map<string, Date>> {
    const rows: { id: string; starts_at: Date }[] = ids.length
      ? await this.dataSource.query(`SELECT id, starts_at FROM meetings WHERE id = ANY($1::uuid[])`, [ids])
      : [];
    return new Map(rows.map((r) => [r.id, r.starts_at]));
  }

  /** The case references of each meeting, joined: the due list names a record by its cases, as it does a meeting. */
  async caseReferencesOf(ids: string[]): Promise<Map<string, string>> {
    const rows: { id: string; refs: string }[] = ids.length
      ? await this.dataSource.query(
          `SELECT mc.meeting_id AS id, string_agg(c.reference, ', ' ORDER BY c.reference) AS refs FROM meeting_cases mc JOIN cases c ON c.id = mc.case_id
            WHERE mc.meeting_id = ANY($1::uuid[]) GROUP BY mc.meeting_id`,
          [ids],
        )
      : [];
    return new Map(rows.map((r) => [r.id, r.refs]));
  }
}
