import { Column, Entity, VersionColumn } from 'typeorm';
import { Resource } from '../database/timestamps';
import type { MeetingType } from '../meeting-types/meeting-types';
import { MEETING_FORMATS, MEETING_STATUSES, type MeetingFormat, type MeetingStatus } from '../meeting-types/codes';

// The codes are listed once, in the rules table's folder (meeting-types/codes.ts); exported here beside their column.
export { MEETING_FORMATS, MEETING_STATUSES, type MeetingFormat, type MeetingStatus };

@Entity('meetings')
export class Meeting extends Resource {
  @Column({ type: 'text' })
  type: MeetingType;

  @Column({ type: 'text', default: 'SCHEDULED' })
  status: MeetingStatus;

  @Column({ type: 'text' })
  format: MeetingFormat;

  @Column({ type: 'uuid' })
  chairId: string;

  @Column({ type: 'uuid', nullable: true })
  relatedMeetingId: string | null;

  /** Raised by every change; invites carry it as their iCalendar SEQUENCE. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  /** Optimistic concurrency (ETag / If-Match). */
  @VersionColumn()
  version: number;

  /** First session's start and last session's end. */
  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  /** London date of the first session: the date timescales are measured to. */
  @Column({ type: 'date' })
  heldOn: string;

  @Column({ type: 'timestamptz' })
  preReadDeadline: Date;

  @Column({ type: 'date', nullable: true })
  dueBy: string | null;

  @Column({ type: 'text', nullable: true })
  dueBasis: string | null;

  @Column({ type: 'boolean', nullable: true })
  withinTimescale: boolean | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  /** The booker's person id. */
  @Column({ type: 'text' })
  bookedBy: string;

  /** The person the chair named to write the record with them (issue 16: the record belongs to the chair). */
  @Column({ type: 'uuid', nullable: true })
  minuteTakerId: string | null;
}

@Entity('meeting_cases')
export class MeetingCase {
  @Column({ type: 'uuid', primary: true })
  meetingId: string;

  @Column({ type: 'uuid', primary: true })
  caseId: string;

  @Column({ type: 'integer' })
  position: number;
}
