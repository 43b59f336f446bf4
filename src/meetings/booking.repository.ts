import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditInsert, AuditRow } from '../audit/audit.repository';
import type { CaseKind } from '../cases/case.entity';
import { preparedQuery } from '../database/prepared';
import { deliveriesInsert, DeliveryRow } from '../deliveries/outbox';
import type { PersonKind } from '../directory/person.entity';
import type { StaffRole } from '../auth/staff-user';
import type { CaseHistory } from '../meeting-types/timescale-rules';
import type { MeetingType } from '../meeting-types/meeting-types';
import type { IsoDate } from '../time/london';
import { caseMeetingsJson } from './case-history.repository';
import type { Meeting } from './meeting.entity';
import type { MeetingSession } from './meeting-session.entity';
import { ChairClash, chairClashOf, chairClashQuery, ChairClashRow, chairLockKey, Slot } from './meetings.repository';
import type { Participant } from './participant.entity';
import { participantsInsert } from './participants.repository';

/** A person a booking names, as its checks need them. */
export interface BookedPerson {
  id: string;
  kind: PersonKind;
  staffRole: StaffRole | null;
  email: string | null;
}

/** A case a booking names, with its history when the type has a timescale (empty meetings otherwise). */
export interface BookedCase extends CaseHistory {
  id: string;
  kind: CaseKind;
  reference: string;
}

/** Everything a booking reads before it writes. */
export interface BookingFacts {
  people: Map<string, BookedPerson>;
  cases: BookedCase[];
  /** The related meeting named: null when none has the id; `held` when it is scheduled (the timescale's trigger). */
  related: { type: MeetingType; heldOn: IsoDate; scheduled: boolean } | null;
  /** The keep-apart rules on the cases (a meeting not yet written has none of its own). */
  rules: { id: string; personIds: string[] }[];
  /** The acting person's name as the audit trail records it. */
  actorName: string | null;
}

/** What one booking writes, every row's id already chosen. */
export interface BookingRows {
  meeting: Omit<Meeting, 'createdAt' | 'updatedAt'>;
  caseIds: string[];
  sessions: Omit<MeetingSession, 'createdAt' | 'updatedAt'>[];
  participants: Participant[];
  linkExpiresAt: Date;
  deliveries: DeliveryRow[];
  audit: AuditRow;
}

/** Adds each fragment's parameters to one list, numbering them on from those before. */
class Statement {
  readonly params: unknown[] = [];
  add(fragment: (first: number) => { sql: string; params: unknown[] }): string {
    const { sql, params } = fragment(this.params.length + 1);
    this.params.push(...params);
    return sql;
  }
}

/**
 * A booking's SQL: one statement reads everything it checks (and takes the chair's lock), one writes the meeting, its
 * cases, sessions, participants, invitations and audit event (a data-modifying CTE: every foreign key is checked at
 * its end) and scans for the chair's clashes in a snapshot taken after the lock was held. With BEGIN and COMMIT, four
 * statements where there were fifteen (issue 24).
 */
@Injectable()
export class BookingRepository {
  async facts(
    db: EntityManager,
    ask: {
      personIds: string[];
      caseIds: string[];
      relatedMeetingId: string | null;
      /** null: no lock (the booker allows the chair to be double-booked). */
      lockChairId: string | null;
      withHistory: boolean;
      actor: string | null;
    },
  ): Promise<BookingFacts> {
    const [row]: {
      people: BookedPerson[];
      cases: BookedCase[];
      related: BookingFacts['related'];
      rules: BookingFacts['rules'];
      actor_name: string | null;
    }[] = await preparedQuery(
      db,
      `SELECT (SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext($1)) WHERE $1::text IS NOT NULL) l) AS locked,
              (SELECT coalesce(json_agg(json_build_object('id', p.id, 'kind', p.kind, 'staffRole', p.staff_role, 'email', p.email)), '[]')
                 FROM people p WHERE p.id = ANY($2::uuid[])) AS people,
              (SELECT coalesce(json_agg(json_build_object('id', c.id, 'kind', c.kind, 'reference', c.reference,
                        'enteredCareOn', to_char(c.entered_care_on, 'YYYY-MM-DD'), 'cpPlanStartedOn', to_char(c.cp_plan_started_on, 'YYYY-MM-DD'),
                        'ceasedLookedAfterOn', to_char(c.ceased_looked_after_on, 'YYYY-MM-DD'), 'cpPlanEndedOn', to_char(c.cp_plan_ended_on, 'YYYY-MM-DD'),
                        'meetings', CASE WHEN $5::boolean THEN ${caseMeetingsJson('c', 'NULL::uuid', 'NULL::date')} ELSE '[]'::json END)), '[]')
                 FROM cases c WHERE c.id = ANY($3::uuid[])) AS cases,
              (SELECT json_build_object('type', m.type, 'heldOn', to_char(m.held_on, 'YYYY-MM-DD'), 'scheduled', m.status = 'SCHEDULED')
                 FROM meetings m WHERE m.id = $4::uuid) AS related,
              (SELECT coalesce(json_agg(json_build_object('id', r.id, 'personIds', r.person_ids)), '[]')
                 FROM keep_apart_rules r WHERE r.case_id = ANY($3::uuid[])) AS rules,
              (SELECT name FROM people WHERE id = $6::uuid) AS actor_name`,
      [
        ask.lockChairId ? chairLockKey(ask.lockChairId) : null,
        [...new Set(ask.personIds)],
        ask.caseIds,
        ask.relatedMeetingId,
        ask.withHistory,
        ask.actor,
      ],
    );
    return {
      people: new Map(row.people.map((p) => [p.id, p])),
      cases: row.cases,
      related: row.related,
      rules: row.rules,
      actorName: row.actor_name,
    };
  }

