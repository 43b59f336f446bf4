import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MeetingType } from '../meeting-types/meeting-types';
import type { SqlCondition } from '../access/access-policy';
import { Timescales } from '../meetings/timescales';
import { Clock } from '../time/clock';
import { londonDateOf } from '../time/london';
import { addDays } from '../time/working-days';

export interface DueItem {
  kind: 'MEETING_NOT_BOOKED' | 'RECORD_NOT_DISTRIBUTED';
  caseId?: string;
  reference?: string;
  meetingId?: string;
  type: string;
  dueBy: string;
  overdue: boolean;
  basis?: string;
}

/** What falls due in the next N days and what is already overdue: statutory meetings not booked, records not distributed. */
@Injectable()
export class DueReport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly timescales: Timescales,
    private readonly clock: Clock,
    private readonly rules: MeetingRules,
  ) {}

  /** `visible`: the access policy's conditions on cases `c` (parameters from $1) and meetings `m` (from $2). */
  async within(days: number, visible: { cases: SqlCondition; meetings: SqlCondition }): Promise<{ today: string; until: string; items: DueItem[]; total: number }> {
    const today = londonDateOf(this.clock.now());
    const until = addDays(today, days);
    const items: DueItem[] = [];

    // Cases with a live timescale: a meeting in the last year, or care / plan dates.
    // Business time is the Clock's (a bound parameter), never the database server's clock.
    const cases: { id: string; reference: string }[] = await this.dataSource.query(
      `SELECT c.id, c.reference FROM cases c
        WHERE (c.entered_care_on IS NOT NULL OR c.cp_plan_started_on IS NOT NULL
           OR EXISTS (SELECT 1 FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id WHERE mc.case_id = c.id AND m.starts_at > $${visible.cases.params.length + 1}::timestamptz - interval '1 year'))
          AND ${visible.cases.sql}`,
      [...visible.cases.params, this.clock.now()],
    );
    for (const c of cases) {
      const next = await this.timescales.nextDueFor(this.dataSource.manager, c.id);
      for (const due of next) {
        if (due.dueBy > until) continue;
        const [booked] = await this.dataSource.query(
          `SELECT 1 FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id
            WHERE mc.case_id = $1 AND m.type = $2 AND m.status = 'SCHEDULED' AND m.held_on >= $3::date LIMIT 1`,
          [c.id, due.type, today],
        );
        if (!booked) items.push({ kind: 'MEETING_NOT_BOOKED', caseId: c.id, reference: c.reference, type: due.type, dueBy: due.dueBy, overdue: due.dueBy < today, basis: due.basis });
      }
    }

    // Every meeting held in the last year whose record is not out: started, or never started at all (the worst case).
    const after = visible.meetings.params.length + 2;
    const records: { meeting_id: string; type: MeetingType; held_on: string; record_due_on: string | null }[] = await this.dataSource.query(
      `SELECT m.id AS meeting_id, m.type, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, to_char(mi.record_due_on, 'YYYY-MM-DD') AS record_due_on
         FROM meetings m LEFT JOIN minutes mi ON mi.meeting_id = m.id
        WHERE m.status = 'SCHEDULED' AND m.ends_at <= $1 AND m.held_on > $${after}::date - 366
          AND (mi.id IS NULL OR mi.status IN ('DRAFT','SUBMITTED','APPROVED')) AND ${visible.meetings.sql}`,
      [this.clock.now(), ...visible.meetings.params, today],
    );
    for (const r of records) {
      const dueBy = r.record_due_on ?? this.rules.localCalendar.addWorkingDays(r.held_on, this.rules.of(r.type).recordTimescale.fullRecordWorkingDays);
      if (dueBy <= until) items.push({ kind: 'RECORD_NOT_DISTRIBUTED', meetingId: r.meeting_id, type: r.type, dueBy, overdue: dueBy < today });
    }
    items.sort((a, b) => a.dueBy.localeCompare(b.dueBy));
    return { today, until, items, total: items.length };
  }
}
