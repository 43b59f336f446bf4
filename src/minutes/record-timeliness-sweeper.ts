import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Outbox } from '../deliveries/outbox';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { Clock } from '../time/clock';
import { runEvery } from '../scheduling/run-every';
import { londonDateOf } from '../time/london';
import { MinutesRepository } from './minutes.repository';

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rules: MeetingRules,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly scheduler: SchedulerRegistry,
    private readonly repository: MinutesRepository,
  ) {}

  onApplicationBootstrap(): void {
    runEvery(this.scheduler, this.config, 'record-timeliness-sweeper', () => this.sweep());
  }

  async sweep(): Promise<number> {
    const now = this.clock.now();
    const today = londonDateOf(now);
    const calendar = this.rules.localCalendar; // the record is a local deadline: closure days (CLOSURE_DAYS) do not count
    const held = await this.repository.heldAwaitingRecord(now);
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
    await this.repository.transaction((db) =>
      this.outbox.enqueue(db, [
        ...due.map((m) => reminder(m, 'RECORD_DUE', m.recordDueOn)),
        ...decisionsDue.map((m) => reminder(m, 'DECISIONS_DUE', m.decisionsDueOn)),
      ]),
    );
    return due.length + decisionsDue.length;
  }
}
