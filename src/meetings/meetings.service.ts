import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Case } from '../cases/case.entity';
import { Delivery } from '../deliveries/delivery.entity';
import { NewDelivery, Outbox } from '../deliveries/outbox';
import { Person } from '../directory/person.entity';
import { isCalendarDate } from '../http/dates';
import { FieldError, Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MeetingTypeRules } from '../meeting-types/meeting-types';
import { LinkTokens } from '../participant-links/link-tokens';
import { LINK_LIFETIME_AFTER_CANCELLATION_MS } from './joining-details';
import { Clock } from '../time/clock';
import { londonDateOf } from '../time/london';
import {
  AccessNeedsDto,
  AddParticipantDto,
  BookMeetingDto,
  CancelMeetingDto,
  ExclusionDto,
  JoiningDetailsDto,
  KeepApartDto,
  MeetingQuery,
  RescheduleSessionDto,
} from './book-meeting.dto';
import { describeBreaches, keepApartBreaches } from './keep-apart';
import { Exclusion, KeepApartRule } from './safety.entities';
import { Meeting, MeetingCase, MeetingFormat } from './meeting.entity';
import { MeetingSession } from './meeting-session.entity';
import { meetingView, MeetingView } from './meeting-view';
import { Participant } from './participant.entity';
import { Timescales } from './timescales';

interface Attendee {
  personId: string;
  role: string;
  isChair: boolean;
  sessionIds: string[];
  reportRequired: boolean;
  caseIds?: string[] | null;
  interpreterLanguage?: string | null;
  phoneOnly?: boolean;
  assistedVideo?: boolean;
  accessibilityNotes?: string | null;
}

function accessNeedsOf(p: {
  accessNeeds?: AccessNeedsDto;
}): Pick<Attendee, 'interpreterLanguage' | 'phoneOnly' | 'assistedVideo' | 'accessibilityNotes'> {
  return {
    interpreterLanguage: p.accessNeeds?.interpreterLanguage ?? null,
    phoneOnly: p.accessNeeds?.phoneOnly ?? false,
    assistedVideo: p.accessNeeds?.assistedVideo ?? false,
    accessibilityNotes: p.accessNeeds?.notes ?? null,
  };
}

/** Personal links work until this long after the meeting's last session. */
const LINK_LIFETIME_AFTER_MEETING_MS = 28 * 24 * 3_600_000;

/** An ISO 8601 instant, or an invalid Date for one that names no real time (30 February). */
function parseInstant(value: string): Date {
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toJSDate() : new Date(Number.NaN);
}

interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/**
 * A meeting held in parts is held when its last part is held (README "Rules"): a LAC review whose short first part
 * (the IRO with the young person) comes before the review meeting is dated by the review meeting, for timeliness,
 * the record's due dates and the next review alike.
 */
function heldOnOf(parts: Slot[]): string {
  return londonDateOf(new Date(Math.max(...parts.map((s) => s.startsAt.getTime()))));
}

/** The meeting's entity tag: its version, which every change raises. */
export function meetingEtag(meeting: { version: number }): string {
  return `"${meeting.version}"`;
}

