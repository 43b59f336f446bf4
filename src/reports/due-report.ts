import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
  ) {}

  /** `visible`: the access policy's conditions on cases `c` (parameters from $1) and meetings `m` (from $2). */
  async within(days: number, visible: { cases: SqlCondition; meetings: SqlCondition }): Promise<{ today: string; until: string; items: DueItem[]; total: number }> {
    const today = londonDateOf(this.clock.now());
    const until = addDays(today, days);
    const items: DueItem[] = [];

    // Cases with a live timescale: a meeting in the last year, or care / plan dates.
    const cases: { id: string; reference: string }[] = await this.dataSource.query(
      `SELECT c.id, c.reference FROM cases c
        WHERE (c.entered_care_on IS NOT NULL OR c.cp_plan_started_on IS NOT NULL
           OR EXISTS (SELECT 1 FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id WHERE mc.case_id = c.id AND m.starts_at > now() - interval '1 year'))
          AND ${visible.cases.sql}`,
      visible.cases.params,
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

    const records: { meeting_id: string; type: string; record_due_on: string }[] = await this.dataSource.query(
      `SELECT mi.meeting_id, m.type, to_char(mi.record_due_on, 'YYYY-MM-DD') AS record_due_on
         FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id
        WHERE mi.status IN ('DRAFT','SUBMITTED','APPROVED') AND mi.record_due_on <= $1::date AND ${visible.meetings.sql}
        ORDER BY mi.record_due_on`,
      [until, ...visible.meetings.params],
    );
    for (const r of records) items.push({ kind: 'RECORD_NOT_DISTRIBUTED', meetingId: r.meeting_id, type: r.type, dueBy: r.record_due_on, overdue: r.record_due_on < today });
    items.sort((a, b) => a.dueBy.localeCompare(b.dueBy));
    return { today, until, items, total: items.length };
  }
}
