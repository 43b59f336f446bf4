import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SqlCondition } from '../access/access-policy';
import type { StaffUser } from '../auth/staff-user';

export interface PersonName {
  id: string;
  name: string;
  kind: 'PROFESSIONAL' | 'FAMILY';
  agency: string | null;
}

export interface DocumentRow {
  id: string;
  title: string;
  audience: 'PROFESSIONALS' | 'ALL_PARTICIPANTS';
  late: boolean;
  submittedAt: Date;
  participantId: string | null;
}

export interface NeedRow {
  meetingId: string;
  type: string;
  startsAt: Date;
  count: number;
}

/** "One of mine": the person chairs it, booked it, takes its minutes or is invited to it. */
const MINE = `(m.chair_id = $1::uuid OR m.booked_by = $1::text OR m.minute_taker_id = $1::uuid
               OR EXISTS (SELECT 1 FROM participants mp WHERE mp.meeting_id = m.id AND mp.person_id = $1::uuid AND mp.removed_at IS NULL))`;
/** Meetings the person runs: what they are asked to act on. */
const RUN = `(m.chair_id = $1::uuid OR m.booked_by = $1::text)`;

/**
 * The SQL of the staff pages that the API does not already answer: a person's own meetings and what needs them,
 * names for ids, a meeting's documents. Every meeting query carries the access policy's condition as well.
 * Served by the indexes on meetings (chair_id, booked_by, starts_at), participants (person_id) and deliveries.
 */
