import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AddParticipantDto,
  BookMeetingDto,
  CancelMeetingDto,
  MeetingQuery,
  RescheduleSessionDto,
} from './book-meeting.dto';
import { BookingService } from './booking.service';
import { MeetingChangesService } from './meeting-changes.service';
import { MeetingReadsService } from './meeting-reads.service';
import { MeetingView } from './meeting-view';
import { ParticipantChangesService } from './participant-changes.service';
import { ExclusionDto } from './safety.dto';
import { Exclusion } from './safety.entities';

export { meetingEtag } from './meeting-view';

/**
 * Every meeting command and read behind one name, for the staff pages (which offer them all) and the benchmark.
 * It only forwards: the work is in BookingService, MeetingChangesService, ParticipantChangesService and
 * MeetingReadsService, which the API's controllers inject directly.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly booking: BookingService,
    private readonly changes: MeetingChangesService,
    private readonly participantChanges: ParticipantChangesService,
    private readonly reads: MeetingReadsService,
  ) {}

  book(actor: string, dto: BookMeetingDto, within?: EntityManager): Promise<MeetingView> {
    return this.booking.book(actor, dto, within);
  }

  rescheduleSession(
    actor: string,
    meetingId: string,
    sessionId: string,
    dto: RescheduleSessionDto,
    ifMatch?: string,
  ): Promise<MeetingView> {
    return this.changes.rescheduleSession(actor, meetingId, sessionId, dto, ifMatch);
  }

  cancel(actor: string, meetingId: string, dto: CancelMeetingDto, ifMatch?: string): Promise<MeetingView> {
    return this.changes.cancel(actor, meetingId, dto, ifMatch);
  }

  addParticipant(actor: string, meetingId: string, dto: AddParticipantDto, ifMatch?: string): Promise<MeetingView> {
    return this.participantChanges.addParticipant(actor, meetingId, dto, ifMatch);
  }

  removeParticipant(actor: string, meetingId: string, participantId: string, ifMatch?: string): Promise<MeetingView> {
    return this.participantChanges.removeParticipant(actor, meetingId, participantId, ifMatch);
  }

  resendInvites(actor: string, meetingId: string, participantId: string): Promise<MeetingView> {
    return this.participantChanges.resendInvites(actor, meetingId, participantId);
  }

  exclude(actor: string, meetingId: string, dto: ExclusionDto): Promise<Exclusion> {
    return this.participantChanges.exclude(actor, meetingId, dto);
  }

  view(id: string, db?: EntityManager): Promise<MeetingView> {
    return this.reads.view(id, db);
  }

  viewAll(ids: string[]): Promise<MeetingView[]> {
    return this.reads.viewAll(ids);
  }

  list(
    query: MeetingQuery,
    visible: { sql: string; params: Record<string, unknown> },
  ): Promise<{ items: MeetingView[]; total: number }> {
    return this.reads.list(query, visible);
  }
}
