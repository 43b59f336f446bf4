import { Column, Entity } from 'typeorm';
import { Resource } from '../database/timestamps';

/** REJECTED: failed SPF/DKIM/DMARC under INBOUND_AUTH=enforce, and changed nothing. */
export const INBOUND_OUTCOMES = ['RSVP', 'REVIEW', 'BOUNCE', 'AUTO_REPLY', 'IGNORED', 'REJECTED'] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

/**
 * One message that came back to the organiser mailbox and what became of it. Never its content: the ids it was
 * matched to, and for a reply a person must look at, who answered for whom.
 */
@Entity('inbound_messages')
export class InboundMessage extends Resource {
  /** Business time (the Clock) when it was received. */
  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  /** Its own Message-ID: the same message delivered twice is applied once. */
  @Column({ type: 'text', nullable: true, unique: true })
  messageId: string | null;

  @Column({ type: 'text' })
  outcome: InboundOutcome;

  /** For REVIEW, why it was not taken as an RSVP (see reply-decision.ts); for IGNORED, why it was set aside. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ type: 'uuid', nullable: true })
  sessionId: string | null;

  @Column({ type: 'uuid', nullable: true })
  participantId: string | null;

  @Column({ type: 'uuid', nullable: true })
  deliveryId: string | null;

  @Column({ type: 'text', nullable: true })
  rsvp: string | null;

  /** The From address of a reply that needs review (who answered). */
  @Column({ type: 'text', nullable: true })
  sender: string | null;

  /** The ATTENDEE address a reply that needs review answered for. */
  @Column({ type: 'text', nullable: true })
  attendee: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  proposedStartsAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  proposedEndsAt: Date | null;

  /** A bounce's status code and diagnostic, as also put in the delivery's lastError; for REJECTED, what SPF/DKIM/DMARC said. */
  @Column({ type: 'text', nullable: true })
  detail: string | null;
}
