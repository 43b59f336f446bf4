import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MeetingType, MeetingTypeRules } from '../meeting-types/meeting-types';
import {
  CaseHistory,
  isWithinTimescale,
  nextDue,
  preReadDeadline,
  statutoryDueBy,
} from '../meeting-types/timescale-rules';
import { Clock } from '../time/clock';
import type { TimelineMeeting } from './case-timeline';
import { IsoDate, londonDateOf } from '../time/london';

/**
 * A case's scheduled meetings (the alias `c` is the case) with the outcome each submitted record gives for this case,
 * as a JSON array ordered by date: `exclude` and `heldOnOrBefore` are SQL expressions (a parameter or NULL). Shared
 * by the history read below and the booking's one read (booking.repository.ts). The meetings are read from the case's
 * own links, each by primary key (the LIMIT 1 lateral keeps that order): with stale statistics the planner otherwise
 * read every scheduled meeting through a partial index and hashed them.
 */
export function caseMeetingsJson(c: string, exclude: string, heldOnOrBefore: string): string {
  return `coalesce((
                SELECT json_agg(json_build_object('type', m.type, 'heldOn', to_char(m.held_on, 'YYYY-MM-DD'), 'outcome', m.outcome) ORDER BY m.held_on)
                  FROM meeting_cases mc
                  CROSS JOIN LATERAL (
                    SELECT m.type, m.held_on,
                           (SELECT o->>'outcome' FROM minutes r, jsonb_array_elements(coalesce(r.record->'outcomes', '[]')) o
                             WHERE r.meeting_id = m.id AND r.status <> 'DRAFT' AND o->>'caseId' = mc.case_id::text LIMIT 1) AS outcome
                      FROM meetings m
                     WHERE m.id = mc.meeting_id AND m.status = 'SCHEDULED' AND (${exclude} IS NULL OR m.id <> ${exclude}) AND (${heldOnOrBefore} IS NULL OR m.held_on <= ${heldOnOrBefore})
                     LIMIT 1
                  ) m
                 WHERE mc.case_id = ${c}.id
              ), '[]')`;
}

export interface Due {
  dueBy: IsoDate | null;
  basis: string | null;
  withinTimescale: boolean | null;
}

/** Feeds the pure timescale rules with what Quorum holds about each case: the case-history look-up, its SQL here. */
@Injectable()
export class Timescales {
  constructor(
    private readonly rules: MeetingRules,
    private readonly clock: Clock,
  ) {}

  /**
   * On the local calendar: a deadline in working days skips the council's closure days too (CLOSURE_DAYS). Set now
   * (a booking, a move), so a meeting inside its window has its pre-reads due at the start, never in the past.
   */
  preReadDeadline(rules: MeetingTypeRules, firstSessionStartsAt: Date): Date {
    return preReadDeadline(rules, firstSessionStartsAt, this.rules.localCalendar, this.clock.now());
  }

  /** The statutory latest date for a meeting of this type about these cases: the earliest across a sibling group. */
  async dueFor(
    db: EntityManager,
    meeting: {
      type: MeetingType;
      caseIds: string[];
      heldOn: IsoDate;
      relatedMeetingId: string | null;
      excludeMeetingId: string | null;
    },
  ): Promise<Due> {
    if (!this.rules.of(meeting.type).timescale) return { dueBy: null, basis: null, withinTimescale: null };
    const trigger = meeting.relatedMeetingId ? await this.heldMeeting(db, meeting.relatedMeetingId) : undefined;
    const histories: CaseHistory[] = [];
    for (const caseId of meeting.caseIds) histories.push(await this.history(db, caseId, meeting.excludeMeetingId));
    return this.dueFrom(meeting.type, histories, trigger, meeting.heldOn);
  }

  /** The earliest statutory latest date the cases' histories give (a booking reads them all in its one read). */
  dueFrom(
    type: MeetingType,
    histories: CaseHistory[],
    trigger: { type: MeetingType; heldOn: IsoDate } | undefined,
    heldOn: IsoDate,
  ): Due {
    const rules = this.rules.of(type);
    if (!rules.timescale) return { dueBy: null, basis: null, withinTimescale: null };
    let best: { dueBy: IsoDate; basis: string } | null = null;
    for (const history of histories) {
      const due = statutoryDueBy(rules, history, this.rules.calendar, { trigger, before: heldOn });
      if (due && (!best || due.dueBy < best.dueBy)) best = due;
    }
    if (!best) return { dueBy: null, basis: null, withinTimescale: null };
    return { dueBy: best.dueBy, basis: best.basis, withinTimescale: isWithinTimescale(best.dueBy, heldOn) };
  }

  /**
   * After a case's dates change (entered care, plan ended): each of its meetings' statutory latest date, basis and
   * whether it was within it, recomputed as a booking computes them. Computed fields only: the meeting's version
   * (its ETag for a client's change) stays.
   */
  async refreshMeetingsOf(db: EntityManager, caseId: string): Promise<void> {
    const meetings: {
      id: string;
      type: MeetingType;
      held_on: IsoDate;
      related_meeting_id: string | null;
      case_ids: string[];
    }[] = await db.query(
      `SELECT m.id, m.type, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, m.related_meeting_id,
              (SELECT array_agg(x.case_id) FROM meeting_cases x WHERE x.meeting_id = m.id) AS case_ids
         FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id
        WHERE mc.case_id = $1 AND m.status = 'SCHEDULED'`,
      [caseId],
    );
    for (const m of meetings) {
      if (!this.rules.of(m.type).timescale) continue;
      const due = await this.dueFor(db, {
        type: m.type,
        caseIds: m.case_ids,
        heldOn: m.held_on,
        relatedMeetingId: m.related_meeting_id,
        excludeMeetingId: m.id,
      });
      await db.query(`UPDATE meetings SET due_by = $2, due_basis = $3, within_timescale = $4 WHERE id = $1`, [
        m.id,
        due.dueBy,
        due.basis,
        due.withinTimescale,
      ]);
    }
  }

