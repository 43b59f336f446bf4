import { Column, Entity } from 'typeorm';
import { Resource } from '../database/timestamps';
import type { OutgoingMail } from './rendering/invite-email';

export const DELIVERY_STATUSES = [
  'PENDING',
  'SENDING',
  'SENT',
  'FAILED',
  'SUPERSEDED',
  'NO_EMAIL',
  'SKIPPED',
  'BOUNCED',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Calendar messages about one session; other kinds are registered by the features that send them. */
export const CALENDAR_KINDS = ['INVITE', 'UPDATE', 'CANCEL', 'UNINVITE'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

/** Text messages (src/sms): one per calendar message, and the two reminders before a session. */
export const SMS_KINDS = ['SMS_INVITE', 'SMS_UPDATE', 'SMS_CANCEL', 'SMS_UNINVITE', 'SMS_REMINDER'] as const;
export type SmsKind = (typeof SMS_KINDS)[number];

/** One outgoing message in the outbox. */
@Entity('deliveries')
export class Delivery extends Resource {
  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid', nullable: true })
  participantId: string | null;

  @Column({ type: 'uuid', nullable: true })
  sessionId: string | null;

  @Column({ type: 'text' })
  kind: string;

  /** The meeting's sequence when the change was made: the SEQUENCE its invite carries. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  @Column({ type: 'text', default: 'PENDING' })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Makes a sweep's message unique (e.g. `reminder:72h:<participant>:<deadline>`): enqueued once, sent once. */
  @Column({ type: 'text', nullable: true, unique: true })
  dedupeKey: string | null;

  /** The message as first rendered: a retry sends exactly these bytes (same DTSTAMP, same SEQUENCE). */
  @Column({ type: 'jsonb', nullable: true })
  rendered: OutgoingMail | null;

  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  payload: Record<string, unknown>;

  /** `email` (the delivery worker) or `sms` (src/sms, through GOV.UK Notify). */
  @Column({ type: 'text', default: 'email' })
  channel: 'email' | 'sms';

  /** A text: Notify's id for it, and the last status Notify gave (`delivered`, `permanent-failure` …). */
  @Column({ type: 'text', nullable: true })
  providerId: string | null;

  @Column({ type: 'text', nullable: true })
  providerStatus: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  providerCheckedAt: Date | null;
}