/** Ids a client sent that name nothing, or people who may not take part: 422 naming each field. */
function throwUnprocessable(errors: FieldError[]): void {
  if (errors.length) throw new Problem(422, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

/** Which joining details each format needs (API.md "Meetings"). */
function joinProblems(format: MeetingFormat, join: JoiningDetailsDto | undefined, field: string): FieldError[] {
  const remote = Boolean(join?.videoUrl || join?.dialInNumber);
  const venue = Boolean(join?.venue);
  const errors: FieldError[] = [];
  if ((format === 'VIRTUAL' || format === 'HYBRID') && !remote) {
    errors.push({
      field: `${field}.join`,
      message: `a ${format.toLowerCase().replace('_', '-')} session needs a videoUrl or a dialInNumber`,
    });
  }
  if ((format === 'IN_PERSON' || format === 'HYBRID') && !venue) {
    errors.push({
      field: `${field}.join.venue`,
      message: `a ${format.toLowerCase().replace('_', '-')} session needs a venue`,
    });
  }
  return errors;
}

function slotProblems(slot: Slot, field: string): FieldError[] {
  if (Number.isNaN(slot.startsAt.getTime()))
    return [{ field: `${field}.startsAt`, message: 'is not a real date and time' }];
  if (Number.isNaN(slot.endsAt.getTime()))
    return [{ field: `${field}.endsAt`, message: 'is not a real date and time' }];
  if (slot.endsAt <= slot.startsAt) return [{ field: `${field}.endsAt`, message: 'must be after startsAt' }];
  if (slot.endsAt.getTime() - slot.startsAt.getTime() > 12 * 3_600_000)
    return [{ field: `${field}.endsAt`, message: 'a session lasts at most 12 hours' }];
  return [];
}

/**
 * Books and changes meetings. Each command is one transaction that changes the meeting, raises its sequence,
 * records the audit trail and enqueues the messages the change causes.
 */
@Injectable()
export class MeetingsService {
  private readonly linkTokens: LinkTokens;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rules: MeetingRules,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly timescales: Timescales,
    linkTokens: LinkTokens,
  ) {
    this.linkTokens = linkTokens;
  }

  /** `within`: the caller's transaction, so what it wrote first (a case made on the booking page) commits with this. */
  async book(actor: string, dto: BookMeetingDto, within?: EntityManager): Promise<MeetingView> {
    const rules = this.rules.of(dto.type);
    const slots = dto.sessions.map((s) => {
      const startsAt = parseInstant(s.startsAt);
      // A session given without its end lasts the type's default length (the rules table's defaultDurationMinutes).
      return {
        startsAt,
        endsAt: s.endsAt
          ? parseInstant(s.endsAt)
          : new Date(startsAt.getTime() + rules.defaultDurationMinutes * 60_000),
      };
    });
    const participantsIn = dto.participants ?? [];
    this.validateShape(dto, slots, participantsIn);

    const inTransaction = <T>(work: (db: EntityManager) => Promise<T>) =>
      within ? work(within) : this.dataSource.transaction(work);
    return inTransaction(async (db) => {
      const people = await this.loadPeople(db, dto.chairId, participantsIn);
      const { cases, errors: caseErrors } = await this.loadCases(db, dto.caseIds, rules);
      throwUnprocessable([...this.peopleProblems(rules, dto.chairId, participantsIn, people), ...caseErrors]);
      if (dto.relatedMeetingId && !(await db.existsBy(Meeting, { id: dto.relatedMeetingId }))) {
        throw Problem.unprocessable('relatedMeetingId', 'no meeting has this id');
      }
      if (!dto.allowOverlap) await this.refuseChairClash(db, dto.chairId, null, slots);

      const startsAt = new Date(Math.min(...slots.map((s) => s.startsAt.getTime())));
      const endsAt = new Date(Math.max(...slots.map((s) => s.endsAt.getTime())));
      const heldOn = heldOnOf(slots);
      const due = await this.timescales.dueFor(db, {
        type: dto.type,
        caseIds: cases.map((c) => c.id),
        heldOn,
        relatedMeetingId: dto.relatedMeetingId ?? null,
        excludeMeetingId: null,
      });
      const meeting = await db.save(
        db.create(Meeting, {
          type: dto.type,
          format: dto.format,
          status: 'SCHEDULED',
          chairId: dto.chairId,
          relatedMeetingId: dto.relatedMeetingId ?? null,
          sequence: 0,
          startsAt,
          endsAt,
          heldOn,
          preReadDeadline: this.timescales.preReadDeadline(rules, startsAt),
          dueBy: due.dueBy,
          dueBasis: due.basis,
          withinTimescale: due.withinTimescale,
          bookedBy: actor,
        }),
      );
      await db.insert(
        MeetingCase,
        cases.map((c, position) => ({ meetingId: meeting.id, caseId: c.id, position })),
      );
      const sessions = await db.save(
        dto.sessions.map((s, position) =>
          db.create(MeetingSession, {
            meetingId: meeting.id,
            position,
            label: s.label ?? null,
            startsAt: slots[position].startsAt,
            endsAt: slots[position].endsAt,
            videoUrl: s.join?.videoUrl ?? null,
            dialInNumber: s.join?.dialInNumber ?? null,
            accessCode: s.join?.accessCode ?? null,
            venue: s.join?.venue ?? null,
            icalUid: `${randomUUID()}@${this.mailDomain()}`,
            sequence: 0,
          }),
        ),
      );
      const allSessionIds = sessions.map((s) => s.id);
      const attendees: Attendee[] = [
        { personId: dto.chairId, role: 'CHAIR', isChair: true, sessionIds: allSessionIds, reportRequired: false },
        ...participantsIn
          .filter((p) => p.personId !== dto.chairId)
          .map((p) => ({
            personId: p.personId,
            role: p.role,
            isChair: false,
            sessionIds: p.sessions ? p.sessions.map((i) => sessions[i].id) : allSessionIds,
            reportRequired: p.reportRequired ?? false,
            caseIds: p.caseIds ?? null,
            ...accessNeedsOf(p),
          })),
      ];
      throwUnprocessable(
        casesOutside(
          cases.map((c) => c.id),
          participantsIn,
          (i) => `participants[${i}].caseIds`,
        ),
      );
      await this.refuseKeepApartBreach(
        db,
        meeting.id,
        cases.map((c) => c.id),
        attendees,
        sessions,
      );
      const participants = await this.insertParticipants(db, meeting, attendees);
      const invites = await this.outbox.enqueue(
        db,
        participants.flatMap((p) =>
          p.sessionIds.map((sessionId) =>
            this.calendarDelivery(meeting, p, sessionId, 0, 'INVITE', people.get(p.personId)?.email),
          ),
        ),
        { newRecipients: true }, // every participant was inserted just above
      );
      await this.audit.record(db, {
        actor,
        action: 'meeting.booked',
        entity: 'meeting',
        entityId: meeting.id,
        meetingId: meeting.id,
        changes: {
          type: dto.type,
          caseIds: cases.map((c) => c.id),
          sessionIds: allSessionIds,
          participantIds: participants.map((p) => p.id),
          // The booker chose to double-book the chair (the booking page's "Book anyway"): on the record.
          ...(dto.allowOverlap ? { allowOverlap: true } : {}),
        },
      });
      // The 201 is built from the rows just written rather than read back.
      return meetingView(
        meeting,
        cases.map((c) => ({ id: c.id, reference: c.reference })),
        sessions,
        participants,
        invites,
      );
    });
  }

  async rescheduleSession(
    actor: string,
    meetingId: string,
    sessionId: string,
    dto: RescheduleSessionDto,
    ifMatch?: string,
  ): Promise<MeetingView> {
    await this.dataSource.transaction(async (db) => {
      const meeting = await this.lockOpenMeeting(db, meetingId, ifMatch);
      const session = await db.findOneBy(MeetingSession, { id: sessionId, meetingId });
      if (!session) throw Problem.notFound('The session');
      const slot = {
        startsAt: dto.startsAt ? parseInstant(dto.startsAt) : session.startsAt,
        endsAt: dto.endsAt ? parseInstant(dto.endsAt) : session.endsAt,
      };
      // Only the joining details named in the request change; null clears one.
      const given = <T>(value: T | undefined, current: T) => (value === undefined ? current : value);
      const join = {
        videoUrl: given(dto.join?.videoUrl, session.videoUrl),
        dialInNumber: given(dto.join?.dialInNumber, session.dialInNumber),
        accessCode: given(dto.join?.accessCode, session.accessCode),
        venue: given(dto.join?.venue, session.venue),
      };
      const errors = [...slotProblems(slot, 'session'), ...joinProblems(meeting.format, join, 'session')].map((e) => ({
        field: e.field.replace(/^session\./, ''),
        message: e.message,
      }));
      if (errors.length) throw Problem.invalid(errors);
      const moved =
        slot.startsAt.getTime() !== session.startsAt.getTime() || slot.endsAt.getTime() !== session.endsAt.getTime();
      if (moved && !dto.allowOverlap) await this.refuseChairClash(db, meeting.chairId, meeting.id, [slot], session.id);

      const before = { startsAt: session.startsAt, endsAt: session.endsAt };
      Object.assign(session, slot, join, dto.label !== undefined ? { label: dto.label } : {});
      await db.save(session);
      await this.refreshComputed(db, meeting);
      const sequences = await this.raiseSequences(db, meeting, [session.id]);

      const participants = await this.activeParticipants(db, meeting.id);
      const emails = await this.emailsOf(db, participants);
      await this.outbox.enqueue(
        db,
        participants
          .filter((p) => p.sessionIds.includes(session.id))
          .map((p) =>
            this.calendarDelivery(meeting, p, session.id, sequences.get(session.id), 'UPDATE', emails.get(p.personId)),
          ),
      );
      await this.audit.record(db, {
        actor,
        action: 'session.changed',
        entity: 'session',
        entityId: session.id,
        meetingId,
        changes: { moved, before, after: slot, joinChanged: Boolean(dto.join), sequence: meeting.sequence },
      });
    });
    return this.view(meetingId);
  }

  async addParticipant(
    actor: string,
    meetingId: string,
    dto: AddParticipantDto,
    ifMatch?: string,
  ): Promise<MeetingView> {
    await this.dataSource.transaction(async (db) => {
      const meeting = await this.lockOpenMeeting(db, meetingId, ifMatch);
      const rules = this.rules.of(meeting.type);
      const sessions = await db.find(MeetingSession, { where: { meetingId }, order: { position: 'ASC' } });
      const bad = (dto.sessions ?? []).filter((i) => i >= sessions.length);
      if (bad.length)
        throw Problem.badRequest(
          'sessions',
          `the meeting has ${sessions.length} session(s); index ${bad[0]} does not exist`,
        );
      const people = await this.loadPeople(db, meeting.chairId, [dto]);
      throwUnprocessable(this.peopleProblems(rules, meeting.chairId, [dto], people, () => 'personId'));
      if (await db.existsBy(Participant, { meetingId, personId: dto.personId, removedAt: IsNull() })) {
        throw Problem.conflict('This person is already a participant of the meeting', [
          { field: 'personId', message: 'already a participant' },
        ]);
      }
      const added: Attendee = {
        personId: dto.personId,
        role: dto.role,
        isChair: false,
        sessionIds: dto.sessions ? dto.sessions.map((i) => sessions[i].id) : sessions.map((s) => s.id),
        reportRequired: dto.reportRequired ?? false,
        caseIds: dto.caseIds ?? null,
        ...accessNeedsOf(dto),
      };
      throwUnprocessable(casesOutside(await this.caseIdsOf(db, meetingId), [dto], () => 'caseIds'));
      const present = await this.activeParticipants(db, meetingId);
      await this.refuseKeepApartBreach(
        db,
        meetingId,
        await this.caseIdsOf(db, meetingId),
        [...present, added],
        sessions,
      );
      // An added attendee is a change to the part (INVITES.md C4), and someone removed earlier must see a higher number.
      const sequences = await this.raiseSequences(db, meeting, added.sessionIds);
      const [participant] = await this.insertParticipants(db, meeting, [added]);
      const email = people.get(dto.personId)?.email;
      await this.outbox.enqueue(
        db,
        participant.sessionIds.map((sessionId) =>
          this.calendarDelivery(meeting, participant, sessionId, sequences.get(sessionId), 'INVITE', email),
        ),
        { newRecipients: true },
      );
      await this.audit.record(db, {
        actor,
        action: 'participant.added',
        entity: 'participant',
        entityId: participant.id,
        meetingId,
        personId: dto.personId,
        changes: { role: dto.role, sessionIds: participant.sessionIds, reportRequired: participant.reportRequired },
      });
    });
    return this.view(meetingId);
  }

  async removeParticipant(
    actor: string,
    meetingId: string,
    participantId: string,
    ifMatch?: string,
  ): Promise<MeetingView> {
    await this.dataSource.transaction(async (db) => {
      const meeting = await this.lockOpenMeeting(db, meetingId, ifMatch);
      const participant = await db.findOneBy(Participant, { id: participantId, meetingId, removedAt: IsNull() });
      if (!participant) throw Problem.notFound('The participant');
      if (participant.isChair) throw Problem.conflict('The chair cannot be removed; book another chair instead');
      participant.removedAt = this.clock.now();
      await db.save(participant);
      const sequences = await this.raiseSequences(db, meeting, participant.sessionIds);
      const emails = await this.emailsOf(db, [participant]);
      await this.outbox.enqueue(
        db,
        participant.sessionIds.map((sessionId) =>
          this.calendarDelivery(
            meeting,
            participant,
            sessionId,
            sequences.get(sessionId),
            'UNINVITE',
            emails.get(participant.personId),
          ),
        ),
      );
      await this.audit.record(db, {
        actor,
        action: 'participant.removed',
        entity: 'participant',
        entityId: participant.id,
        meetingId,
        personId: participant.personId,
      });
    });
    return this.view(meetingId);
  }

  async cancel(actor: string, meetingId: string, dto: CancelMeetingDto, ifMatch?: string): Promise<MeetingView> {
    await this.dataSource.transaction(async (db) => {
      const meeting = await this.lockOpenMeeting(db, meetingId, ifMatch);
      meeting.status = 'CANCELLED';
      meeting.cancelledAt = this.clock.now();
      meeting.cancelReason = dto.reason;
      const sequences = await this.raiseSequences(db, meeting, null);
      const participants = await this.activeParticipants(db, meeting.id);
      const emails = await this.emailsOf(db, participants);
      // Anything not yet sent about this meeting (reminders, packs) is no longer wanted.
      await db.query(
        `UPDATE deliveries SET status = 'SUPERSEDED', updated_at = $2 WHERE meeting_id = $1 AND status = 'PENDING'`,
        [meeting.id, this.clock.now()],
      );
      // The links still open the page for a short while, to read the cancellation; then they are gone (404).
      await db.query(`UPDATE participants SET link_expires_at = LEAST(link_expires_at, $2) WHERE meeting_id = $1`, [
        meeting.id,
        new Date(meeting.cancelledAt.getTime() + LINK_LIFETIME_AFTER_CANCELLATION_MS),
      ]);
      await this.outbox.enqueue(
        db,
        participants.flatMap((p) =>
          p.sessionIds.map((sessionId) =>
            this.calendarDelivery(meeting, p, sessionId, sequences.get(sessionId), 'CANCEL', emails.get(p.personId)),
          ),
        ),
      );
      await this.audit.record(db, {
        actor,
        action: 'meeting.cancelled',
        entity: 'meeting',
        entityId: meeting.id,
        meetingId,
        changes: { sequence: meeting.sequence },
      });
    });
    return this.view(meetingId);
  }

  /** Sends a participant's current invitations again (after a FAILED delivery, or on request). */
  async resendInvites(actor: string, meetingId: string, participantId: string): Promise<MeetingView> {
    await this.dataSource.transaction(async (db) => {
      const meeting = await this.lockOpenMeeting(db, meetingId);
      const participant = await db.findOneBy(Participant, { id: participantId, meetingId, removedAt: IsNull() });
      if (!participant) throw Problem.notFound('The participant');
      // INVITES.md C4: every organiser-initiated re-send goes out with a higher SEQUENCE (Google ignores an equal one).
      const sequences = await this.raiseSequences(db, meeting, participant.sessionIds);
      const emails = await this.emailsOf(db, [participant]);
      await this.outbox.enqueue(
        db,
        participant.sessionIds.map((sessionId) =>
          this.calendarDelivery(
            meeting,
            participant,
            sessionId,
            sequences.get(sessionId),
            'INVITE',
            emails.get(participant.personId),
          ),
        ),
      );
      await this.audit.record(db, {
        actor,
        action: 'participant.invites-resent',
        entity: 'participant',
        entityId: participantId,
        meetingId,
        personId: participant.personId,
      });
    });
    return this.view(meetingId);
  }

  /**
   * The chair excludes a participant from part of the meeting, with the reason recorded: they leave that session
   * (and get a cancellation for it), and the exclusion appears in the record.
   */
  async exclude(actor: string, meetingId: string, dto: ExclusionDto): Promise<Exclusion> {
    return this.dataSource.transaction(async (db) => {
      const meeting = await this.lockOpenMeeting(db, meetingId);
      const participant = await db.findOneBy(Participant, { id: dto.participantId, meetingId, removedAt: IsNull() });
      if (!participant) throw Problem.unprocessable('participantId', 'is not a participant of this meeting');
      if (participant.isChair) throw Problem.badRequest('participantId', 'the chair cannot be excluded');
      if (!(await db.existsBy(MeetingSession, { id: dto.sessionId, meetingId })))
        throw Problem.unprocessable('sessionId', 'is not a session of this meeting');
      const exclusion = await db.save(
        db.create(Exclusion, {
          meetingId,
          participantId: participant.id,
          sessionId: dto.sessionId,
          reason: dto.reason,
          excludedBy: actor,
        }),
      );
      if (participant.sessionIds.includes(dto.sessionId)) {
        participant.sessionIds = participant.sessionIds.filter((id) => id !== dto.sessionId);
        await db.save(participant);
        const sequences = await this.raiseSequences(db, meeting, [dto.sessionId]);
        const emails = await this.emailsOf(db, [participant]);
        await this.outbox.enqueue(db, [
          this.calendarDelivery(
            meeting,
            participant,
            dto.sessionId,
            sequences.get(dto.sessionId),
            'UNINVITE',
            emails.get(participant.personId),
          ),
        ]);
      }
      await this.audit.record(db, {
        actor,
        action: 'participant.excluded',
        entity: 'exclusion',
        entityId: exclusion.id,
        meetingId,
        personId: participant.personId,
        changes: { sessionId: dto.sessionId, participantId: participant.id },
      });
      return exclusion;
    });
  }

  /** A keep-apart rule on a case (every meeting about it) or on one meeting; refused if a booked meeting already breaks it. */
  async addKeepApartRule(
    actor: string,
    scope: { caseId: string } | { meetingId: string },
    dto: KeepApartDto,
  ): Promise<KeepApartRule> {
    return this.dataSource.transaction(async (db) => {
      const people = await db.countBy(Person, { id: In(dto.personIds) });
      if (people !== 2) throw Problem.unprocessable('personIds', 'both must be people in the directory');
      const rule = db.create(KeepApartRule, {
        caseId: null,
        meetingId: null,
        ...scope,
        personIds: dto.personIds,
        note: dto.note ?? null,
        createdBy: actor,
      });
      const meetingIds: { id: string }[] =
        'meetingId' in scope
          ? [{ id: scope.meetingId }]
          : await db.query(
              `SELECT m.id FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id WHERE mc.case_id = $1 AND m.status = 'SCHEDULED' AND m.ends_at > $2`,
              [scope.caseId, this.clock.now()],
            );
      await db.save(rule);
      for (const { id } of meetingIds) {
        const sessions = await db.find(MeetingSession, { where: { meetingId: id } });
        const breaches = keepApartBreaches([rule], await this.activeParticipants(db, id), sessions);
        if (breaches.length)
          throw Problem.conflict(
            `Meeting ${id} already breaks this rule (session ${breaches[0].sessionIndex + 1}); split the meeting first`,
          );
      }
      await this.audit.record(db, {
        actor,
        action: 'keep-apart.added',
        entity: 'keep-apart-rule',
        entityId: rule.id,
        meetingId: 'meetingId' in scope ? scope.meetingId : null,
      });
      return rule;
    });
  }

  async view(id: string, db: EntityManager = this.dataSource.manager): Promise<MeetingView> {
    const meeting = await db.findOneBy(Meeting, { id });
    if (!meeting) throw Problem.notFound('The meeting');
    const [cases, sessions, participants, deliveries] = await Promise.all([
      db.query(
        `SELECT c.id, c.reference FROM meeting_cases mc JOIN cases c ON c.id = mc.case_id WHERE mc.meeting_id = $1 ORDER BY mc.position`,
        [id],
      ) as Promise<{ id: string; reference: string }[]>,
      db.find(MeetingSession, { where: { meetingId: id }, order: { position: 'ASC' } }),
      db.find(Participant, {
        where: { meetingId: id, removedAt: IsNull() },
        order: { isChair: 'DESC', createdAt: 'ASC' },
      }),
      db.find(Delivery, {
        where: { meetingId: id, kind: In(['INVITE', 'UPDATE', 'CANCEL', 'UNINVITE']) },
        order: { createdAt: 'ASC' },
      }),
    ]);
    return meetingView(meeting, cases, sessions, participants, deliveries);
  }

  /** `visible`: the access policy's condition on `m`, so that the list holds only what the caller may see. */
  async list(
    query: MeetingQuery,
    visible: { sql: string; params: Record<string, unknown> },
  ): Promise<{ items: MeetingView[]; total: number }> {
    const q = this.dataSource.getRepository(Meeting).createQueryBuilder('m').where(visible.sql, visible.params);
    // API.md: a date is a London date, compared with the day the meeting is held (inclusive); an instant is
    // compared with the start itself, to the millisecond.
    if (query.from)
      q.andWhere(isCalendarDate(query.from) ? 'm.held_on >= :from::date' : 'm.starts_at >= :from::timestamptz', {
        from: query.from,
      });
    if (query.to)
      q.andWhere(isCalendarDate(query.to) ? 'm.held_on <= :to::date' : 'm.starts_at <= :to::timestamptz', {
        to: query.to,
      });
    if (query.type) q.andWhere('m.type = :type', { type: query.type });
    if (query.chairId) q.andWhere('m.chair_id = :chairId', { chairId: query.chairId });
    if (query.status) q.andWhere('m.status = :status', { status: query.status });
    if (query.caseId)
      q.andWhere('EXISTS (SELECT 1 FROM meeting_cases mc WHERE mc.meeting_id = m.id AND mc.case_id = :caseId)', {
        caseId: query.caseId,
      });
    const [meetings, total] = await q
      .orderBy('m.starts_at', 'ASC')
      .addOrderBy('m.id')
      .take(query.limit ?? 100)
      .skip(query.offset ?? 0)
      .getManyAndCount();
    return { items: await Promise.all(meetings.map((m) => this.view(m.id))), total };
  }

  // ——— helpers ———

  /** 409 naming the rule and the session (never the people), so a split booking can be made instead. */
  private async refuseKeepApartBreach(
    db: EntityManager,
    meetingId: string,
    caseIds: string[],
    attendees: { personId: string; sessionIds: string[] }[],
    sessions: MeetingSession[],
  ): Promise<void> {
    const rules = await db
      .getRepository(KeepApartRule)
      .createQueryBuilder('r')
      .where('r.meeting_id = :meetingId', { meetingId })
      .orWhere('r.case_id = ANY(:caseIds)', { caseIds })
      .getMany();
    const breaches = keepApartBreaches(rules, attendees, sessions);
    if (breaches.length) {
      throw Problem.conflict(
        `This would put two people who are kept apart in the same session: ${describeBreaches(breaches)}. Book them into separate sessions.`,
        [{ field: 'participants', message: describeBreaches(breaches) }],
      );
    }
  }

  private async caseIdsOf(db: EntityManager, meetingId: string): Promise<string[]> {
    const rows: { case_id: string }[] = await db.query(`SELECT case_id FROM meeting_cases WHERE meeting_id = $1`, [
      meetingId,
    ]);
    return rows.map((r) => r.case_id);
  }

  private mailDomain(): string {
    return this.config.mailFrom.split('@')[1] ?? 'quorum.localhost';
  }

  private validateShape(dto: BookMeetingDto, slots: Slot[], participants: AddParticipantDto[]): void {
    const errors: FieldError[] = [];
    dto.sessions.forEach((session, i) => {
      errors.push(
        ...slotProblems(slots[i], `sessions[${i}]`),
        ...joinProblems(dto.format, session.join, `sessions[${i}]`),
      );
    });
    const seen = new Set<string>();
    participants.forEach((p, i) => {
      if (seen.has(p.personId)) errors.push({ field: `participants[${i}].personId`, message: 'is listed twice' });
      seen.add(p.personId);
      (p.sessions ?? []).forEach((index) => {
        if (index >= dto.sessions.length) {
          errors.push({
            field: `participants[${i}].sessions`,
            message: `session ${index} does not exist (the meeting has ${dto.sessions.length})`,
          });
        }
      });
    });
    if (errors.length) throw Problem.invalid(errors);
  }

  private async loadPeople(
    db: EntityManager,
    chairId: string,
    participants: { personId: string }[],
  ): Promise<Map<string, Person>> {
    const ids = [...new Set([chairId, ...participants.map((p) => p.personId)])];
    const found = await db.findBy(Person, { id: In(ids) });
    return new Map(found.map((p) => [p.id, p]));
  }

  private peopleProblems(
    rules: MeetingTypeRules,
    chairId: string,
    participants: { personId: string }[],
    people: Map<string, Person>,
    field: (i: number) => string = (i) => `participants[${i}].personId`,
  ): FieldError[] {
    const errors: FieldError[] = [];
    const chair = people.get(chairId);
    if (!chair) errors.push({ field: 'chairId', message: 'no person has this id' });
    else if (chair.kind !== 'PROFESSIONAL')
      errors.push({ field: 'chairId', message: 'the chair must be a professional' });
    else if (chair.staffRole && !rules.chairRoles.includes(chair.staffRole)) {
      errors.push({
        field: 'chairId',
        message: `a ${rules.shortLabel} is chaired by ${rules.chairRoles.join(' or ')}, and this person is ${chair.staffRole}`,
      });
    }
    participants.forEach((p, i) => {
      const person = people.get(p.personId);
      if (!person) errors.push({ field: field(i), message: 'no person has this id' });
      else if (person.kind === 'FAMILY' && !rules.familyMayAttend) {
        errors.push({ field: field(i), message: `family members are not invited to a ${rules.label}` });
      }
    });
    return errors;
  }

  private async loadCases(
    db: EntityManager,
    caseIds: string[],
    rules: MeetingTypeRules,
  ): Promise<{ cases: Case[]; errors: FieldError[] }> {
    const found = await db.findBy(Case, { id: In(caseIds) });
    const byId = new Map(found.map((c) => [c.id, c]));
    const errors: FieldError[] = [];
    caseIds.forEach((id, i) => {
      const c = byId.get(id);
      if (!c) errors.push({ field: `caseIds[${i}]`, message: 'no case has this id' });
      else if (!(rules.caseKinds as readonly string[]).includes(c.kind)) {
        errors.push({ field: `caseIds[${i}]`, message: `a ${rules.label} is not held about a case of kind ${c.kind}` });
      }
    });
    return { cases: caseIds.map((id) => byId.get(id)).filter((c): c is Case => Boolean(c)), errors };
  }

  /**
   * Refuses to double-book a chair: 409 naming the clash. Serialised per chair so two bookings cannot both pass.
   * A range scan on meeting_sessions_time_idx: sessions last at most 12 hours, so only those starting in the
   * 12 hours before a slot can overlap it. Each of those sessions is then probed by primary key (its meeting) and by
   * (meeting_id, person_id) (the chair's place in it): the materialised CTE and the LIMIT 1 laterals keep the planner on
   * that order even when statistics are stale. Left to itself it started from the chair's every participation and
   * hash-joined all scheduled meetings, a cost that grows with history (1.2–2.3 ms against 0.2 ms at 3,000 meetings).
   */
  private async refuseChairClash(
    db: EntityManager,
    chairId: string,
    meetingId: string | null,
    slots: Slot[],
    ignoreSessionId?: string,
  ): Promise<void> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`chair:${chairId}`]);
    const clashes: { meeting_id: string; type: string; starts_at: Date; ends_at: Date }[] = await db.query(
      `WITH nearby AS MATERIALIZED (
         SELECT s.id, s.meeting_id, s.starts_at, s.ends_at
           FROM unnest($2::timestamptz[], $3::timestamptz[]) AS slot(starts_at, ends_at)
           JOIN meeting_sessions s ON s.starts_at < slot.ends_at AND s.ends_at > slot.starts_at AND s.starts_at > slot.starts_at - interval '12 hours'
          WHERE ($4::uuid IS NULL OR s.id <> $4::uuid) AND ($5::uuid IS NULL OR s.meeting_id <> $5 OR $4::uuid IS NOT NULL)
       )
       SELECT n.meeting_id, m.type, n.starts_at, n.ends_at
         FROM nearby n
         CROSS JOIN LATERAL (SELECT m.type FROM meetings m WHERE m.id = n.meeting_id AND m.status = 'SCHEDULED' LIMIT 1) m
         CROSS JOIN LATERAL (
           SELECT 1 FROM participants p
            WHERE p.meeting_id = n.meeting_id AND p.person_id = $1 AND p.removed_at IS NULL AND n.id = ANY(p.session_ids) LIMIT 1
         ) attends
        ORDER BY n.starts_at LIMIT 1`,
      [chairId, slots.map((s) => s.startsAt), slots.map((s) => s.endsAt), ignoreSessionId ?? null, meetingId],
    );
    const clash = clashes[0];
    if (clash) {
      throw Problem.conflict(
        `The chair is already booked from ${new Date(clash.starts_at).toISOString()} to ${new Date(clash.ends_at).toISOString()} (${clash.type} meeting ${clash.meeting_id}); send allowOverlap: true to book anyway`,
        [{ field: 'chairId', message: `overlaps ${clash.type} meeting ${clash.meeting_id}` }],
      );
    }
  }

  /** The meeting, locked for the change; `If-Match` with a stale ETag is 412 (optimistic concurrency). */
  private async lockOpenMeeting(db: EntityManager, id: string, ifMatch?: string): Promise<Meeting> {
    const meeting = await db.findOne(Meeting, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!meeting) throw Problem.notFound('The meeting');
    if (
      ifMatch !== undefined &&
      ifMatch !== '*' &&
      !ifMatch
        .split(',')
        .map((t) => t.trim())
        .includes(meetingEtag(meeting))
    ) {
      throw new Problem(
        412,
        `The meeting has changed since you read it (now ${meetingEtag(meeting)}); read it again and retry`,
      );
    }
    if (meeting.status === 'CANCELLED') throw Problem.conflict('The meeting is cancelled and can no longer change');
    return meeting;
  }

  /** Start, end, pre-read deadline and timescale follow the sessions. */
  private async refreshComputed(db: EntityManager, meeting: Meeting): Promise<void> {
    const sessions = await db.find(MeetingSession, { where: { meetingId: meeting.id } });
    const startedAt = meeting.startsAt.getTime();
    meeting.startsAt = new Date(Math.min(...sessions.map((s) => s.startsAt.getTime())));
    meeting.endsAt = new Date(Math.max(...sessions.map((s) => s.endsAt.getTime())));
    meeting.heldOn = heldOnOf(sessions);
    // Only a new start moves the deadline: changing a later part must not turn a deadline that has rightly passed
    // into "at the start" (a deadline is set in the future only when it is set).
    if (meeting.startsAt.getTime() !== startedAt)
      meeting.preReadDeadline = this.timescales.preReadDeadline(this.rules.of(meeting.type), meeting.startsAt);
    const caseIds: { case_id: string }[] = await db.query(`SELECT case_id FROM meeting_cases WHERE meeting_id = $1`, [
      meeting.id,
    ]);
    const due = await this.timescales.dueFor(db, {
      type: meeting.type,
      caseIds: caseIds.map((c) => c.case_id),
      heldOn: meeting.heldOn,
      relatedMeetingId: meeting.relatedMeetingId,
      excludeMeetingId: meeting.id,
    });
    Object.assign(meeting, { dueBy: due.dueBy, dueBasis: due.basis, withinTimescale: due.withinTimescale });
    // Reminders and packs armed for an earlier deadline are re-armed by the sweep for the new one.
    await db.query(
      `UPDATE deliveries SET status = 'SUPERSEDED', updated_at = $3
        WHERE meeting_id = $1 AND status = 'PENDING' AND payload ? 'deadline' AND (payload->>'deadline')::timestamptz <> $2`,
      [meeting.id, meeting.preReadDeadline, this.clock.now()],
    );
    await db.query(`UPDATE participants SET link_expires_at = $2 WHERE meeting_id = $1`, [
      meeting.id,
      new Date(meeting.endsAt.getTime() + LINK_LIFETIME_AFTER_MEETING_MS),
    ]);
  }

  private async insertParticipants(db: EntityManager, meeting: Meeting, attendees: Attendee[]): Promise<Participant[]> {
    const linkExpiresAt = new Date(meeting.endsAt.getTime() + LINK_LIFETIME_AFTER_MEETING_MS);
    const rows = attendees.map((a) => {
      const id = randomUUID();
      const link = this.linkTokens.issue('participant', id);
      return db.create(Participant, {
        interpreterLanguage: null,
        phoneOnly: false,
        assistedVideo: false,
        accessibilityNotes: null,
        caseIds: null,
        ...a,
        id,
        meetingId: meeting.id,
        linkNonce: link.nonce,
        linkTokenHash: link.hash,
        linkExpiresAt,
        rsvp: 'NEEDS_ACTION',
        rsvpAt: null,
        removedAt: null,
      });
    });
    // One INSERT with an array per column (the query builder's SQL for 11 rows × 17 columns cost more than the round trip).
    // session_ids goes as one array literal per row: unnest would flatten a two-dimensional array.
    const written: { id: string; created_at: Date; updated_at: Date }[] = await db.query(
      `INSERT INTO participants (id, meeting_id, person_id, role, is_chair, session_ids, report_required, rsvp, interpreter_language, phone_only,
                                 assisted_video, accessibility_notes, link_nonce, link_token_hash, link_expires_at)
       SELECT u.id, $1, u.person_id, u.role, u.is_chair, u.session_ids::uuid[], u.report_required, 'NEEDS_ACTION', u.interpreter_language, u.phone_only,
              u.assisted_video, u.accessibility_notes, u.link_nonce, u.link_token_hash, $2
         FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::bool[], $7::text[], $8::bool[], $9::text[], $10::bool[], $11::bool[], $12::text[], $13::text[], $14::text[])
              AS u(id, person_id, role, is_chair, session_ids, report_required, interpreter_language, phone_only, assisted_video, accessibility_notes, link_nonce, link_token_hash)
       RETURNING id, created_at, updated_at`,
      [
        meeting.id,
        linkExpiresAt,
        rows.map((r) => r.id),
        rows.map((r) => r.personId),
        rows.map((r) => r.role),
        rows.map((r) => r.isChair),
        rows.map((r) => `{${r.sessionIds.join(',')}}`),
        rows.map((r) => r.reportRequired),
        rows.map((r) => r.interpreterLanguage ?? null),
        rows.map((r) => r.phoneOnly ?? false),
        rows.map((r) => r.assistedVideo ?? false),
        rows.map((r) => r.accessibilityNotes ?? null),
        rows.map((r) => r.linkNonce),
        rows.map((r) => r.linkTokenHash),
      ],
    );
    // Rare (family members of a sibling group), so written apart rather than as a two-dimensional unnest.
    for (const row of rows.filter((r) => r.caseIds?.length))
      await db.query(`UPDATE participants SET case_ids = $2 WHERE id = $1`, [row.id, row.caseIds]);
    const stamps = new Map(written.map((w) => [w.id, w]));
    for (const row of rows)
      Object.assign(row, { createdAt: stamps.get(row.id)?.created_at, updatedAt: stamps.get(row.id)?.updated_at });
    return rows;
  }

  private async activeParticipants(db: EntityManager, meetingId: string): Promise<Participant[]> {
    return db.find(Participant, { where: { meetingId, removedAt: IsNull() } });
  }

  private async emailsOf(db: EntityManager, participants: Participant[]): Promise<Map<string, string | null>> {
    if (participants.length === 0) return new Map();
    const people = await db.find(Person, {
      where: { id: In(participants.map((p) => p.personId)) },
      select: { id: true, email: true },
    });
    return new Map(people.map((p) => [p.id, p.email]));
  }

  /**
   * Every change raises the meeting's sequence (API.md) and, for the parts it sends about, each part's own SEQUENCE
   * (INVITES.md C3: per part; a part not re-sent keeps its number). `null`: every part. Returns the parts' new numbers.
   */
  private async raiseSequences(
    db: EntityManager,
    meeting: Meeting,
    sessionIds: string[] | null,
  ): Promise<Map<string, number>> {
    meeting.sequence += 1;
    await db.save(meeting);
    const [rows] = (await db.query(
      `UPDATE meeting_sessions SET sequence = sequence + 1, updated_at = $3
        WHERE meeting_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) RETURNING id, sequence`,
      [meeting.id, sessionIds, this.clock.now()],
    )) as [{ id: string; sequence: number }[], number];
    return new Map(rows.map((r) => [r.id, r.sequence]));
  }

  private calendarDelivery(
    meeting: Meeting,
    participant: Participant,
    sessionId: string,
    sequence: number | undefined,
    kind: string,
    email: string | null | undefined,
  ): NewDelivery {
    if (sequence === undefined) throw new Error(`no SEQUENCE for session ${sessionId}`);
    return {
      meetingId: meeting.id,
      participantId: participant.id,
      sessionId,
      kind,
      sequence,
      hasAddress: Boolean(email),
    };
  }
}

/** A participant's children must be cases of the meeting (an unknown id in a body: 422, naming the field). */
function casesOutside(
  meetingCaseIds: string[],
  participants: { caseIds?: string[] }[],
  field: (i: number) => string,
): FieldError[] {
  return participants.flatMap((p, i) =>
    (p.caseIds ?? []).some((id) => !meetingCaseIds.includes(id))
      ? [{ field: field(i), message: 'must be cases of this meeting' }]
      : [],
  );
}
