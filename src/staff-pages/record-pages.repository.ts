import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SqlCondition } from '../access/access-policy';
import { Participant } from '../meetings/participant.entity';

/** A record waiting for someone, as the approvals page lists it. */
export interface RecordRow {
  meetingId: string;
  type: string;
  startsAt: Date;
  caseReferences: string;
  authorName: string | null;
  status: string;
  submittedAt: Date | null;
  approvedAt: Date | null;
  /** The latest amendment, when the record was corrected after approval. */
  amendmentReason: string | null;
  amendedAt: Date | null;
}

export interface AuditRow {
  at: Date;
  actorName: string | null;
  actor: string;
  action: string;
  entity: string;
  meetingId: string | null;
  personId: string | null;
  personName: string | null;
}

export interface AuditFilter {
  meetingId?: string;
  personId?: string;
  from?: string;
  to?: string;
  page: number;
}

export const AUDIT_PAGE_SIZE = 50;

/** The reads behind the record, approvals and audit pages (the writes go through the minutes services). */
@Injectable()
export class RecordPagesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async keeper(meetingId: string): Promise<{ chairId: string; minuteTakerId: string | null } | null> {
    const [row]: { chairId: string; minuteTakerId: string | null }[] = await this.dataSource.query(
      `SELECT chair_id AS "chairId", minute_taker_id AS "minuteTakerId" FROM meetings WHERE id = $1`,
      [meetingId],
    );
    return row ?? null;
  }

  participant(id: string): Promise<Participant | null> {
    return this.dataSource.getRepository(Participant).findOneBy({ id });
  }

  /** Each case of the meeting: its kind (which needs a MARAC referral) and its letter before proceedings (PLO). */
  cases(meetingId: string): Promise<{ id: string; kind: string; ploLetterOn: string | null }[]> {
    return this.dataSource.query(
      `SELECT c.id, c.kind, to_char(c.plo_letter_on, 'YYYY-MM-DD') AS "ploLetterOn"
         FROM meeting_cases mc JOIN cases c ON c.id = mc.case_id WHERE mc.meeting_id = $1 ORDER BY mc.position`,
      [meetingId],
    );
  }

  /** The agencies that may dissent or refer (directory data, not about any family). */
  agencies(): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query(`SELECT id, name FROM agencies ORDER BY name, id LIMIT 500`);
  }

  /** Who the join/leave log shows joined: their attendance starts as "attended". */
  async joined(meetingId: string): Promise<Set<string>> {
    const rows: { participantId: string }[] = await this.dataSource.query(
      `SELECT DISTINCT participant_id AS "participantId" FROM attendance_log WHERE meeting_id = $1 AND event = 'JOINED'`,
      [meetingId],
    );
    return new Set(rows.map((r) => r.participantId));
  }

  /**
   * Records in `status` of meetings the caller sees (`visible`, a condition on `m` numbered from $1) and of the
   * given types; `notWrittenBy` leaves out what that person wrote, submitted or amended.
   */
  async records(
    visible: SqlCondition,
    status: 'SUBMITTED' | 'APPROVED',
    types: string[],
    notWrittenBy: string | null,
  ): Promise<RecordRow[]> {
    const next = visible.params.length + 1;
    return this.dataSource.query(
      `SELECT m.id AS "meetingId", m.type, m.starts_at AS "startsAt", mi.status,
              mi.submitted_at AS "submittedAt", mi.approved_at AS "approvedAt", author.name AS "authorName",
              (SELECT string_agg(c.reference, ', ' ORDER BY mc.position) FROM meeting_cases mc JOIN cases c ON c.id = mc.case_id
                WHERE mc.meeting_id = m.id) AS "caseReferences",
              latest.reason AS "amendmentReason", latest.created_at AS "amendedAt"
         FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id
         LEFT JOIN people author ON author.id::text = mi.author
         LEFT JOIN LATERAL (SELECT a.reason, a.created_at FROM minute_amendments a WHERE a.minutes_id = mi.id
                             ORDER BY a.created_at DESC LIMIT 1) latest ON true
        WHERE mi.status = $${next} AND m.type = ANY($${next + 1}::text[]) AND m.status = 'SCHEDULED' AND ${visible.sql}
          AND ($${next + 2}::text IS NULL OR (mi.author <> $${next + 2} AND mi.submitted_by IS DISTINCT FROM $${next + 2}
               AND NOT EXISTS (SELECT 1 FROM minute_amendments a WHERE a.minutes_id = mi.id AND a.amended_by = $${next + 2})))
        ORDER BY mi.submitted_at NULLS LAST, m.starts_at
        LIMIT 200`,
      [...visible.params, status, types, notWrittenBy],
    );
  }

  /** The trail, newest first: events of meetings the caller sees, and of a person they may look up (`person` asked). */
  async audit(visible: SqlCondition, filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
    const params: unknown[] = [...visible.params];
    const at = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [
      filter.personId
        ? `(e.meeting_id IS NULL OR EXISTS (SELECT 1 FROM meetings m WHERE m.id = e.meeting_id AND ${visible.sql}))`
        : `EXISTS (SELECT 1 FROM meetings m WHERE m.id = e.meeting_id AND ${visible.sql})`,
    ];
    if (filter.meetingId) where.push(`e.meeting_id = ${at(filter.meetingId)}::uuid`);
    if (filter.personId) {
      const person = at(filter.personId);
      where.push(`(e.person_id = ${person}::uuid OR e.actor = ${person}::text)`);
    }
    // Dates are London days: from the start of `from` to the end of `to`.
    if (filter.from) where.push(`e.at >= (${at(filter.from)}::date::timestamp AT TIME ZONE 'Europe/London')`);
    if (filter.to) where.push(`e.at < ((${at(filter.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/London')`);
    const sql = where.join(' AND ');
    const [{ total }]: { total: string }[] = await this.dataSource.query(
      `SELECT count(*) AS total FROM audit_events e WHERE ${sql}`,
      params,
    );
    const limit = at(AUDIT_PAGE_SIZE);
    const offset = at((filter.page - 1) * AUDIT_PAGE_SIZE);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT e.at, e.actor_name AS "actorName", e.actor, e.action, e.entity, e.meeting_id AS "meetingId",
              e.person_id AS "personId", p.name AS "personName"
         FROM audit_events e LEFT JOIN people p ON p.id = e.person_id
        WHERE ${sql} ORDER BY e.at DESC, e.id DESC LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { rows, total: Number(total) };
  }
}
