import { Column, Entity } from 'typeorm';
import { Resource } from '../database/timestamps';

/** Two people who are never in the same session (a survivor and the person who harmed them). */
@Entity('keep_apart_rules')
export class KeepApartRule extends Resource {
  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ type: 'uuid', array: true })
  personIds: string[];

  /** For staff only; never put in an error a partner could see. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text' })
  createdBy: string;
}

/** The chair excluded a participant from part of the meeting, with the reason recorded. */
@Entity('exclusions')
export class Exclusion extends Resource {
  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid' })
  participantId: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  excludedBy: string;
}

export const ATTENDANCE_EVENTS = ['JOINED', 'LEFT'] as const;

@Entity('attendance_log')
export class AttendanceLogEntry extends Resource {
  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @Column({ type: 'uuid' })
  participantId: string;

  @Column({ type: 'text' })
  event: (typeof ATTENDANCE_EVENTS)[number];

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text', nullable: true })
  via: 'IN_PERSON' | 'VIDEO' | 'PHONE' | null;

  @Column({ type: 'text' })
  recordedBy: string;
}
