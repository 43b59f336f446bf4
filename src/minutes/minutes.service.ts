import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { STAFF_WHO_WRITE } from '../auth/roles.decorator';
import { amendmentProblem, approvalProblem, recordKeeperProblem } from './record-duties';
import { StaffUser } from '../auth/staff-user';
import { Outbox } from '../deliveries/outbox';
import { Person } from '../directory/person.entity';
import { FieldError, Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MeetingType, MeetingTypeRules } from '../meeting-types/meeting-types';
import { DueNext, nextDue } from '../meeting-types/timescale-rules';
import { Meeting } from '../meetings/meeting.entity';
import { MeetingSession } from '../meetings/meeting-session.entity';
import { Participant } from '../meetings/participant.entity';
import { Timescales } from '../meetings/case-history';
import { Clock } from '../time/clock';
import { AmendMinutesDto, MinutesDto, MinutesRecord } from './minutes.dto';
import { Minutes, MinutesAmendment } from './minutes.entity';
import { childParticipationAgeProblems, ReviewedChild } from './child-participation';
import { decisionsSharedAt } from './decisions-shared';
import { assessQuorum, AttendingAgency, QuorumAssessment } from './quorum';
import { AttendanceLogEntry, Exclusion } from '../meetings/safety.entities';
import { presentAt } from '../meetings/safety.service';
import { MeetingDocument } from '../prereads/document.entity';
import { Agency } from '../directory/agency.entity';
import { agenciesNamed, peopleNamed, unknownIdProblems } from './record-ids';
import {
  ContentContext,
  MaracReferralView,
  maracReferrals,
  recordContentProblems,
  recordContentWarnings,
  ReportReceipt,
  reportsReceived,
} from './record-content';

const RECORD_FIELDS: (keyof MinutesRecord)[] = [
  'sessions',
  'attendance',
  'childParticipation',
  'childParticipationByCase',
  'summary',
  'familySummary',
  'familyNotSharedReason',
  'planConsidered',
  'decisions',
  'decisionsFinal',
  'actions',
  'outcomes',
  'quorum',
  'childViews',
  'familyViews',
  'dissent',
  'plan',
  'lateReason',
  'agenciesMissingReason',
  'referrals',
  'advocacy',
  'consultationForms',
  'disputeResolution',
  'parentsLegallyRepresented',
];

/** How long a personal link reads the distributed record (the links otherwise close 28 days after the meeting). */
const RECORD_LINK_LIFETIME_MS = 28 * 24 * 3_600_000;

/** Who writes, submits and approves minutes is the chair's business; viewers only read. */

interface MeetingContext {
  meeting: Meeting;
  rules: MeetingTypeRules;
  sessions: MeetingSession[];
  participants: Participant[];
  people: Map<string, Person & { agencyKind: string | null }>;
  caseIds: string[];
  caseKinds: Record<string, string>;
  caseReferences: Record<string, string>;
}

/** A meeting the case(s) must have next, and the statutory latest date for it, as of the meeting recorded. */
export interface NextMeeting extends DueNext {
  label: string;
}

export interface MinutesView extends Omit<Minutes, 'record'> {
  record: MinutesRecord;
  /** What falls due next from this meeting (e.g. after an ICPC with a plan: the first core group and the first RCPC). */
  nextMeetings: NextMeeting[];
  quorum: QuorumAssessment | null;
  /** Quorum recalculated at each timed decision from the join/leave log (people leave; DOMAIN.md §4.3). */
  quorumAtDecisions: { decision: number; decidedAt: string; quorate: boolean; explanation: string }[];
  warnings: string[];
  exclusions: { participantId: string; sessionId: string; reason: string; at: Date }[];
  amendments: MinutesAmendment[];
  /** Each report owed, from the pre-reads: on time, late or not received (never typed into the record). */
  reports: ReportReceipt[];
  /** MARAC: each referral with whether it is a repeat within 12 months (from the case's earlier MARACs). */
  referrals: MaracReferralView[];
}

