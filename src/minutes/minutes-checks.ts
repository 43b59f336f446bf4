import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MeetingType } from '../meeting-types/meeting-types';
import { DueNext, nextDue } from '../meeting-types/timescale-rules';
import { Timescales } from '../meetings/case-history.repository';
import { attendanceQuorum, DecisionQuorum, decisionQuorums, MeetingContext } from './minutes-context';
import { MinutesRecord } from './minutes.dto';
import { MinutesRepository } from './minutes.repository';
import { agenciesNamed, peopleNamed, unknownIdProblems } from './record-ids';
import { distributionProblems } from './record-distribution';
import { RecordLettersRepository } from './record-letters.repository';
import { recordProblems } from './record-validation';

/** A meeting the case(s) must have next, and the statutory latest date for it, as of the meeting recorded. */
export interface NextMeeting extends DueNext {
  label: string;
}

/** What a record is checked against and what follows from it: the facts the pure rules need, looked up here. */
@Injectable()
export class MinutesChecks {
  constructor(
    private readonly repository: MinutesRepository,
    private readonly rules: MeetingRules,
    private readonly timescales: Timescales,
    private readonly letters: RecordLettersRepository,
  ) {}

  /** Every rule the record must meet (record-validation.ts); `complete` for a record submitted or beyond. */
  async assertValid(db: EntityManager, ctx: MeetingContext, record: MinutesRecord, complete: boolean): Promise<void> {
    await this.assertKnownIds(db, ctx, record);
    const errors = recordProblems(ctx, record, complete, {
      reviewedChildren: ctx.rules.childParticipationApplies
        ? await this.repository.reviewedChildren(db, ctx.caseIds)
        : [],
      decisionQuorums: complete ? await this.decisionQuorums(db, ctx, record) : [],
    });
    if (record.distribution?.length) {
      const people = await this.letters.people(
        db,
        record.distribution.map((d) => d.personId),
      );
      errors.push(...distributionProblems(record, new Set(ctx.participants.map((p) => p.personId)), people));
    }
    // PLO: pre-proceedings continue under the written agreement the parents signed; it must be on the meeting.
    const continuing = (record.outcomes ?? []).some((o) => o.outcome === 'CONTINUE_PRE_PROCEEDINGS');
    if (
      complete &&
      ctx.meeting.type === 'PLO' &&
      continuing &&
      !(await this.letters.writtenAgreement(db, ctx.meeting.id))
    )
      errors.push({
        field: 'writtenAgreement',
        message: 'not uploaded: upload the signed written agreement (a document of kind WRITTEN_AGREEMENT)',
      });
    if (errors.length) throw Problem.invalid(errors);
  }

  /** Every id in the record must name something that exists (API.md: an unknown id in a body is 422), draft or not. */
  async assertKnownIds(db: EntityManager, ctx: MeetingContext, record: MinutesRecord): Promise<void> {
    const known = await this.repository.known(
      db,
      [...new Set(peopleNamed(record).map((n) => n.id))],
      [...new Set(agenciesNamed(record).map((n) => n.id))],
    );
    const meeting = {
      sessionIds: new Set(ctx.sessions.map((s) => s.id)),
      participantIds: new Set(ctx.participants.map((p) => p.id)),
      caseIds: new Set(ctx.caseIds),
      chairId: ctx.meeting.chairId,
    };
    const errors = unknownIdProblems(meeting, record, known.people, known.agencies);
    if (errors.length)
      throw new Problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      );
  }

  async decisionQuorums(db: EntityManager, ctx: MeetingContext, record: MinutesRecord): Promise<DecisionQuorum[]> {
    const timed = (record.decisions ?? []).some((d) => d.decidedAt);
    if (!ctx.rules.quorum || !timed) return [];
    return decisionQuorums(ctx, record, await this.repository.attendanceLog(db, ctx.meeting.id));
  }

  /**
   * Whether the meeting was quorate when it decided (what reports count): judged at each timed decision from the
   * join/leave log where there is one (DOMAIN.md §4.3: leaving early can make a conference inquorate), otherwise from
   * the attendance list; null for a type without a quorum rule.
   */
  async quorate(db: EntityManager, ctx: MeetingContext, record: MinutesRecord): Promise<boolean | null> {
    const atDecisions = await this.decisionQuorums(db, ctx, record);
    if (atDecisions.length > 0) return atDecisions.every((q) => q.quorate);
    return attendanceQuorum(ctx, record)?.quorate ?? null;
  }

  async dueDates(
    db: EntityManager,
    ctx: MeetingContext,
    record: MinutesRecord,
    submitted: boolean,
  ): Promise<{ decisionsDueOn: string; recordDueOn: string; nextDueOn: string | null }> {
    const { decisionsWorkingDays, fullRecordWorkingDays } = ctx.rules.recordTimescale;
    const calendar = this.rules.localCalendar; // the record is a local deadline: closure days (CLOSURE_DAYS) do not count
    return {
      decisionsDueOn: calendar.addWorkingDays(ctx.meeting.heldOn, decisionsWorkingDays),
      recordDueOn: calendar.addWorkingDays(ctx.meeting.heldOn, fullRecordWorkingDays),
      nextDueOn: (await this.nextMeetings(db, ctx, record, submitted))[0]?.dueBy ?? null,
    };
  }

  /**
   * The next meetings proposed from the timescale rules (DOMAIN.md §3 "date of the next review", §6.3 "dates of the
   * next core group and the RCPC"), as of this meeting: each case's history up to the day it was held, with this
   * meeting counted with the outcome this record gives once it is submitted (README "Rules": outcomes count from
   * submission, as next-due and the due report count them; a draft's outcome is not yet an outcome).
   * A sibling group's meeting of each type is due by the earliest of its children's dates; earliest first.
   */
  async nextMeetings(
    db: EntityManager,
    ctx: MeetingContext,
    record: MinutesRecord,
    submitted: boolean,
  ): Promise<NextMeeting[]> {
    const earliest = new Map<MeetingType, DueNext>();
    for (const caseId of ctx.caseIds) {
      const history = await this.timescales.history(db, caseId, ctx.meeting.id, ctx.meeting.heldOn);
      const outcome = submitted ? (record.outcomes?.find((o) => o.caseId === caseId)?.outcome ?? null) : null;
      history.meetings.push({ type: ctx.meeting.type, heldOn: ctx.meeting.heldOn, outcome });
      for (const due of nextDue(this.rules.table, history, this.rules.calendar)) {
        const known = earliest.get(due.type);
        if (!known || due.dueBy < known.dueBy) earliest.set(due.type, due);
      }
    }
    return [...earliest.values()]
      .sort((a, b) => a.dueBy.localeCompare(b.dueBy))
      .map((due) => ({ ...due, label: this.rules.of(due.type).label }));
  }
}
