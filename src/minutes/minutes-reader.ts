import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { Participant } from '../meetings/participant.entity';
import { MinutesChecks, NextMeeting } from './minutes-checks';
import { attendanceQuorum, contentContext, DecisionQuorum, MeetingContext, mayReceive } from './minutes-context';
import { MinutesRecord } from './minutes.dto';
import { Minutes, MinutesAmendment } from './minutes.entity';
import { MinutesRepository } from './minutes.repository';
import { QuorumAssessment } from './quorum';
import {
  MaracReferralView,
  maracReferrals,
  recordContentWarnings,
  ReportReceipt,
  reportsReceived,
} from './record-content';
import { remoteWithoutReason } from './record-validation';

export type { NextMeeting } from './minutes-checks';

export interface MinutesView extends Omit<Minutes, 'record'> {
  record: MinutesRecord;
  /** What falls due next from this meeting (e.g. after an ICPC with a plan: the first core group and the first RCPC). */
  nextMeetings: NextMeeting[];
  quorum: QuorumAssessment | null;
  /** Quorum recalculated at each timed decision from the join/leave log (people leave; DOMAIN.md §4.3). */
  quorumAtDecisions: DecisionQuorum[];
  warnings: string[];
  exclusions: { participantId: string; sessionId: string; reason: string; at: Date }[];
  amendments: MinutesAmendment[];
  /** Each report owed, from the pre-reads: on time, late or not received (never typed into the record). */
  reports: ReportReceipt[];
  /** MARAC: each referral with whether it is a repeat within 12 months (from the case's earlier MARACs). */
  referrals: MaracReferralView[];
}

/** The record as read (GET, the printed record, the family's copy), and the meeting it is of. */
@Injectable()
export class MinutesReader {
  constructor(
    private readonly repository: MinutesRepository,
    private readonly rules: MeetingRules,
    private readonly checks: MinutesChecks,
  ) {}

  async context(db: EntityManager, meetingId: string): Promise<MeetingContext> {
    const rows = await this.repository.meeting(db, meetingId);
    if (!rows) throw Problem.notFound('The meeting');
    const { meeting, sessions, participants, people, cases } = rows;
    return {
      meeting,
      rules: this.rules.of(meeting.type),
      sessions,
      participants,
      people: new Map(people.map((p) => [p.id, p])),
      caseIds: cases.map((c) => c.case_id),
      caseKinds: Object.fromEntries(cases.map((c) => [c.case_id, c.kind])),
      caseReferences: Object.fromEntries(cases.map((c) => [c.case_id, c.reference])),
    };
  }

  /** May this participant receive the record? MARAC minutes go to agencies only; families get the family version. */
  mayReceive(ctx: Pick<MeetingContext, 'rules' | 'people'>, record: MinutesRecord, participant: Participant): boolean {
    return mayReceive(ctx, record, participant);
  }

  async view(meetingId: string, db: EntityManager = this.repository.manager): Promise<MinutesView> {
    const minutes = await this.repository.find(db, meetingId);
    if (!minutes) throw Problem.notFound('The minutes');
    const ctx = await this.context(db, meetingId);
    const amendments = await this.repository.amendments(db, minutes.id);
    const exclusions = await this.repository.exclusions(db, meetingId);
    const quorumAtDecisions = await this.checks.decisionQuorums(db, ctx, minutes.record);
    const warnings = [
      ...quorumAtDecisions
        .filter((q) => !q.quorate)
        .map((q) => `Decision ${q.decision} was taken when the meeting was not quorate: ${q.explanation}`),
      ...(ctx.rules.quorum ? await this.secondInquorate(db, ctx, minutes.quorate) : []),
      ...remoteWithoutReason(ctx, minutes.record),
      ...recordContentWarnings(contentContext(ctx), minutes.record),
    ];
    const documents = await this.repository.documents(db, meetingId);
    const reports = reportsReceived(
      ctx.participants.filter((p) => p.reportRequired),
      documents,
    );
    const referrals = minutes.record.referrals ?? [];
    const earlier = referrals.length
      ? await this.repository.earlierOfType(
          db,
          referrals.map((r) => r.caseId),
          ctx.meeting.type,
          meetingId,
          ctx.meeting.heldOn,
        )
      : [];
    const nextMeetings = await this.checks.nextMeetings(db, ctx, minutes.record, minutes.status !== 'DRAFT');
    return {
      ...minutes,
      // Live, so a record saved before the rule existed (or before a later sibling's review) still shows it.
      nextDueOn: nextMeetings[0]?.dueBy ?? null,
      nextMeetings,
      quorum: attendanceQuorum(ctx, minutes.record),
      quorumAtDecisions,
      warnings,
      exclusions: exclusions.map((e) => ({
        participantId: e.participantId,
        sessionId: e.sessionId,
        reason: e.reason,
        at: e.createdAt,
      })),
      amendments,
      reports,
      referrals: maracReferrals(minutes.record, earlier, ctx.meeting.heldOn),
    };
  }

  /**
   * "No two consecutive inquorate conferences" (DOMAIN.md §2, Swindon): when this one was not quorate and the case's
   * previous conference (a meeting of a type with a quorum rule) was not either, say so, naming the case by its reference.
   */
  private async secondInquorate(db: EntityManager, ctx: MeetingContext, quorate: boolean | null): Promise<string[]> {
    if (quorate !== false) return [];
    const conferences = Object.values(this.rules.table)
      .filter((rules) => rules.quorum)
      .map((rules) => rules.type);
    const references = await this.repository.previousInquorate(
      db,
      ctx.caseIds,
      conferences,
      ctx.meeting.id,
      ctx.meeting.startsAt,
    );
    return references.map(
      (reference) =>
        `${reference}: a second inquorate conference in a row; record why it went ahead (local procedures allow it only pre-birth or where too few agencies are involved)`,
    );
  }
}