  /**
   * Writes the booking and returns the meeting's stamps (every row's default created_at is the transaction's start,
   * so the sessions and participants share them) and, with `clashFor`, the chair's first clash: the caller then
   * refuses the booking, and the transaction's rollback takes the rows with it. The stamps are read from the first
   * session's insert rather than the meeting's: an insert the main query reads fires its statement trigger first, the
   * others then in reverse order, so the meeting's fires last and writes the committee report's summary row once
   * (the sessions' and participants' triggers leave a meeting without its row to it: migration 1764000027001).
   */
  async write(
    db: EntityManager,
    rows: BookingRows,
    clashFor: { chairId: string; slots: Slot[] } | null,
  ): Promise<{ createdAt: Date; updatedAt: Date; clash: ChairClash | undefined }> {
    const q = new Statement();
    const m = rows.meeting;
    const meeting = q.add((n) => ({
      sql: `INSERT INTO meetings (id, type, status, format, chair_id, related_meeting_id, sequence, version, starts_at, ends_at, held_on,
                                  pre_read_deadline, due_by, due_basis, within_timescale, booked_by)
            VALUES ($${n}::uuid, $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}::uuid, $${n + 5}::uuid, $${n + 6}::int, $${n + 7}::int, $${n + 8}::timestamptz,
                    $${n + 9}::timestamptz, $${n + 10}::date, $${n + 11}::timestamptz, $${n + 12}::date, $${n + 13}, $${n + 14}::boolean, $${n + 15})`,
      params: [
        m.id,
        m.type,
        m.status,
        m.format,
        m.chairId,
        m.relatedMeetingId,
        m.sequence,
        m.version,
        m.startsAt,
        m.endsAt,
        m.heldOn,
        m.preReadDeadline,
        m.dueBy,
        m.dueBasis,
        m.withinTimescale,
        m.bookedBy,
      ],
    }));
    const cases = q.add((n) => ({
      sql: `INSERT INTO meeting_cases (meeting_id, case_id, position)
            SELECT $${n}::uuid, u.case_id, (u.o - 1)::int FROM unnest($${n + 1}::uuid[]) WITH ORDINALITY AS u(case_id, o)`,
      params: [m.id, rows.caseIds],
    }));
    const s = rows.sessions;
    const sessions = q.add((n) => ({
      sql: `INSERT INTO meeting_sessions (id, meeting_id, position, label, starts_at, ends_at, video_url, dial_in_number, access_code, venue, ical_uid, sequence)
            SELECT u.id, $${n}::uuid, u.position, u.label, u.starts_at, u.ends_at, u.video_url, u.dial_in_number, u.access_code, u.venue, u.ical_uid, 0
              FROM unnest($${n + 1}::uuid[], $${n + 2}::int[], $${n + 3}::text[], $${n + 4}::timestamptz[], $${n + 5}::timestamptz[], $${n + 6}::text[],
                          $${n + 7}::text[], $${n + 8}::text[], $${n + 9}::text[], $${n + 10}::text[])
                   AS u(id, position, label, starts_at, ends_at, video_url, dial_in_number, access_code, venue, ical_uid)
            RETURNING created_at, updated_at`,
      params: [
        m.id,
        s.map((x) => x.id),
        s.map((x) => x.position),
        s.map((x) => x.label),
        s.map((x) => x.startsAt),
        s.map((x) => x.endsAt),
        s.map((x) => x.videoUrl),
        s.map((x) => x.dialInNumber),
        s.map((x) => x.accessCode),
        s.map((x) => x.venue),
        s.map((x) => x.icalUid),
      ],
    }));
    const participants = q.add((n) => participantsInsert(m.id, rows.linkExpiresAt, rows.participants, n));
    const deliveries = rows.deliveries.length ? q.add((n) => deliveriesInsert(rows.deliveries, n)) : null;
    const audit = q.add((n) => auditInsert([rows.audit], n));
    const clash = clashFor ? q.add((n) => chairClashQuery(clashFor.chairId, null, clashFor.slots, null, n)) : null;
    const [result]: { created_at: Date; updated_at: Date; clash: ChairClashRow | null }[] = await preparedQuery(
      db,
      `WITH m AS (${meeting}), mc AS (${cases}), s AS (${sessions}), p AS (${participants}),
            ${deliveries ? `d AS (${deliveries}),` : ''} a AS (${audit})${clash ? `, clash AS (${clash})` : ''}
       SELECT s.created_at, s.updated_at, ${clash ? '(SELECT row_to_json(clash) FROM clash)' : 'NULL'} AS clash FROM s LIMIT 1`,
      q.params,
    );
    return { createdAt: result.created_at, updatedAt: result.updated_at, clash: chairClashOf(result.clash) };
  }
}