@Injectable()
export class MinutesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: MeetingRules,
    private readonly timescales: Timescales,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** PUT: save the draft (partial records allowed; what is there must be right). */
  async save(user: StaffUser, meetingId: string, dto: MinutesDto): Promise<MinutesView> {
    this.requireRole(user, STAFF_WHO_WRITE);
    await this.dataSource.transaction(async (db) => {
      const ctx = await this.context(db, meetingId);
      refuse(recordKeeperProblem(user, ctx.meeting));
      this.assertNotCancelled(ctx);
      const existing = await db.findOne(Minutes, { where: { meetingId }, lock: { mode: 'pessimistic_write' } });
      if (existing && (existing.status === 'APPROVED' || existing.status === 'DISTRIBUTED')) {
        throw Problem.conflict('The minutes are approved and read-only; send an amendment instead');
      }
      const record = pick(dto);
      await this.assertValid(db, ctx, record, false);
      const due = await this.dueDates(db, ctx, record, false);
      const quorate = await this.quorate(db, ctx, record);
      if (existing) {
        const decisionsShared = decisionsSharedAt(existing.decisionsSharedAt, record, this.clock.now());
        Object.assign(existing, {
          record,
          quorate,
          ...due,
          decisionsSharedAt: decisionsShared,
          status: 'DRAFT' as const,
        });
        await db.save(existing);
      } else {
        const decisionsShared = decisionsSharedAt(null, record, this.clock.now());
        await db.insert(Minutes, {
          meetingId,
          record,
          quorate,
          ...due,
          decisionsSharedAt: decisionsShared,
          author: user.id,
          status: 'DRAFT',
        });
      }
      await this.audit.record(db, {
        actor: user.id,
        action: 'minutes.saved',
        entity: 'minutes',
        entityId: meetingId,
        meetingId,
        changes: { fields: Object.keys(record) },
      });
    });
    return this.view(meetingId);
  }

  async submit(user: StaffUser, meetingId: string): Promise<MinutesView> {
    this.requireRole(user, STAFF_WHO_WRITE);
    await this.transition(user, meetingId, 'DRAFT', 'SUBMITTED', async (db, minutes, ctx) => {
      refuse(recordKeeperProblem(user, ctx.meeting));
      await this.assertValid(db, ctx, minutes.record, true);
      Object.assign(minutes, { submittedAt: this.clock.now(), submittedBy: user.id });
    });
    return this.view(meetingId);
  }

  async approve(user: StaffUser, meetingId: string): Promise<MinutesView> {
    await this.transition(user, meetingId, 'SUBMITTED', 'APPROVED', async (db, minutes, ctx) => {
      // Approved by the chair's manager, the IRO or the MARAC coordinator, as the type says, and never by the person
      // who wrote, submitted or amended the record (separation of duties).
      const amenders = await db.find(MinutesAmendment, {
        where: { minutesId: minutes.id },
        select: { amendedBy: true },
      });
      refuse(
        approvalProblem(user, ctx.rules.minutesApproverRoles, [
          minutes.author,
          minutes.submittedBy,
          ...amenders.map((a) => a.amendedBy),
        ]),
      );
      // The meeting may have changed since submission (a sibling added): what is approved must still be complete.
      await this.assertValid(db, ctx, minutes.record, true);
      Object.assign(minutes, { approvedAt: this.clock.now(), approvedBy: user.id });
    });
    return this.view(meetingId);
  }

  /** Sends the record through the outbox to those allowed to see it: agencies only for MARAC; families the version marked for them. */
  async distribute(
    user: StaffUser,
    meetingId: string,
  ): Promise<MinutesView & { distributedTo: string[]; withheldFrom: string[] }> {
    this.requireRole(user, STAFF_WHO_WRITE);
    let distributedTo: string[] = [];
    let withheldFrom: string[] = [];
    await this.transition(user, meetingId, 'APPROVED', 'DISTRIBUTED', async (db, minutes, ctx) => {
      const now = this.clock.now();
      Object.assign(minutes, {
        distributedAt: now,
        distributedBy: user.id,
        decisionsSharedAt: decisionsSharedAt(minutes.decisionsSharedAt, minutes.record, now, true),
      });
      const version = await db.count(MinutesAmendment, { where: { minutesId: minutes.id } });
      const recipients = ctx.participants.filter((p) => this.mayReceive(ctx, minutes.record, p));
      distributedTo = recipients.map((p) => p.id);
      // The record is read through the personal link: it stays open for RECORD_LINK_LIFETIME_MS from distribution.
      await db.query(
        `UPDATE participants SET link_expires_at = GREATEST(link_expires_at, $2) WHERE id = ANY($1::uuid[])`,
        [distributedTo, new Date(this.clock.now().getTime() + RECORD_LINK_LIFETIME_MS)],
      );
      withheldFrom = ctx.participants.filter((p) => !recipients.includes(p)).map((p) => p.id);
      await this.outbox.enqueue(
        db,
        recipients.map((p) => ({
          meetingId,
          participantId: p.id,
          kind: 'MINUTES',
          hasAddress: Boolean(ctx.people.get(p.personId)?.email),
          // One message per approved version: an amended record, once approved again, goes out again.
          dedupeKey: version === 0 ? `minutes:${minutes.id}:${p.id}` : `minutes:${minutes.id}:v${version}:${p.id}`,
        })),
      );
    });
    return { ...(await this.view(meetingId)), distributedTo, withheldFrom };
  }

  /** The chair names (or, with null, unnames) the professional who writes the record with them. */
  async nameMinuteTaker(
    user: StaffUser,
    meetingId: string,
    personId: string | null,
  ): Promise<{ meetingId: string; minuteTakerId: string | null }> {
    return this.dataSource.transaction(async (db) => {
      const meeting = await db.findOne(Meeting, { where: { id: meetingId }, lock: { mode: 'pessimistic_write' } });
      if (!meeting) throw Problem.notFound('The meeting');
      if (user.id !== meeting.chairId)
        throw new Problem(HttpStatus.FORBIDDEN, 'Only the chair of the meeting names its minute-taker');
      if (personId !== null && !(await db.existsBy(Person, { id: personId, kind: 'PROFESSIONAL' }))) {
        throw Problem.unprocessable('personId', 'is not a professional in the directory');
      }
      await db.update(Meeting, { id: meetingId }, { minuteTakerId: personId });
      await this.audit.record(db, {
        actor: user.id,
        action: 'minutes.taker-named',
        entity: 'meeting',
        entityId: meetingId,
        meetingId,
        personId,
      });
      return { meetingId, minuteTakerId: personId };
    });
  }

  /** A correction to an approved record: who, when, why, and what it said before. */
  async amend(user: StaffUser, meetingId: string, dto: AmendMinutesDto): Promise<MinutesView> {
    this.requireRole(user, STAFF_WHO_WRITE);
    await this.dataSource.transaction(async (db) => {
      const ctx = await this.context(db, meetingId);
      refuse(amendmentProblem(user, ctx.rules.minutesApproverRoles));
      this.assertNotCancelled(ctx);
      const minutes = await db.findOne(Minutes, { where: { meetingId }, lock: { mode: 'pessimistic_write' } });
      if (!minutes) throw Problem.notFound('The minutes');
      if (minutes.status !== 'APPROVED' && minutes.status !== 'DISTRIBUTED')
        throw Problem.conflict('Only approved minutes are amended; edit the draft instead');
      const { reason, ...changes } = dto;
      const changed = pick(changes);
      const fields = Object.keys(changed) as (keyof MinutesRecord)[];
      if (fields.length === 0)
        throw Problem.badRequest('reason', 'an amendment must change at least one part of the record');
      const before: Partial<MinutesRecord> = Object.fromEntries(fields.map((f) => [f, minutes.record[f] ?? null]));
      const record = { ...minutes.record, ...changed };
      await this.assertValid(db, ctx, record, true);
      minutes.record = record;
      minutes.quorate = await this.quorate(db, ctx, record);
      // An amended outcome (a plan after all, or none) changes what falls due next.
      minutes.nextDueOn = (await this.dueDates(db, ctx, record, true)).nextDueOn;
      minutes.decisionsSharedAt = decisionsSharedAt(minutes.decisionsSharedAt, record, this.clock.now());
      // An amended record goes back for approval, by someone other than its amender, and out again only after it.
      Object.assign(minutes, { status: 'SUBMITTED' as const, approvedAt: null, approvedBy: null });
      await db.save(minutes);
      await db.insert(MinutesAmendment, {
        minutesId: minutes.id,
        amendedBy: user.id,
        reason,
        changedFields: fields,
        before,
      });
      await this.audit.record(db, {
        actor: user.id,
        action: 'minutes.amended',
        entity: 'minutes',
        entityId: minutes.id,
        meetingId,
        changes: { fields },
      });
    });
    return this.view(meetingId);
  }

  async view(meetingId: string, db: EntityManager = this.dataSource.manager): Promise<MinutesView> {
    const minutes = await db.findOneBy(Minutes, { meetingId });
    if (!minutes) throw Problem.notFound('The minutes');
    const ctx = await this.context(db, meetingId);
    const amendments = await db.find(MinutesAmendment, {
      where: { minutesId: minutes.id },
      order: { createdAt: 'ASC' },
    });
    const exclusions = await db.find(Exclusion, { where: { meetingId }, order: { createdAt: 'ASC' } });
    const quorumAtDecisions = await this.quorumAtDecisions(db, ctx, minutes.record);
    const warnings = [
      ...quorumAtDecisions
        .filter((q) => !q.quorate)
        .map((q) => `Decision ${q.decision} was taken when the meeting was not quorate: ${q.explanation}`),
      ...(ctx.rules.quorum ? await this.secondInquorate(db, ctx, minutes.quorate) : []),
      ...remoteWithoutReason(ctx, minutes.record),
      ...recordContentWarnings(contentContext(ctx), minutes.record),
    ];
    const documents = await db.find(MeetingDocument, {
      where: { meetingId },
      select: { participantId: true, submittedAt: true, late: true },
    });
    const reports = reportsReceived(
      ctx.participants.filter((p) => p.reportRequired),
      documents,
    );
    const earlier: { caseId: string; heldOn: string }[] = minutes.record.referrals?.length
      ? await db.query(
          `SELECT mc.case_id AS "caseId", to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn" FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id
            WHERE mc.case_id = ANY($1::uuid[]) AND m.type = $2 AND m.status = 'SCHEDULED' AND m.id <> $3 AND m.held_on < $4`,
          [minutes.record.referrals.map((r) => r.caseId), ctx.meeting.type, meetingId, ctx.meeting.heldOn],
        )
      : [];
    const nextMeetings = await this.nextMeetings(db, ctx, minutes.record, minutes.status !== 'DRAFT');
    return {
      ...minutes,
      // Live, so a record saved before the rule existed (or before a later sibling's review) still shows it.
      nextDueOn: nextMeetings[0]?.dueBy ?? null,
      nextMeetings,
      quorum: this.quorum(ctx, minutes.record),
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

  private async quorumAtDecisions(
    db: EntityManager,
    ctx: MeetingContext,
    record: MinutesRecord,
  ): Promise<MinutesView['quorumAtDecisions']> {
    const rule = ctx.rules.quorum;
    const timed = (record.decisions ?? [])
      .map((d, i) => ({ decision: i + 1, decidedAt: d.decidedAt }))
      .filter((d): d is { decision: number; decidedAt: string } => Boolean(d.decidedAt));
    if (!rule || timed.length === 0) return [];
    const log = await db.find(AttendanceLogEntry, { where: { meetingId: ctx.meeting.id } });
    if (log.length === 0) return []; // no join/leave log: the attendance list is all there is to judge by
    return timed.map(({ decision, decidedAt }) => {
      const present = presentAt(log, new Date(decidedAt));
      const assessment = assessQuorum(
        rule,
        present
          .map((id) => ctx.participants.find((p) => p.id === id))
          .filter((p): p is Participant => Boolean(p))
          .map((p) => agencyOf(ctx, p)),
      );
      return { decision, decidedAt, quorate: assessment.quorate, explanation: assessment.explanation };
    });
  }

  /** May this participant receive the record? MARAC minutes go to agencies only; families get the family version. */
  mayReceive(ctx: Pick<MeetingContext, 'rules' | 'people'>, record: MinutesRecord, participant: Participant): boolean {
    const person = ctx.people.get(participant.personId);
    if (!person) return false;
    if (person.kind === 'PROFESSIONAL') return true;
    return ctx.rules.minutesAudience === 'ALL_PARTICIPANTS' && Boolean(record.familySummary);
  }

  async context(db: EntityManager, meetingId: string): Promise<MeetingContext> {
    const meeting = await db.findOneBy(Meeting, { id: meetingId });
    if (!meeting) throw Problem.notFound('The meeting');
    // One after another: inside a transaction they share one connection, which runs one query at a time anyway.
    const sessions = await db.find(MeetingSession, { where: { meetingId }, order: { position: 'ASC' } });
    const participants = await db.find(Participant, { where: { meetingId, removedAt: IsNull() } });
    const cases: { case_id: string; kind: string; reference: string }[] = await db.query(
      `SELECT mc.case_id, c.kind, c.reference FROM meeting_cases mc JOIN cases c ON c.id = mc.case_id WHERE mc.meeting_id = $1 ORDER BY mc.position`,
      [meetingId],
    );
    const people: (Person & { agencyKind: string | null })[] = participants.length
      ? await db
          .getRepository(Person)
          .createQueryBuilder('p')
          .leftJoin('agencies', 'a', 'a.id = p.agency_id')
          .addSelect('a.kind', 'agency_kind')
          .where({ id: In(participants.map((p) => p.personId)) })
          .getRawAndEntities()
          .then(({ entities, raw }) =>
            entities.map((e) => ({
              ...e,
              agencyKind:
                (raw as { p_id: string; agency_kind: string | null }[]).find((r) => r.p_id === e.id)?.agency_kind ??
                null,
            })),
          )
      : [];
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

  /**
   * Whether the meeting was quorate when it decided (what reports count): judged at each timed decision from the
   * join/leave log where there is one (DOMAIN.md §4.3: leaving early can make a conference inquorate), otherwise from
   * the attendance list; null for a type without a quorum rule.
   */
  private async quorate(db: EntityManager, ctx: MeetingContext, record: MinutesRecord): Promise<boolean | null> {
    const atDecisions = await this.quorumAtDecisions(db, ctx, record);
    if (atDecisions.length > 0) return atDecisions.every((q) => q.quorate);
    return this.quorum(ctx, record)?.quorate ?? null;
  }

  /**
   * "No two consecutive inquorate conferences" (DOMAIN.md §2, Swindon): when this one was not quorate and the case's
   * previous conference was not either, say so, naming the case by its reference.
   */
  private async secondInquorate(db: EntityManager, ctx: MeetingContext, quorate: boolean | null): Promise<string[]> {
    if (quorate !== false) return [];
    const earlier: { reference: string }[] = await db.query(
      `SELECT c.reference
         FROM cases c
         CROSS JOIN LATERAL (
           SELECT mi.quorate FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id JOIN minutes mi ON mi.meeting_id = m.id
            WHERE mc.case_id = c.id AND m.id <> $2 AND m.status = 'SCHEDULED' AND m.type IN ('ICPC', 'RCPC') AND m.starts_at < $3
            ORDER BY m.starts_at DESC LIMIT 1
         ) previous
        WHERE c.id = ANY($1::uuid[]) AND previous.quorate = false
        ORDER BY c.reference`,
      [ctx.caseIds, ctx.meeting.id, ctx.meeting.startsAt],
    );
    return earlier.map(
      ({ reference }) =>
        `${reference}: a second inquorate conference in a row; record why it went ahead (local procedures allow it only pre-birth or where too few agencies are involved)`,
    );
  }

  private quorum(ctx: MeetingContext, record: MinutesRecord): QuorumAssessment | null {
    if (!ctx.rules.quorum) return null;
    const attended = (record.attendance ?? [])
      .filter((a) => a.status === 'ATTENDED')
      .map((a) => ctx.participants.find((p) => p.id === a.participantId))
      .filter((p): p is Participant => Boolean(p));
    return assessQuorum(
      ctx.rules.quorum,
      attended.map((p) => agencyOf(ctx, p)),
    );
  }

  private async dueDates(
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
  private async nextMeetings(
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

  /** A cancelled meeting can no longer change (API.md: 409), its record included. */
  private assertNotCancelled(ctx: MeetingContext): void {
    if (ctx.meeting.status === 'CANCELLED')
      throw Problem.conflict('The meeting was cancelled; its record can no longer change');
  }

  /** Every rule the record must meet; `complete` adds what a submitted record may not leave out. */
  private async assertValid(
    db: EntityManager,
    ctx: MeetingContext,
    record: MinutesRecord,
    complete: boolean,
  ): Promise<void> {
    await this.assertKnownIds(db, ctx, record);
    const errors: FieldError[] = [];
    record.attendance?.forEach((a, i) => {
      if (a.status === 'ATTENDED' && !a.joinedBy)
        errors.push({ field: `attendance[${i}].joinedBy`, message: 'say how they joined: IN_PERSON, VIDEO or PHONE' });
    });
    if (!ctx.rules.childParticipationApplies) {
      if (record.childParticipation)
        errors.push({
          field: 'childParticipation',
          message: `PN codes apply only to LAC reviews, not to a ${ctx.rules.label}`,
        });
      if (record.childParticipationByCase?.length)
        errors.push({
          field: 'childParticipationByCase',
          message: `PN codes apply only to LAC reviews, not to a ${ctx.rules.label}`,
        });
    }
    if (ctx.rules.childParticipationApplies)
      errors.push(
        ...childParticipationAgeProblems(record, await this.reviewedChildren(db, ctx), ctx.meeting.heldOn, complete),
      );
    record.childParticipationByCase?.forEach((c, i) => {
      if (record.childParticipationByCase?.findIndex((other) => other.caseId === c.caseId) !== i) {
        errors.push({ field: `childParticipationByCase[${i}].caseId`, message: 'this case has a code already' });
      }
    });
    record.outcomes?.forEach((o, i) => {
      if (!ctx.rules.outcomes.includes(o.outcome))
        errors.push({
          field: `outcomes[${i}].outcome`,
          message: `must be one of ${ctx.rules.outcomes.join(', ')} for a ${ctx.rules.label}`,
        });
      const needsCategory = ctx.rules.outcomeNeedsCategory.includes(o.outcome);
      if (needsCategory && !o.category)
        errors.push({
          field: `outcomes[${i}].category`,
          message: `a ${o.outcome} outcome needs a category (NEGLECT, PHYSICAL, SEXUAL, EMOTIONAL or MULTIPLE)`,
        });
      if (!needsCategory && o.category)
        errors.push({ field: `outcomes[${i}].category`, message: `a ${o.outcome} outcome has no category` });
    });
    errors.push(...recordContentProblems(contentContext(ctx), record, complete));
    if (complete) {
      if (!record.summary) errors.push({ field: 'summary', message: 'a submitted record needs a summary' });
      if (record.planConsidered === undefined)
        errors.push({ field: 'planConsidered', message: 'say whether the plan was considered' });
      if (!record.decisions?.length)
        errors.push({
          field: 'decisions',
          message: 'a submitted record needs at least one decision with its rationale',
        });
      if (!record.attendance?.length)
        errors.push({ field: 'attendance', message: 'a submitted record needs the attendance' });
      errors.push(...familyCopyMissing(ctx, record));
      const methods = new Set((record.sessions ?? []).map((s) => s.sessionId));
      ctx.sessions.forEach((s) => {
        if (!methods.has(s.id))
          errors.push({ field: 'sessions', message: `say how session ${s.position + 1} was held` });
      });
      if (ctx.rules.outcomes.length) {
        const decided = new Set((record.outcomes ?? []).map((o) => o.caseId));
        ctx.caseIds.forEach((caseId) => {
          if (!decided.has(caseId))
            errors.push({ field: 'outcomes', message: `record the outcome for case ${caseId}` });
        });
      }
      if (ctx.rules.childParticipationApplies && !record.childParticipation) {
        // SSDA903 REVIEW_CODE is per child (903 rule 167; DOMAIN.md §8): every child of a sibling group needs one.
        const coded = new Set((record.childParticipationByCase ?? []).map((c) => c.caseId));
        if (coded.size === 0)
          errors.push({
            field: 'childParticipation',
            message: 'a LAC review records the child’s participation (PN0–PN7)',
          });
        else {
          ctx.caseIds.forEach((caseId) => {
            if (!coded.has(caseId))
              errors.push({
                field: 'childParticipationByCase',
                message: `record the participation code (PN0–PN7) for case ${caseId}`,
              });
          });
        }
      }
      const quorum = this.quorum(ctx, record);
      const inquorateDecisions = (await this.quorumAtDecisions(db, ctx, record)).filter((q) => !q.quorate);
      if (inquorateDecisions.length && !record.quorum?.reasonToProceed) {
        errors.push({
          field: 'quorum.reasonToProceed',
          message: `decision ${inquorateDecisions[0].decision} was taken when the meeting was not quorate (${inquorateDecisions[0].explanation}); record the chair’s reason to proceed`,
        });
      } else if (quorum && !quorum.quorate && !record.quorum?.reasonToProceed) {
        errors.push({
          field: 'quorum.reasonToProceed',
          message: `the meeting was not quorate (${quorum.explanation}); record the chair’s reason to proceed`,
        });
      }
    }
    if (errors.length) throw Problem.invalid(errors);
  }

  /** The children of the meeting with their dates of birth, for the PN0 age check. */
  private async reviewedChildren(db: EntityManager, ctx: MeetingContext): Promise<ReviewedChild[]> {
    return db.query(
      `SELECT c.id AS "caseId", c.reference, to_char(c.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth" FROM cases c WHERE c.id = ANY($1::uuid[])`,
      [ctx.caseIds],
    );
  }

  private async transition(
    user: StaffUser,
    meetingId: string,
    from: Minutes['status'],
    to: Minutes['status'],
    change: (db: EntityManager, minutes: Minutes, ctx: MeetingContext) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      const minutes = await db.findOne(Minutes, { where: { meetingId }, lock: { mode: 'pessimistic_write' } });
      if (!minutes) throw Problem.notFound('The minutes');
      if (minutes.status !== from)
        throw Problem.conflict(
          `The minutes are ${minutes.status.toLowerCase()}; only ${from.toLowerCase()} minutes can become ${to.toLowerCase()}`,
        );
      const ctx = await this.context(db, meetingId);
      this.assertNotCancelled(ctx);
      await this.assertKnownIds(db, ctx, minutes.record);
      await change(db, minutes, ctx);
      minutes.status = to;
      await db.save(minutes);
      await this.audit.record(db, {
        actor: user.id,
        action: `minutes.${to.toLowerCase()}`,
        entity: 'minutes',
        entityId: minutes.id,
        meetingId,
      });
    });
  }

  /** Every id in the record must name something that exists (API.md: an unknown id in a body is 422), draft or not. */
  private async assertKnownIds(db: EntityManager, ctx: MeetingContext, record: MinutesRecord): Promise<void> {
    const people = [...new Set(peopleNamed(record).map((n) => n.id))];
    const agencies = [...new Set(agenciesNamed(record).map((n) => n.id))];
    const knownPeople = new Set(people.length ? (await db.findBy(Person, { id: In(people) })).map((p) => p.id) : []);
    const knownAgencies = new Set(
      agencies.length ? (await db.findBy(Agency, { id: In(agencies) })).map((a) => a.id) : [],
    );
    const meeting = {
      sessionIds: new Set(ctx.sessions.map((s) => s.id)),
      participantIds: new Set(ctx.participants.map((p) => p.id)),
      caseIds: new Set(ctx.caseIds),
      chairId: ctx.meeting.chairId,
    };
    const errors = unknownIdProblems(meeting, record, knownPeople, knownAgencies);
    if (errors.length)
      throw new Problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      );
  }

  private requireRole(user: StaffUser, roles: readonly string[]): void {
    if (user.roles.includes('ADMIN') || user.roles.some((r) => roles.includes(r))) return;
    throw new Problem(HttpStatus.FORBIDDEN, `This needs one of the roles ${roles.join(', ')}`);
  }
}

/** The meeting as the record-content rules (record-content.ts) see it. */
function contentContext(ctx: MeetingContext): ContentContext {
  return {
    rules: ctx.rules.record,
    label: ctx.rules.label,
    caseIds: ctx.caseIds,
    caseKinds: ctx.caseKinds,
    caseReferences: ctx.caseReferences,
    heldOn: ctx.meeting.heldOn,
    dueBy: ctx.meeting.dueBy,
    withinTimescale: ctx.meeting.withinTimescale,
    participants: ctx.participants.map((p) => {
      const person = ctx.people.get(p.personId);
      return {
        id: p.id,
        personId: p.personId,
        role: p.role,
        isChair: p.isChair,
        family: person?.kind === 'FAMILY',
        agencyKind: person?.agencyKind ?? null,
      };
    }),
  };
}

/** 403 with the reason a duty check gave. */
function refuse(problem: string | null): void {
  if (problem) throw new Problem(HttpStatus.FORBIDDEN, problem);
}

function pick(dto: Partial<MinutesDto>): MinutesRecord {
  const record: MinutesRecord = {};
  for (const field of RECORD_FIELDS)
    if (dto[field] !== undefined) (record as Record<string, unknown>)[field] = dto[field];
  return JSON.parse(JSON.stringify(record)) as MinutesRecord;
}

/** The agency a participant came for, as the quorum counts it. */
function agencyOf(ctx: Pick<MeetingContext, 'people'>, participant: Participant): AttendingAgency {
  const person = ctx.people.get(participant.personId);
  return {
    agencyId: person?.agencyId ?? null,
    kind: person?.agencyKind ?? null,
    role: participant.role,
    isChair: participant.isChair,
  };
}

/**
 * DOMAIN.md §4.1: record the method of each part and, for a remote one, why it was remote (the law while the 2020
 * regulations were in force, good practice since). A part held remotely without a reason is pointed out.
 */
// Separate conversations (a series of bilateral calls, no joint discussion) are the furthest from a meeting of all:
// they must not count silently as a conference (DOMAIN.md §4.3, Nuffield FJO), so they need a reason like any remote method.
const REMOTE_METHODS: readonly string[] = ['VIDEO', 'PHONE', 'HYBRID', 'SEPARATE_CONVERSATIONS'];

function remoteWithoutReason(ctx: Pick<MeetingContext, 'sessions'>, record: MinutesRecord): string[] {
  return (record.sessions ?? [])
    .filter((s) => REMOTE_METHODS.includes(s.method) && !s.reason?.trim())
    .map((s) => {
      const part = `Part ${(ctx.sessions.find((x) => x.id === s.sessionId)?.position ?? 0) + 1}`;
      return s.method === 'SEPARATE_CONVERSATIONS'
        ? `${part} was held as separate conversations, with no joint discussion: record why`
        : `${part} was held by ${s.method.toLowerCase().replace(/_/g, ' ')}: record why a remote method was used`;
    });
}

/**
 * Parents are never left off the distribution in silence (issue 17): where the record may go to the family and a
 * family member took part, a submitted record carries the family summary or the chair's reason for not sharing it.
 */
function familyCopyMissing(
  ctx: Pick<MeetingContext, 'rules' | 'participants' | 'people'>,
  record: MinutesRecord,
): FieldError[] {
  if (ctx.rules.minutesAudience !== 'ALL_PARTICIPANTS' || record.familySummary || record.familyNotSharedReason)
    return [];
  const family = ctx.participants.some((p) => ctx.people.get(p.personId)?.kind === 'FAMILY');
  return family
    ? [
        {
          field: 'familySummary',
          message: 'write the summary the family receives, or say why it is not shared (familyNotSharedReason)',
        },
      ]
    : [];
}
