import { Column, Entity } from 'typeorm';
import { Resource } from '../database/timestamps';

/** One part of a meeting, with its own time, people and joining details. */
@Entity('meeting_sessions')
export class MeetingSession extends Resource {
  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text', nullable: true })
  label: string | null;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'text', nullable: true })
  videoUrl: string | null;

  @Column({ type: 'text', nullable: true })
  dialInNumber: string | null;

  @Column({ type: 'text', nullable: true })
  accessCode: string | null;

  @Column({ type: 'text', nullable: true })
  venue: string | null;

  /** Fixed for the life of the session: every invite, update and cancellation carries it. */
  @Column({ type: 'text', unique: true })
  icalUid: string;

  /** This part's iCalendar SEQUENCE (INVITES.md C3): raised, in the change's transaction, whenever it is sent again. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;
}
