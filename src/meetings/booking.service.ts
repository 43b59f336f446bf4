import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { Outbox } from '../deliveries/outbox';
import { parseInstant } from '../http/dates';
import { Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { BookMeetingDto } from './book-meeting.dto';
import {
  accessNeedsOf,
  Attendee,
  calendarDelivery,
  caseProblems,
  casesOutside,
  heldOnOf,
  peopleProblems,
  shapeProblems,
  throwUnprocessable,
} from './booking-checks';
import { BookingRepository, BookingRows } from './booking.repository';
import { Timescales } from './case-history.repository';
import { chairClashProblem, keepApartProblem, MeetingSteps } from './meeting-steps';
import { meetingView, MeetingView } from './meeting-view';
import { MeetingsRepository } from './meetings.repository';

/**
 * Books a meeting: one transaction that writes the meeting, its cases, sessions and participants, records the audit
 * trail and enqueues everyone's invitations (the outbox's rows, written in the same statement). Its SQL is two
 * statements (booking.repository.ts) and no entity is built by TypeORM on the way.
 */
@Injectable()
export class BookingService {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly steps: MeetingSteps,
    private readonly rules: MeetingRules,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly timescales: Timescales,
    private readonly bookings: BookingRepository,
  ) {}

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
    const shape = shapeProblems(dto, slots, participantsIn);
    if (shape.length) throw Problem.invalid(shape);

    const inTransaction = <T>(work: (db: EntityManager) => Promise<T>) =>
      within ? work(within) : this.meetings.transaction(work);
    return inTransaction(async (db) => {
      // One read: the people and cases named, the related meeting, the cases' keep-apart rules and histories, the
      // booker's name; and the chair's lock, so that bookings of one chair check for clashes one at a time.
      const facts = await this.bookings.facts(db, {
        personIds: [dto.chairId, ...participantsIn.map((p) => p.personId)],
        caseIds: dto.caseIds,
        relatedMeetingId: dto.relatedMeetingId ?? null,
        lockChairId: dto.allowOverlap ? null : dto.chairId,
        withHistory: Boolean(rules.timescale),
        actor: this.audit.isStaffActor(actor) ? actor : null,
      });
      const { people } = facts;
      const { cases, errors: caseErrors } = caseProblems(dto.caseIds, facts.cases, rules);
      throwUnprocessable([...peopleProblems(rules, dto.chairId, participantsIn, people), ...caseErrors]);
      if (dto.relatedMeetingId && !facts.related) {
        throw Problem.unprocessable('relatedMeetingId', 'no meeting has this id');
      }

      const caseIds = cases.map((c) => c.id);
      const startsAt = new Date(Math.min(...slots.map((s) => s.startsAt.getTime())));
      const endsAt = new Date(Math.max(...slots.map((s) => s.endsAt.getTime())));
      const heldOn = heldOnOf(slots);
      const trigger = facts.related?.scheduled ? facts.related : undefined;
      const due = this.timescales.dueFrom(dto.type, cases, trigger, heldOn);
      const meetingId = randomUUID();
      const meeting: BookingRows['meeting'] = {
        id: meetingId,
        type: dto.type,
        format: dto.format,
        status: 'SCHEDULED',
        chairId: dto.chairId,
        relatedMeetingId: dto.relatedMeetingId ?? null,
        sequence: 0,
        version: 1,
        startsAt,
        endsAt,
        heldOn,
        preReadDeadline: this.timescales.preReadDeadline(rules, startsAt),
        dueBy: due.dueBy,
        dueBasis: due.basis,
        withinTimescale: due.withinTimescale,
        cancelledAt: null,
        cancelReason: null,
        bookedBy: actor,
        minuteTakerId: null,
      };
      const sessions = dto.sessions.map((s, position) => ({
        id: randomUUID(),
        meetingId,
        position,
        label: s.label ?? null,
        startsAt: slots[position].startsAt,
        endsAt: slots[position].endsAt,
        videoUrl: s.join?.videoUrl ?? null,
        dialInNumber: s.join?.dialInNumber ?? null,
        accessCode: s.join?.accessCode ?? null,
        venue: s.join?.venue ?? null,
        icalUid: `${randomUUID()}@${this.steps.mailDomain()}`,
        sequence: 0,
      }));
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
      // Refused in the order they always were: a chair's clash, then children outside the meeting, then keep-apart.
      const outside = casesOutside(caseIds, participantsIn, (i) => `participants[${i}].caseIds`);
      const breach = keepApartProblem(facts.rules, attendees, sessions);
      if (outside.length || breach) {
        if (!dto.allowOverlap) await this.steps.refuseChairClash(db, dto.chairId, null, slots);
        throwUnprocessable(outside);
        throw breach!;
      }
      const { rows: participants, linkExpiresAt } = this.steps.participantRows(meetingId, endsAt, attendees);
      const deliveries = this.outbox.rows(
        participants.flatMap((p) =>
          p.sessionIds.map((sessionId) =>
            calendarDelivery(meetingId, p.id, sessionId, 0, 'INVITE', people.get(p.personId)?.email),
          ),
        ),
      );
      const audit = this.audit.row(
        {
          actor,
          action: 'meeting.booked',
          entity: 'meeting',
          entityId: meetingId,
          meetingId,
          changes: {
            type: dto.type,
            caseIds,
            sessionIds: allSessionIds,
            participantIds: participants.map((p) => p.id),
            // The booker chose to double-book the chair (the booking page's "Book anyway"): on the record.
            ...(dto.allowOverlap ? { allowOverlap: true } : {}),
          },
        },
        facts.actorName,
      );
      // The meeting, its cases, sessions, participants, invitations and audit event in one statement, which also
      // scans for the chair's clashes (after the lock): a clash refuses the booking and the rollback takes the rows.
      const written = await this.bookings.write(
        db,
        { meeting, caseIds, sessions, participants, linkExpiresAt, deliveries, audit },
        dto.allowOverlap ? null : { chairId: dto.chairId, slots },
      );
      if (written.clash) throw chairClashProblem(written.clash);
      const stamps = { createdAt: written.createdAt, updatedAt: written.updatedAt };
      for (const p of participants) Object.assign(p, stamps);
      // Texts follow the invitations in the same transaction (the outbox's followers).
      const invites = await this.outbox.written(db, deliveries);
      // The 201 is built from the rows just written rather than read back.
      return meetingView(
        { ...meeting, ...stamps },
        cases.map((c) => ({ id: c.id, reference: c.reference })),
        sessions.map((s) => ({ ...s, ...stamps })),
        participants,
        invites,
      );
    });
  }
}
