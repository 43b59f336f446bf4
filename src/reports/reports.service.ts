import { Injectable } from '@nestjs/common';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { Clock } from '../time/clock';
import { MeetingsReportRow, toReportRows } from './meetings-report';
import { ReportsRepository } from './reports.repository';

/** Timeliness, formats and participation, as committees read them. Aggregates run in SQL. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly rules: MeetingRules,
    private readonly clock: Clock,
  ) {}

  /** Meetings whose London date falls in [from, to]. "Held" = not cancelled and already over. */
  async meetings(from: string, to: string): Promise<{ from: string; to: string; rows: MeetingsReportRow[] }> {
    const now = this.clock.now();
    const aggregates = await this.repository.aggregates(from, to, now);
    const coded = Object.values(this.rules.table)
      .filter((rules) => rules.childParticipationApplies)
      .map((rules) => rules.type);
    const participation = await this.repository.participation(from, to, now, coded);
    return { from, to, rows: toReportRows(this.rules.table, aggregates, participation) };
  }

  /** % within timescale per month of the range, for the chart. */
  monthlyTimeliness(from: string, to: string): Promise<{ month: string; within: number; measured: number }[]> {
    return this.repository.monthlyTimeliness(from, to);
  }
}
