import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Outbox } from '../deliveries/outbox';
import { parseInstant } from '../http/dates';
import { Problem } from '../http/problem';
import { Clock } from '../time/clock';
import { CancelMeetingDto, RescheduleSessionDto } from './book-meeting.dto';
import { calendarDelivery, joinProblems, slotProblems } from './booking-checks';
import { LINK_LIFETIME_AFTER_CANCELLATION_MS } from './joining-details';
import { MeetingReadsService } from './meeting-reads.service';
import { MeetingSteps } from './meeting-steps';
import { MeetingView } from './meeting-view';
import { MeetingsRepository } from './meetings.repository';
import { ParticipantsRepository } from './participants.repository';

/**
 * Changes to a booked meeting as a whole: a part moved or its joining details changed, the meeting cancelled. Each is
 * one transaction that raises the sequences, records the audit trail and enqueues the messages it causes.
 */
@Injectable()
export class MeetingChangesService {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly participants: ParticipantsRepository,
    private readonly steps: MeetingSteps,
    private readonly reads: MeetingReadsService,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async rescheduleSession(
    actor: string,
    meetingId: string,
    sessionId: string,
    dto: RescheduleSessionDto,
    ifMatch?: string,
  ): Promise<MeetingView> {
    await this.meetings.transaction(async (db) => {
      const meeting = await this.steps.lockOpenMeeting(db, meetingId, ifMatch);
      const session = await this.meetings.findSession(db, meetingId, sessionId);
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
      if (moved && !dto.allowOverlap)
        await this.steps.refuseChairClash(db, meeting.chairId, meeting.id, [slot], session.id);

      const before = { startsAt: session.startsAt, endsAt: session.endsAt };
      Object.assign(session, slot, join, dto.label !== undefined ? { label: dto.label } : {});
      await this.meetings.saveSession(db, session);
      await this.steps.refreshComputed(db, meeting);
      const sequences = await this.steps.raiseSequences(db, meeting, [session.id]);

      const participants = await this.participants.activeOf(db, meeting.id);
      const emails = await this.participants.emails(
        db,
        participants.map((p) => p.personId),
      );
      await this.outbox.enqueue(
        db,
        participants
          .filter((p) => p.sessionIds.includes(session.id))
          .map((p) =>
            calendarDelivery(meeting.id, p.id, session.id, sequences.get(session.id), 'UPDATE', emails.get(p.personId)),
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
    return this.reads.view(meetingId);
  }

  async cancel(actor: string, meetingId: string, dto: CancelMeetingDto, ifMatch?: string): Promise<MeetingView> {
    await this.meetings.transaction(async (db) => {
      const meeting = await this.steps.lockOpenMeeting(db, meetingId, ifMatch);
      const cancelledAt = this.clock.now();
      Object.assign(meeting, { status: 'CANCELLED', cancelledAt, cancelReason: dto.reason });
      const sequences = await this.steps.raiseSequences(db, meeting, null);
      const participants = await this.participants.activeOf(db, meeting.id);
      const emails = await this.participants.emails(
        db,
        participants.map((p) => p.personId),
      );
      // Anything not yet sent about this meeting (reminders, packs) is no longer wanted.
      await this.outbox.supersedePending(db, meeting.id);
      // The links still open the page for a short while, to read the cancellation; then they are gone (404).
      await this.participants.capLinkExpiry(
        db,
        meeting.id,
        new Date(cancelledAt.getTime() + LINK_LIFETIME_AFTER_CANCELLATION_MS),
      );
      await this.outbox.enqueue(
        db,
        participants.flatMap((p) =>
          p.sessionIds.map((sessionId) =>
            calendarDelivery(meeting.id, p.id, sessionId, sequences.get(sessionId), 'CANCEL', emails.get(p.personId)),
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
    return this.reads.view(meetingId);
  }
}
