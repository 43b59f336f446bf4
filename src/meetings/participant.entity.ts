import { Column, Entity } from 'typeorm';
import { Resource } from '../database/timestamps';
import { RSVP_STATUSES, type Rsvp } from '../meeting-types/codes';

// The codes are listed once, in the rules table's folder (meeting-types/codes.ts); exported here beside their column.
export { RSVP_STATUSES, type Rsvp };

@Entity('participants')
export class Participant extends Resource {
  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid' })
  personId: string;

  /** What they come as: POLICE, HEALTH, PARENT, IDVA, CHAIR … */
  @Column({ type: 'text' })
  role: string;

  @Column({ type: 'boolean', default: false })
  isChair: boolean;

  @Column({ type: 'uuid', array: true })
  sessionIds: string[];

  @Column({ type: 'boolean', default: false })
  reportRequired: boolean;

  /** The meeting's children this person is connected to (a family member's own child); null: all of them. */
  @Column({ type: 'uuid', array: true, nullable: true })
  caseIds: string[] | null;

  @Column({ type: 'text', default: 'NEEDS_ACTION' })
  rsvp: Rsvp;

  @Column({ type: 'timestamptz', nullable: true })
  rsvpAt: Date | null;

  /** Set when removed from the meeting; the row stays for the record and the cancellation it was sent. */
  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  /** Access needs, shown to the chair and in the "before the meeting" checklist. */
  @Column({ type: 'text', nullable: true })
  interpreterLanguage: string | null;

  @Column({ type: 'boolean', default: false })
  phoneOnly: boolean;

  @Column({ type: 'boolean', default: false })
  assistedVideo: boolean;

  @Column({ type: 'text', nullable: true })
  accessibilityNotes: string | null;

  @Column({ type: 'text', select: false })
  linkNonce: string;

  @Column({ type: 'text', select: false })
  linkTokenHash: string;

  @Column({ type: 'timestamptz' })
  linkExpiresAt: Date;
}