@Injectable()
export class StaffPagesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager() {
    return this.dataSource.manager;
  }

  /** Ids of the person's meetings overlapping [from, to), in order of start; `visible` numbers its parameters from 4. */
  async myMeetingIds(user: StaffUser, from: Date, to: Date, visible: SqlCondition): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT m.id FROM (
         -- The meetings overlapping [from, to), by meetings_span_idx alone (OFFSET 0: not merged with the conditions
         -- below into one bitmap of every meeting of a visible type); then which of them are the person's.
         SELECT * FROM meetings WHERE tstzrange(starts_at, ends_at, '[]') && tstzrange($2, $3, '()') OFFSET 0
       ) m WHERE ${MINE} AND m.status = 'SCHEDULED' AND m.ends_at > $2 AND m.starts_at < $3 AND ${visible.sql}
        ORDER BY m.starts_at, m.id LIMIT 200`,
      [user.id, from, to, ...visible.params],
    );
    return rows.map((r) => r.id);
  }

  /** Invitations whose latest message (email or text) failed, in meetings the person runs that have not ended. */
  failedInvites(user: StaffUser, now: Date): Promise<NeedRow[]> {
    return this.needs(
      `SELECT m.id AS "meetingId", m.type, m.starts_at AS "startsAt", count(*)::int AS count FROM meetings m
         JOIN (SELECT DISTINCT ON (d.participant_id, d.session_id, d.channel) d.meeting_id, d.status FROM deliveries d
                WHERE d.kind IN ('INVITE','UPDATE','SMS_INVITE','SMS_UPDATE') AND d.meeting_id IN (
                  SELECT id FROM meetings m WHERE ${RUN} AND m.ends_at > $2
                     AND EXISTS (SELECT 1 FROM deliveries f WHERE f.meeting_id = m.id AND f.status IN ('FAILED', 'BOUNCED')))
                ORDER BY d.participant_id, d.session_id, d.channel, d.created_at DESC) latest ON latest.meeting_id = m.id
        WHERE latest.status IN ('FAILED', 'BOUNCED') AND m.status = 'SCHEDULED' GROUP BY m.id ORDER BY m.starts_at`,
      [user.id, now],
    );
  }

  /** Participants who have not replied, in meetings the person runs starting before `until`. */
  missingReplies(user: StaffUser, now: Date, until: Date): Promise<NeedRow[]> {
    return this.needs(
      `SELECT m.id AS "meetingId", m.type, m.starts_at AS "startsAt", count(*)::int AS count FROM meetings m
         JOIN participants p ON p.meeting_id = m.id AND p.removed_at IS NULL AND p.rsvp = 'NEEDS_ACTION' AND NOT p.is_chair
        WHERE ${RUN} AND m.status = 'SCHEDULED' AND m.starts_at > $2 AND m.starts_at < $3 GROUP BY m.id ORDER BY m.starts_at`,
      [user.id, now, until],
    );
  }

  /** Reports asked for and not yet uploaded, in the next 50 meetings the person runs that have not started. */
  missingReports(user: StaffUser, now: Date): Promise<NeedRow[]> {
    return this.needs(
      `SELECT m.id AS "meetingId", m.type, m.starts_at AS "startsAt", count(*)::int AS count FROM meetings m
         JOIN participants p ON p.meeting_id = m.id AND p.removed_at IS NULL AND p.report_required
        WHERE ${RUN} AND m.status = 'SCHEDULED' AND m.starts_at > $2
          AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.meeting_id = m.id AND d.participant_id = p.id)
        GROUP BY m.id ORDER BY m.starts_at LIMIT 50`,
      [user.id, now],
    );
  }

  /** Records the person writes (as chair or minute-taker) for meetings that have ended, not yet submitted. */
  recordsToWrite(user: StaffUser, now: Date): Promise<NeedRow[]> {
    return this.needs(
      `SELECT m.id AS "meetingId", m.type, m.starts_at AS "startsAt", 1 AS count FROM meetings m LEFT JOIN minutes r ON r.meeting_id = m.id
        WHERE (m.chair_id = $1::uuid OR m.minute_taker_id = $1::uuid) AND m.status = 'SCHEDULED' AND m.ends_at <= $2
          AND (r.id IS NULL OR r.status = 'DRAFT') ORDER BY m.starts_at LIMIT 50`,
      [user.id, now],
    );
  }

  /** Submitted records of types the person approves, in meetings they see, that they did not write or submit. */
  recordsToApprove(user: StaffUser, types: string[], visible: SqlCondition): Promise<NeedRow[]> {
    return this.needs(
      `SELECT m.id AS "meetingId", m.type, m.starts_at AS "startsAt", 1 AS count FROM meetings m JOIN minutes r ON r.meeting_id = m.id
        WHERE r.status = 'SUBMITTED' AND m.type = ANY($2::text[]) AND r.author <> $1::text AND r.submitted_by IS DISTINCT FROM $1::text AND ${visible.sql}
        ORDER BY m.starts_at LIMIT 50`,
      [user.id, types, ...visible.params],
    );
  }

  async names(ids: string[]): Promise<Map<string, PersonName>> {
    const rows: PersonName[] = ids.length
      ? await this.dataSource.query(
          `SELECT p.id, p.name, p.kind, a.name AS agency FROM people p LEFT JOIN agencies a ON a.id = p.agency_id WHERE p.id = ANY($1::uuid[])`,
          [ids],
        )
      : [];
    return new Map(rows.map((r) => [r.id, r]));
  }

  documents(meetingId: string): Promise<DocumentRow[]> {
    return this.dataSource.query(
      `SELECT id, title, audience, late, submitted_at AS "submittedAt", participant_id AS "participantId" FROM documents WHERE meeting_id = $1 ORDER BY submitted_at, id`,
      [meetingId],
    );
  }

  /**
   * The first `limit` people who may be invited or chair, as the person may look them up (`visible` numbers its
   * parameters from 1).
   */
  people(visible: SqlCondition, limit: number): Promise<PersonName[]> {
    return this.dataSource.query(
      `SELECT p.id, p.name, p.kind, a.name AS agency FROM people p LEFT JOIN agencies a ON a.id = p.agency_id WHERE ${visible.sql} ORDER BY p.kind DESC, p.name, p.id LIMIT ${Math.trunc(limit)}`,
      visible.params,
    );
  }

  /** Those of these people the person may look up (`visible` numbers its parameters from 1). */
  peopleAmong(ids: string[], visible: SqlCondition): Promise<PersonName[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT p.id, p.name, p.kind, a.name AS agency FROM people p LEFT JOIN agencies a ON a.id = p.agency_id WHERE ${visible.sql} AND p.id = ANY($${visible.params.length + 1}::uuid[])`,
      [...visible.params, ids],
    );
  }

  async caseIdByReference(reference: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM cases WHERE lower(reference) = lower($1)`,
      [reference.trim()],
    );
    return row?.id ?? null;
  }

  private needs(sql: string, params: unknown[]): Promise<NeedRow[]> {
    return this.dataSource.query(sql, params);
  }
}
