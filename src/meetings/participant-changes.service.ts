import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Outbox } from '../deliveries/outbox';
import { Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { Clock } from '../time/clock';
import { AddParticipantDto } from './book-meeting.dto';
import { ExclusionDto } from './safety.dto';
import {
  accessNeedsOf,
  Attendee,
  calendarDelivery,
  casesOutside,
  peopleProblems,
  throwUnprocessable,
} from './booking-checks';
import { Meeting } from './meeting.entity';
import { MeetingReadsService } from './meeting-reads.service';
import { MeetingSteps } from './meeting-steps';
import { MeetingView } from './meeting-view';
import { MeetingsRepository } from './meetings.repository';
import { Participant } from './participant.entity';
import { ParticipantsRepository } from './participants.repository';
import { Exclusion } from './safety.entities';

/**
 * Changes to who comes to a booked meeting: a participant added, removed, excluded from a part, or sent their
 * invitations again. Each is one transaction with its audit entry and the calendar messages it causes.
 */
@Injectable()
export class ParticipantChangesService {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly participants: ParticipantsRepository,
    private readonly steps: MeetingSteps,
    private readonly reads: MeetingReadsService,
    private readonly rules: MeetingRules,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async addParticipant(
    actor: string,
    meetingId: string,
    dto: AddParticipantDto,
    ifMatch?: string,
  ): Promise<MeetingView> {
    await this.meetings.transaction(async (db) => {
      const meeting = await this.steps.lockOpenMeeting(db, meetingId, ifMatch);
      const rules = this.rules.of(meeting.type);
      const sessions = await this.meetings.sessionsOf(db, meetingId);
      const bad = (dto.sessions ?? []).filter((i) => i >= sessions.length);
      if (bad.length)
        throw Problem.badRequest(
          'sessions',
          `the meeting has ${sessions.length} session(s); index ${bad[0]} does not exist`,
        );
      const people = await this.participants.people(db, [meeting.chairId, dto.personId]);
      throwUnprocessable(peopleProblems(rules, meeting.chairId, [dto], people, () => 'personId'));
      if (await this.participants.isTakingPart(db, meetingId, dto.personId)) {
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
      const caseIds = await this.meetings.caseIdsOf(db, meetingId);
      throwUnprocessable(casesOutside(caseIds, [dto], () => 'caseIds'));
      const present = await this.participants.activeOf(db, meetingId);
      await this.steps.refuseKeepApartBreach(db, meetingId, caseIds, [...present, added], sessions);
      // An added attendee is a change to the part (INVITES.md C4), and someone removed earlier must see a higher number.
      const sequences = await this.steps.raiseSequences(db, meeting, added.sessionIds);
      const [participant] = await this.steps.insertParticipants(db, meeting, [added]);
      await this.outbox.enqueue(
        db,
        this.messages(
          meeting,
          participant,
          participant.sessionIds,
          sequences,
          'INVITE',
          people.get(dto.personId)?.email,
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
    return this.reads.view(meetingId);
  }

  async removeParticipant(
    actor: string,
    meetingId: string,
    participantId: string,
    ifMatch?: string,
  ): Promise<MeetingView> {
    await this.meetings.transaction(async (db) => {
      const meeting = await this.steps.lockOpenMeeting(db, meetingId, ifMatch);
      const participant = await this.participants.findActive(db, meetingId, participantId);
      if (!participant) throw Problem.notFound('The participant');
      if (participant.isChair) throw Problem.conflict('The chair cannot be removed; book another chair instead');
      participant.removedAt = this.clock.now();
      await this.participants.save(db, participant);
      await this.send(db, meeting, participant, participant.sessionIds, 'UNINVITE');
      await this.audit.record(db, {
        actor,
        action: 'participant.removed',
        entity: 'participant',
        entityId: participant.id,
        meetingId,
        personId: participant.personId,
      });
    });
    return this.reads.view(meetingId);
  }

  /** Sends a participant's current invitations again (after a FAILED delivery, or on request). */
  async resendInvites(actor: string, meetingId: string, participantId: string): Promise<MeetingView> {
    await this.meetings.transaction(async (db) => {
      const meeting = await this.steps.lockOpenMeeting(db, meetingId);
      const participant = await this.participants.findActive(db, meetingId, participantId);
      if (!participant) throw Problem.notFound('The participant');
      // INVITES.md C4: every organiser-initiated re-send goes out with a higher SEQUENCE (Google ignores an equal one).
      await this.send(db, meeting, participant, participant.sessionIds, 'INVITE');
      await this.audit.record(db, {
        actor,
        action: 'participant.invites-resent',
        entity: 'participant',
        entityId: participantId,
        meetingId,
        personId: participant.personId,
      });
    });
    return this.reads.view(meetingId);
  }

  /**
   * The chair excludes a participant from part of the meeting, with the reason recorded: they leave that session
   * (and get a cancellation for it), and the exclusion appears in the record.
   */
  async exclude(actor: string, meetingId: string, dto: ExclusionDto): Promise<Exclusion> {
    return this.meetings.transaction(async (db) => {
      const meeting = await this.steps.lockOpenMeeting(db, meetingId);
      const participant = await this.participants.findActive(db, meetingId, dto.participantId);
      if (!participant) throw Problem.unprocessable('participantId', 'is not a participant of this meeting');
      if (participant.isChair) throw Problem.badRequest('participantId', 'the chair cannot be excluded');
      if (!(await this.meetings.sessionExists(db, meetingId, dto.sessionId)))
        throw Problem.unprocessable('sessionId', 'is not a session of this meeting');
      const exclusion = await this.participants.addExclusion(db, {
        meetingId,
        participantId: participant.id,
        sessionId: dto.sessionId,
        reason: dto.reason,
        excludedBy: actor,
      });
      if (participant.sessionIds.includes(dto.sessionId)) {
        participant.sessionIds = participant.sessionIds.filter((id) => id !== dto.sessionId);
        await this.participants.save(db, participant);
        await this.send(db, meeting, participant, [dto.sessionId], 'UNINVITE');
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

  /** Raises the parts' SEQUENCE and enqueues one message per part for the participant, through the outbox. */
  private async send(
    db: EntityManager,
    meeting: Meeting,
    participant: Participant,
    sessionIds: string[],
    kind: 'INVITE' | 'UNINVITE',
  ): Promise<void> {
    const sequences = await this.steps.raiseSequences(db, meeting, sessionIds);
    const emails = await this.participants.emails(db, [participant.personId]);
    await this.outbox.enqueue(
      db,
      this.messages(meeting, participant, sessionIds, sequences, kind, emails.get(participant.personId)),
    );
  }

  private messages(
    meeting: Meeting,
    participant: Participant,
    sessionIds: string[],
    sequences: Map<string, number>,
    kind: 'INVITE' | 'UNINVITE',
    email: string | null | undefined,
  ) {
    return sessionIds.map((sessionId) =>
      calendarDelivery(meeting.id, participant.id, sessionId, sequences.get(sessionId), kind, email),
    );
  }
}
