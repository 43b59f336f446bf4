import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../time/clock';
import { AggregateRow, MeetingsReportRow, toReportRows } from './meetings-report';

/** Timeliness, formats and participation, as committees read them. Aggregates run in SQL. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Meetings whose London date falls in [from, to]. "Held" = not cancelled and already over.
   * Served by meetings_held_on_idx (a meeting in parts is held on its last part's day, possibly days after it starts).
   */
  async meetings(from: string, to: string): Promise<{ from: string; to: string; rows: MeetingsReportRow[] }> {
    const now = this.clock.now();
    const params = [from, to, now];
    const range = `m.held_on BETWEEN $1::date AND $2::date`;
    const aggregates: AggregateRow[] = await this.dataSource.query(
      `WITH scope AS (
         SELECT m.id, m.type, m.status, m.format, m.within_timescale, m.held_on, m.ends_at
           FROM meetings m WHERE ${range}
       ), booked AS (
         SELECT * FROM scope WHERE status = 'SCHEDULED' AND ends_at <= $3
       ), recorded AS (
         -- How the meeting was held, from the methods its record gives for its parts (issue 18): all in person, all
         -- remote (video, phone, separate conversations), or a mix (hybrid).
         SELECT b.id,
                CASE WHEN bool_and(x.s->>'method' = 'IN_PERSON') THEN 'IN_PERSON'
                     WHEN bool_or(x.s->>'method' IN ('IN_PERSON', 'HYBRID')) THEN 'HYBRID'
                     ELSE 'VIRTUAL' END AS format,
                bool_or(x.s->>'method' = 'SEPARATE_CONVERSATIONS') AS separate
           FROM booked b JOIN minutes mi ON mi.meeting_id = b.id
           CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(mi.record->'sessions') = 'array' THEN mi.record->'sessions' ELSE '[]'::jsonb END) x(s)
          GROUP BY b.id
       ), held AS (
         -- The booked format only where no record says how it was held (counted in from_booking).
         SELECT b.id, b.type, b.within_timescale, coalesce(r.format, b.format) AS format, r.id IS NULL AS from_booking, coalesce(r.separate, false) AS separate
           FROM booked b LEFT JOIN recorded r ON r.id = b.id
       ), sessions AS (
         SELECT s.meeting_id, count(*) AS n FROM meeting_sessions s JOIN held h ON h.id = s.meeting_id GROUP BY s.meeting_id
       ), reports AS (
         SELECT p.meeting_id, count(*) AS required,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM documents d WHERE d.participant_id = p.id AND NOT d.late)) AS on_time
           FROM participants p JOIN held h ON h.id = p.meeting_id
          WHERE p.report_required AND p.removed_at IS NULL GROUP BY p.meeting_id
       )
       SELECT t.type,
              count(h.id) AS held,
              (SELECT count(*) FROM scope c WHERE c.type = t.type AND c.status = 'CANCELLED') AS cancelled,
              count(h.id) FILTER (WHERE h.format = 'IN_PERSON') AS in_person,
              count(h.id) FILTER (WHERE h.format = 'VIRTUAL') AS virtual,
              count(h.id) FILTER (WHERE h.format = 'HYBRID') AS hybrid,
              count(h.id) FILTER (WHERE h.from_booking) AS format_from_booking,
              count(h.id) FILTER (WHERE h.separate) AS separate_conversations,
              count(h.id) FILTER (WHERE h.within_timescale) AS within,
              count(h.id) FILTER (WHERE h.within_timescale IS NOT NULL) AS measured,
              count(h.id) FILTER (WHERE s.n > 1) AS split,
              count(h.id) FILTER (WHERE mi.quorate) AS quorate,
              count(h.id) FILTER (WHERE mi.quorate IS NOT NULL) AS quorum_measured,
              coalesce(sum(r.on_time), 0) AS reports_on_time,
              coalesce(sum(r.required), 0) AS reports_required,
              count(h.id) FILTER (WHERE mi.decisions_shared_at IS NOT NULL AND (mi.decisions_shared_at AT TIME ZONE 'Europe/London')::date <= mi.decisions_due_on) AS decisions_on_time,
              count(h.id) FILTER (WHERE mi.id IS NOT NULL AND (mi.decisions_shared_at IS NOT NULL OR mi.decisions_due_on < ($3 AT TIME ZONE 'Europe/London')::date)) AS decisions_measured,
              count(h.id) FILTER (WHERE mi.distributed_at IS NOT NULL AND (mi.distributed_at AT TIME ZONE 'Europe/London')::date <= mi.record_due_on) AS distributed_on_time,
              count(h.id) FILTER (WHERE mi.distributed_at IS NOT NULL OR mi.record_due_on < ($3 AT TIME ZONE 'Europe/London')::date) AS distributed_measured
         FROM (SELECT DISTINCT type FROM scope) t
         LEFT JOIN held h ON h.type = t.type
         LEFT JOIN sessions s ON s.meeting_id = h.id
         LEFT JOIN minutes mi ON mi.meeting_id = h.id
         LEFT JOIN reports r ON r.meeting_id = h.id
        GROUP BY t.type`,
      params,
    );
    // Child participation per child: one code for every child of the review, or a code per case.
    const participation: { code: string; n: number }[] = await this.dataSource.query(
      `SELECT code, count(*) AS n FROM (
         SELECT coalesce(
                  (SELECT x->>'code' FROM jsonb_array_elements(coalesce(mi.record->'childParticipationByCase', '[]'::jsonb)) x WHERE x->>'caseId' = mc.case_id::text),
                  mi.record->>'childParticipation') AS code
           FROM meetings m
           JOIN minutes mi ON mi.meeting_id = m.id
           JOIN meeting_cases mc ON mc.meeting_id = m.id
          WHERE ${range} AND m.type = 'LAC_REVIEW' AND m.status = 'SCHEDULED' AND m.ends_at <= $3
       ) codes WHERE code IS NOT NULL GROUP BY code ORDER BY code`,
      params,
    );
    return { from, to, rows: toReportRows(aggregates, participation) };
  }

  /** % within timescale per month of the range, for the chart. */
  async monthlyTimeliness(from: string, to: string): Promise<{ month: string; within: number; measured: number }[]> {
    const rows: { month: string; within: string; measured: string }[] = await this.dataSource.query(
      `SELECT to_char(m.held_on, 'YYYY-MM') AS month,
              count(*) FILTER (WHERE m.within_timescale) AS within,
              count(*) FILTER (WHERE m.within_timescale IS NOT NULL) AS measured
         FROM meetings m
        WHERE m.held_on BETWEEN $1::date AND $2::date AND m.status = 'SCHEDULED'
        GROUP BY 1 ORDER BY 1`,
      [from, to],
    );
    return rows.map((r) => ({ month: r.month, within: Number(r.within), measured: Number(r.measured) }));
  }
}
