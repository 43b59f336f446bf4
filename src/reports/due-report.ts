import { Injectable } from '@nestjs/common';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MeetingType } from '../meeting-types/meeting-types';
import type { SqlCondition } from '../access/access-policy';
import { Timescales } from '../meetings/case-history.repository';
import { preProceedings, PRE_PROCEEDINGS_WEEKS } from '../meetings/pre-proceedings';
import { Clock } from '../time/clock';
import { londonDateOf } from '../time/london';
import { addDays } from '../time/working-days';
import { ReportsRepository } from './reports.repository';

/** The date a conference set for a meeting that falls due (issue 22), shown beside the statutory latest date. */
const SET_BY_CONFERENCE: Partial<Record<MeetingType, 'firstCoreGroupOn' | 'reviewConferenceOn'>> = {
  CORE_GROUP: 'firstCoreGroupOn',
  RCPC: 'reviewConferenceOn',
};

export interface DueItem {
  kind: 'MEETING_NOT_BOOKED' | 'RECORD_NOT_DISTRIBUTED' | 'DECISION_LETTER_NOT_SENT' | 'PRE_PROCEEDINGS_ENDS';
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
    private readonly repository: ReportsRepository,
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

    const cases = await this.repository.casesWithTimescale(visible.cases, this.clock.now());
    for (const c of cases) {
      const next = await this.timescales.nextDueFor(this.repository.manager, c.id);
      const history = await this.timescales.history(this.repository.manager, c.id, null, today);
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
      const set = next.length ? await this.repository.datesSet(c.id) : null;
      for (const due of next) {
        if (due.dueBy > until) continue;
        const booked = await this.repository.isBooked(c.id, due.type, today);
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
    const records = await this.repository.recordsNotOut(visible.meetings, this.clock.now(), today);
    for (const r of records) {
      // The decision letter: within the type's working days of the meeting (one, at a conference), before the record.
      const lettersBy =
        r.decisions_due_on ??
        this.rules.localCalendar.addWorkingDays(r.held_on, this.rules.of(r.type).recordTimescale.decisionsWorkingDays);
      if (!r.decisions_shared && lettersBy <= until)
        items.push({
          kind: 'DECISION_LETTER_NOT_SENT',
          meetingId: r.meeting_id,
          type: r.type,
          dueBy: lettersBy,
          overdue: lettersBy < today,
        });
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
}
