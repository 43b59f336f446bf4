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
import { Timescales } from './case-history.repository';
import { MeetingSteps } from './meeting-steps';
import { meetingView, MeetingView } from './meeting-view';
import { MeetingsRepository } from './meetings.repository';
import { ParticipantsRepository } from './participants.repository';

/**
 * Books a meeting: one transaction that writes the meeting, its cases, sessions and participants, records the audit
 * trail and enqueues everyone's invitations.
 */
@Injectable()
export class BookingService {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly participants: ParticipantsRepository,
    private readonly steps: MeetingSteps,
    private readonly rules: MeetingRules,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly timescales: Timescales,
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
      const people = await this.participants.people(db, [dto.chairId, ...participantsIn.map((p) => p.personId)]);
      const { cases, errors: caseErrors } = caseProblems(
        dto.caseIds,
        await this.participants.cases(db, dto.caseIds),
        rules,
      );
      throwUnprocessable([...peopleProblems(rules, dto.chairId, participantsIn, people), ...caseErrors]);
      if (dto.relatedMeetingId && !(await this.meetings.exists(db, dto.relatedMeetingId))) {
        throw Problem.unprocessable('relatedMeetingId', 'no meeting has this id');
      }
      if (!dto.allowOverlap) await this.steps.refuseChairClash(db, dto.chairId, null, slots);

      const caseIds = cases.map((c) => c.id);
      const startsAt = new Date(Math.min(...slots.map((s) => s.startsAt.getTime())));
      const endsAt = new Date(Math.max(...slots.map((s) => s.endsAt.getTime())));
      const heldOn = heldOnOf(slots);
      const due = await this.timescales.dueFor(db, {
        type: dto.type,
        caseIds,
        heldOn,
        relatedMeetingId: dto.relatedMeetingId ?? null,
        excludeMeetingId: null,
      });
      const meeting = await this.meetings.create(db, {
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
      });
      await this.meetings.addCases(db, meeting.id, caseIds);
      const sessions = await this.meetings.saveSessions(
        db,
        dto.sessions.map((s, position) => ({
          meetingId: meeting.id,
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
        })),
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
      throwUnprocessable(casesOutside(caseIds, participantsIn, (i) => `participants[${i}].caseIds`));
      await this.steps.refuseKeepApartBreach(db, meeting.id, caseIds, attendees, sessions);
      const participants = await this.steps.insertParticipants(db, meeting, attendees);
      const invites = await this.outbox.enqueue(
        db,
        participants.flatMap((p) =>
          p.sessionIds.map((sessionId) =>
            calendarDelivery(meeting.id, p.id, sessionId, 0, 'INVITE', people.get(p.personId)?.email),
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
          caseIds,
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
}
