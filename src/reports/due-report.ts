import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MeetingType } from '../meeting-types/meeting-types';
import type { SqlCondition } from '../access/access-policy';
import { Timescales } from '../meetings/case-history';
import { preProceedings, PRE_PROCEEDINGS_WEEKS } from '../meetings/pre-proceedings';
import { Clock } from '../time/clock';
import { londonDateOf } from '../time/london';
import { addDays } from '../time/working-days';

/** The date a conference set for a meeting that falls due (issue 22), shown beside the statutory latest date. */
const SET_BY_CONFERENCE: Partial<Record<MeetingType, 'firstCoreGroupOn' | 'reviewConferenceOn'>> = {
  CORE_GROUP: 'firstCoreGroupOn',
  RCPC: 'reviewConferenceOn',
};

export interface DueItem {
  kind: 'MEETING_NOT_BOOKED' | 'RECORD_NOT_DISTRIBUTED' | 'PRE_PROCEEDINGS_ENDS';
  caseId?: string;
  reference?: string;
  meetingId?: string;
  type: string;
  dueBy: string;
  overdue: boolean;
  basis?: string;
  /** The date the conference set for it (its record's plan), where one did. */
  setOn?: string;
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
  async within(
    days: number,
    visible: { cases: SqlCondition; meetings: SqlCondition },
  ): Promise<{ today: string; until: string; items: DueItem[]; total: number }> {
    const today = londonDateOf(this.clock.now());
    const until = addDays(today, days);
    const items: DueItem[] = [];

    // Cases with a live timescale: a meeting in the last year, or care / plan dates.
    // Business time is the Clock's (a bound parameter), never the database server's clock.
    const cases: { id: string; reference: string; plo_letter_on: string | null }[] = await this.dataSource.query(
      `SELECT c.id, c.reference, to_char(c.plo_letter_on, 'YYYY-MM-DD') AS plo_letter_on FROM cases c
        WHERE (c.entered_care_on IS NOT NULL OR c.cp_plan_started_on IS NOT NULL OR c.plo_letter_on IS NOT NULL
           OR EXISTS (SELECT 1 FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id WHERE mc.case_id = c.id AND m.starts_at > $${visible.cases.params.length + 1}::timestamptz - interval '1 year'))
          AND ${visible.cases.sql}`,
      [...visible.cases.params, this.clock.now()],
    );
    for (const c of cases) {
      const next = await this.timescales.nextDueFor(this.dataSource.manager, c.id);
      const history = await this.timescales.history(this.dataSource.manager, c.id, null, today);
      const plo = preProceedings(
        c.plo_letter_on,
        history.meetings.filter((m) => m.type === 'PLO').map((m) => ({ heldOn: m.heldOn, outcome: m.outcome ?? null })),
        today,
      );
      if (plo && !plo.ended && plo.endsBy <= until) {
        items.push({
          kind: 'PRE_PROCEEDINGS_ENDS',
          caseId: c.id,
          reference: c.reference,
          type: 'PLO',
          dueBy: plo.endsBy,
          overdue: plo.overdue,
          basis: `${PRE_PROCEEDINGS_WEEKS} weeks after the letter before proceedings on ${plo.letterOn}`,
        });
      }
      const set = next.length ? await this.datesSet(c.id) : null;
      for (const due of next) {
        if (due.dueBy > until) continue;
        const [booked] = await this.dataSource.query(
          `SELECT 1 FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id
            WHERE mc.case_id = $1 AND m.type = $2 AND m.status = 'SCHEDULED' AND m.held_on >= $3::date LIMIT 1`,
          [c.id, due.type, today],
        );
        const field = SET_BY_CONFERENCE[due.type];
        // Only while it is still the meeting the conference set: none of the type held since that conference.
        const setOn =
          set && field && !history.meetings.some((m) => m.type === due.type && m.heldOn > set.heldOn)
            ? set.plan[field]
            : undefined;
        if (!booked)
          items.push({
            kind: 'MEETING_NOT_BOOKED',
            caseId: c.id,
            reference: c.reference,
            type: due.type,
            dueBy: due.dueBy,
            overdue: due.dueBy < today,
            basis: due.basis,
            ...(setOn ? { setOn } : {}),
          });
      }
    }

    // Every meeting held in the last year whose record is not out: started, or never started at all (the worst case).
    const after = visible.meetings.params.length + 2;
    const records: { meeting_id: string; type: MeetingType; held_on: string; record_due_on: string | null }[] =
      await this.dataSource.query(
        `SELECT m.id AS meeting_id, m.type, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, to_char(mi.record_due_on, 'YYYY-MM-DD') AS record_due_on
         FROM meetings m LEFT JOIN minutes mi ON mi.meeting_id = m.id
        WHERE m.status = 'SCHEDULED' AND m.ends_at <= $1 AND m.held_on > $${after}::date - 366
          AND (mi.id IS NULL OR mi.status IN ('DRAFT','SUBMITTED','APPROVED')) AND ${visible.meetings.sql}`,
        [this.clock.now(), ...visible.meetings.params, today],
      );
    for (const r of records) {
      const dueBy =
        r.record_due_on ??
        this.rules.localCalendar.addWorkingDays(r.held_on, this.rules.of(r.type).recordTimescale.fullRecordWorkingDays);
      if (dueBy <= until)
        items.push({
          kind: 'RECORD_NOT_DISTRIBUTED',
          meetingId: r.meeting_id,
          type: r.type,
          dueBy,
          overdue: dueBy < today,
        });
    }
    items.sort((a, b) => a.dueBy.localeCompare(b.dueBy));
    return { today, until, items, total: items.length };
  }

  /** The plan the case's latest submitted conference record gives (the dates it set), with the day it was held. */
  private async datesSet(
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
}
