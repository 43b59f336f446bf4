import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Outbox } from '../deliveries/outbox';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MeetingType } from '../meeting-types/meeting-types';
import { Clock } from '../time/clock';
import { runEvery } from '../scheduling/run-every';
import { londonDateOf } from '../time/london';

/** Remind the chair this many working days before the record falls due. */
const WARN_WORKING_DAYS = 2;
/**
 * …and this many before the decisions fall due, while none are recorded. Decisions are due 1 working day after a
 * conference (so the reminder goes once the meeting has ended) and 5 after a LAC review (DOMAIN.md §2, §3).
 */
const DECISIONS_WARN_WORKING_DAYS = 1;

/**
 * The record's timeliness: meetings held whose record is not yet approved get one reminder to the chair shortly
 * before it falls due (and, if missed, when it is overdue), through the outbox with a unique key. Meetings whose
 * decisions are not yet made known (drafted decisions do not count: the same rule the reports measure) get one more, shortly before the decisions fall due (not once they are late: the record
 * reminder covers that, and a first sweep must not remind about every old meeting).
 */
@Injectable()
export class RecordTimelinessSweeper implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rules: MeetingRules,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    runEvery(this.scheduler, this.config, 'record-timeliness-sweeper', () => this.sweep());
  }

  async sweep(): Promise<number> {
    const now = this.clock.now();
    const today = londonDateOf(now);
    const calendar = this.rules.localCalendar; // the record is a local deadline: closure days (CLOSURE_DAYS) do not count
    // Served by meetings_starts_at_idx: meetings held in the last 60 days.
    const held: {
      id: string;
      type: MeetingType;
      held_on: string;
      chair_participant: string;
      has_email: boolean;
      has_decisions: boolean;
    }[] = await this.dataSource.query(
      `SELECT m.id, m.type, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, p.id AS chair_participant, (pe.email IS NOT NULL) AS has_email,
              (mi.decisions_shared_at IS NOT NULL) AS has_decisions
         FROM meetings m
         JOIN participants p ON p.meeting_id = m.id AND p.is_chair AND p.removed_at IS NULL
         JOIN people pe ON pe.id = p.person_id
         LEFT JOIN minutes mi ON mi.meeting_id = m.id
        WHERE m.status = 'SCHEDULED' AND m.starts_at > $1::timestamptz - interval '60 days' AND m.ends_at <= $1
          AND (mi.id IS NULL OR mi.status IN ('DRAFT','SUBMITTED'))`,
      [now],
    );
    const due = held
      .map((m) => ({
        ...m,
        recordDueOn: calendar.addWorkingDays(m.held_on, this.rules.of(m.type).recordTimescale.fullRecordWorkingDays),
      }))
      .filter((m) => calendar.workingDaysBetween(today, m.recordDueOn) <= WARN_WORKING_DAYS);
    const decisionsDue = held
      .filter((m) => !m.has_decisions)
      .map((m) => ({
        ...m,
        decisionsDueOn: calendar.addWorkingDays(m.held_on, this.rules.of(m.type).recordTimescale.decisionsWorkingDays),
      }))
      .filter((m) => {
        const left = calendar.workingDaysBetween(today, m.decisionsDueOn);
        return left >= 0 && left <= DECISIONS_WARN_WORKING_DAYS;
      });
    // One reminder per meeting and date: the outbox skips a dedupe key it already holds.
    const reminder = (m: (typeof held)[number], kind: 'RECORD_DUE' | 'DECISIONS_DUE', dueOn: string) => ({
      meetingId: m.id,
      participantId: m.chair_participant,
      kind,
      hasAddress: m.has_email,
      dedupeKey: `${kind === 'RECORD_DUE' ? 'record-due' : 'decisions-due'}:${m.id}:${dueOn}`,
      payload: kind === 'RECORD_DUE' ? { recordDueOn: dueOn } : { decisionsDueOn: dueOn },
    });
    await this.dataSource.transaction((db) =>
      this.outbox.enqueue(db, [
        ...due.map((m) => reminder(m, 'RECORD_DUE', m.recordDueOn)),
        ...decisionsDue.map((m) => reminder(m, 'DECISIONS_DUE', m.decisionsDueOn)),
      ]),
    );
    return due.length + decisionsDue.length;
  }
}
