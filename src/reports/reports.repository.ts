import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SqlCondition } from '../access/access-policy';
import { MeetingType } from '../meeting-types/meeting-types';
import { aggregateSelect, AggregateRow } from './meetings-report';

/** The meeting `t` is held: not cancelled, and over by `now` ($3). */
const HELD = `(t.status = 'SCHEDULED' AND t.ends_at <= $3)`;

/**
 * The reports' SQL: the committee columns' aggregates per type, child participation codes, the monthly chart; what falls
 * due; the MARAC figures.
 */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Per type of the meetings whose London date falls in [from, to] (each such meeting `t`; "held" `h` = not cancelled
   * and over by `now`), each column of COMMITTEE_COLUMNS. One range scan of meeting_report_facts by held_on, each
   * meeting's row of what the report reads (kept by triggers, migration 1764000027001); its minutes `mi`, sessions `s`
   * and reports owed `r` read from that row only for a held meeting, as they were read from their tables.
   */
  aggregates(from: string, to: string, now: Date): Promise<AggregateRow[]> {
    return this.dataSource.query(
      `SELECT t.type,
              ${aggregateSelect()}
         FROM meeting_report_facts t
         LEFT JOIN LATERAL (
           SELECT t.meeting_id AS id, t.quorate, t.decisions_shared_at, t.decisions_due_on, t.distributed_at, t.record_due_on
            WHERE t.has_minutes AND ${HELD}
         ) mi ON true
         -- How it was held: the methods its record gives, or the booked format where no record says (from_booking).
         LEFT JOIN LATERAL (
           SELECT t.meeting_id AS id, t.type, t.within_timescale, coalesce(t.recorded_format, t.booked_format) AS format,
                  t.recorded_format IS NULL AS from_booking, coalesce(t.recorded_separate, false) AS separate
            WHERE ${HELD}
         ) h ON true
         LEFT JOIN LATERAL (SELECT t.sessions AS n WHERE ${HELD}) s ON true
         LEFT JOIN LATERAL (
           SELECT t.reports_required AS required, t.reports_on_time AS on_time WHERE ${HELD}
         ) r ON true
        WHERE t.held_on BETWEEN $1::date AND $2::date
        GROUP BY t.type`,
      [from, to, now],
    );
  }

  /** Child participation per child of the held meetings of these types: one code for every child, or a code per case. */
  participation(from: string, to: string, now: Date, types: MeetingType[]): Promise<{ code: string; n: number }[]> {
    return this.dataSource.query(
      `SELECT code, count(*) AS n FROM (
         SELECT coalesce(
                  (SELECT x->>'code' FROM jsonb_array_elements(coalesce(mi.record->'childParticipationByCase', '[]'::jsonb)) x WHERE x->>'caseId' = mc.case_id::text),
                  mi.record->>'childParticipation') AS code
           FROM meetings m
           JOIN minutes mi ON mi.meeting_id = m.id
           -- Each meeting's cases by its key (OFFSET 0: not a hash join over every meeting's cases, 0.2 s at 1M).
           CROSS JOIN LATERAL (SELECT mc.case_id FROM meeting_cases mc WHERE mc.meeting_id = m.id OFFSET 0) mc
          WHERE m.held_on BETWEEN $1::date AND $2::date AND m.type = ANY($4::text[]) AND m.status = 'SCHEDULED' AND m.ends_at <= $3
       ) codes WHERE code IS NOT NULL GROUP BY code ORDER BY code`,
      [from, to, now, types],
    );
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

  /**
   * Cases with a live timescale: a meeting in the last year, or care / plan dates. `visible`: the access policy's
   * condition on cases `c` (parameters from $1). Business time is the Clock's (a bound parameter).
   */
  casesWithTimescale(
    visible: SqlCondition,
    now: Date,
  ): Promise<{ id: string; reference: string; plo_letter_on: string | null }[]> {
    return this.dataSource.query(
      `SELECT c.id, c.reference, to_char(c.plo_letter_on, 'YYYY-MM-DD') AS plo_letter_on FROM cases c
        WHERE (c.entered_care_on IS NOT NULL OR c.cp_plan_started_on IS NOT NULL OR c.plo_letter_on IS NOT NULL
           OR EXISTS (SELECT 1 FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id WHERE mc.case_id = c.id AND m.starts_at > $${visible.params.length + 1}::timestamptz - interval '1 year'))
          AND ${visible.sql}`,
      [...visible.params, now],
    );
  }

  /** Whether a meeting of this type is booked for the case on or after `today`. */
  async isBooked(caseId: string, type: MeetingType, today: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id
        WHERE mc.case_id = $1 AND m.type = $2 AND m.status = 'SCHEDULED' AND m.held_on >= $3::date LIMIT 1`,
      [caseId, type, today],
    );
    return rows.length > 0;
  }

  /**
   * Every meeting held in the last year whose record is not out: started, or never started at all. `visible`: the
   * access policy's condition on meetings `m` (parameters from $2).
   */
  recordsNotOut(
    visible: SqlCondition,
    now: Date,
    today: string,
  ): Promise<
    {
      meeting_id: string;
      type: MeetingType;
      held_on: string;
      record_due_on: string | null;
      decisions_due_on: string | null;
      decisions_shared: boolean;
    }[]
  > {
    const after = visible.params.length + 2;
    return this.dataSource.query(
      `SELECT m.id AS meeting_id, m.type, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, to_char(mi.record_due_on, 'YYYY-MM-DD') AS record_due_on,
              to_char(mi.decisions_due_on, 'YYYY-MM-DD') AS decisions_due_on, (mi.decisions_shared_at IS NOT NULL) AS decisions_shared
         FROM meetings m LEFT JOIN minutes mi ON mi.meeting_id = m.id
        WHERE m.status = 'SCHEDULED' AND m.ends_at <= $1 AND m.held_on > $${after}::date - 366
          AND (mi.id IS NULL OR mi.status IN ('DRAFT','SUBMITTED','APPROVED')) AND ${visible.sql}`,
      [now, ...visible.params, today],
    );
  }

  /** The plan the case's latest submitted conference record gives (the dates it set), with the day it was held. */
  async datesSet(
    caseId: string,
  ): Promise<{ heldOn: string; plan: Record<'firstCoreGroupOn' | 'reviewConferenceOn', string> } | null> {
    const [row]: { held_on: string; plan: Record<'firstCoreGroupOn' | 'reviewConferenceOn', string> }[] =
      await this.dataSource.query(
        `SELECT to_char(m.held_on, 'YYYY-MM-DD') AS held_on, r.record->'plan' AS plan
         FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id JOIN minutes r ON r.meeting_id = m.id
        WHERE mc.case_id = $1 AND m.status = 'SCHEDULED' AND r.status <> 'DRAFT' AND r.record ? 'plan'
        ORDER BY m.held_on DESC LIMIT 1`,
        [caseId],
      );
    return row ? { heldOn: row.held_on, plan: row.plan } : null;
  }

  /**
   * MARAC: victims' cases (of these kinds) heard at meetings of these types, and how many were heard again within 12
   * months. Served by meetings' type/held_on and meeting_cases' case index.
   */
  async maracHeard(
    from: string,
    to: string,
    types: MeetingType[],
    kinds: string[],
  ): Promise<{ cases: number; repeats: number }> {
    const [heard]: { cases: number; repeats: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS cases,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM meeting_cases pc JOIN meetings pm ON pm.id = pc.meeting_id
                 WHERE pc.case_id = mc.case_id AND pm.type = m.type AND pm.status = 'SCHEDULED'
                   AND pm.held_on < m.held_on AND pm.held_on >= (m.held_on - interval '12 months')::date))::int AS repeats
         FROM meetings m JOIN meeting_cases mc ON mc.meeting_id = m.id JOIN cases c ON c.id = mc.case_id
        WHERE m.type = ANY($3::text[]) AND m.status = 'SCHEDULED' AND m.held_on BETWEEN $1::date AND $2::date AND c.kind = ANY($4::text[])`,
      [from, to, types, kinds],
    );
    return heard;
  }

  /** MARAC: each referral of the submitted records (referring agency, criteria, children in the household). */
  maracReferrals(
    from: string,
    to: string,
    types: MeetingType[],
  ): Promise<{ agency: string | null; criteria: string; children: number }[]> {
    return this.dataSource.query(
      `SELECT a.name AS agency, ref->>'criteria' AS criteria, coalesce((ref->>'childrenInHousehold')::int, 0) AS children
         FROM meetings m JOIN minutes r ON r.meeting_id = m.id
         CROSS JOIN LATERAL jsonb_array_elements(coalesce(r.record->'referrals', '[]'::jsonb)) ref
         LEFT JOIN agencies a ON a.id::text = ref->>'referringAgencyId'
        WHERE m.type = ANY($3::text[]) AND m.status = 'SCHEDULED' AND r.status <> 'DRAFT' AND m.held_on BETWEEN $1::date AND $2::date`,
      [from, to, types],
    );
  }
}