  /**
   * The case's meetings that `visible` (the access policy's condition on `m`) lets the caller see, each with its
   * outcome for this case from a submitted record.
   */
  timelineMeetings(
    db: EntityManager,
    caseId: string,
    visible: { sql: string; params: Record<string, unknown> },
  ): Promise<Omit<TimelineMeeting, 'label'>[]> {
    return db
      .createQueryBuilder()
      .select([
        'm.id AS id',
        'm.type AS type',
        'm.status AS status',
        `to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn"`,
        `to_char(m.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "startsAt"`,
      ])
      .addSelect([
        `to_char(m.due_by, 'YYYY-MM-DD') AS "dueBy"`,
        'm.within_timescale AS "withinTimescale"',
        'r.status AS "recordStatus"',
      ])
      .addSelect(
        `(SELECT o->>'outcome' FROM jsonb_array_elements(coalesce(r.record->'outcomes', '[]')) o WHERE r.status <> 'DRAFT' AND o->>'caseId' = mc.case_id::text LIMIT 1)`,
        'outcome',
      )
      .from('meeting_cases', 'mc')
      .innerJoin('meetings', 'm', 'm.id = mc.meeting_id')
      .leftJoin('minutes', 'r', 'r.meeting_id = m.id')
      .where(visible.sql, visible.params)
      .andWhere('mc.case_id = :caseId', { caseId })
      .getRawMany<Omit<TimelineMeeting, 'label'>>();
  }

  /** The latest signed written agreement uploaded to any of these (PLO) meetings, for the PLO tracker; null if none. */
  async writtenAgreement(
    db: EntityManager,
    meetingIds: string[],
  ): Promise<{ documentId: string; meetingId: string; signedBy: string; signedOn: string } | null> {
    if (meetingIds.length === 0) return null;
    const rows: { documentId: string; meetingId: string; signedBy: string; signedOn: string }[] = await db.query(
      `SELECT id AS "documentId", meeting_id AS "meetingId", signed_by AS "signedBy", to_char(signed_on, 'YYYY-MM-DD') AS "signedOn"
         FROM documents WHERE meeting_id = ANY($1::uuid[]) AND kind = 'WRITTEN_AGREEMENT'
        ORDER BY signed_on DESC, submitted_at DESC LIMIT 1`,
      [meetingIds],
    );
    return rows[0] ?? null;
  }

  /** What is due next for a case and by when (GET /api/cases/:id/next-due). */
  async nextDueFor(db: EntityManager, caseId: string) {
    const history = await this.history(db, caseId, null, londonDateOf(this.clock.now()));
    return nextDue(this.rules.table, history, this.rules.calendar);
  }

  /**
   * The case's dates and its scheduled meetings with the outcome each submitted record gives for this case (an ICPC
   * counts from the discussion that started the s47 enquiry; a conference without a plan starts no reviews), in one
   * statement (a change to a meeting asks once per case; a booking reads every case's in its one read).
   */
  async history(
    db: EntityManager,
    caseId: string,
    excludeMeetingId: string | null,
    heldOnOrBefore?: IsoDate,
  ): Promise<CaseHistory> {
    const [row]: {
      entered_care_on: IsoDate | null;
      cp_plan_started_on: IsoDate | null;
      ceased_looked_after_on: IsoDate | null;
      cp_plan_ended_on: IsoDate | null;
      meetings: { type: MeetingType; heldOn: IsoDate }[];
    }[] = await db.query(
      `SELECT to_char(c.entered_care_on, 'YYYY-MM-DD') AS entered_care_on, to_char(c.cp_plan_started_on, 'YYYY-MM-DD') AS cp_plan_started_on,
              to_char(c.ceased_looked_after_on, 'YYYY-MM-DD') AS ceased_looked_after_on, to_char(c.cp_plan_ended_on, 'YYYY-MM-DD') AS cp_plan_ended_on,
              ${caseMeetingsJson('c', '$2::uuid', '$3::date')} AS meetings
         FROM cases c WHERE c.id = $1`,
      [caseId, excludeMeetingId, heldOnOrBefore ?? null],
    );
    return {
      enteredCareOn: row?.entered_care_on ?? null,
      cpPlanStartedOn: row?.cp_plan_started_on ?? null,
      ceasedLookedAfterOn: row?.ceased_looked_after_on ?? null,
      cpPlanEndedOn: row?.cp_plan_ended_on ?? null,
      meetings: row?.meetings ?? [],
    };
  }

  private async heldMeeting(
    db: EntityManager,
    id: string,
  ): Promise<{ type: MeetingType; heldOn: IsoDate } | undefined> {
    const [row]: { type: MeetingType; held_on: string }[] = await db.query(
      `SELECT type, to_char(held_on, 'YYYY-MM-DD') AS held_on FROM meetings WHERE id = $1 AND status = 'SCHEDULED'`,
      [id],
    );
    return row ? { type: row.type, heldOn: row.held_on } : undefined;
  }
}
