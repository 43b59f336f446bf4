import { Column, Entity, Index } from 'typeorm';
import type { StaffRole } from '../auth/staff-user';
import { Resource } from '../database/timestamps';

export const PERSON_KINDS = ['PROFESSIONAL', 'FAMILY'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

/** A professional or a family member. Name, email and phone are personal data: never logged, never in titles. */
@Entity('people')
export class Person extends Resource {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** Invites and reminders by text too (src/sms), though they have an email address. */
  @Column({ type: 'boolean', default: false })
  prefersTexts: boolean;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @Column({ type: 'text' })
  kind: PersonKind;

  /** Optimistic concurrency: the ETag a PATCH names in If-Match. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /** For the council's own staff: the role they hold (an IRO chairs LAC reviews). Unknown for partner agencies. */
  @Column({ type: 'text', nullable: true })
  staffRole: StaffRole | null;

  /** For staff who sign in through an identity provider: `issuer#sub`, bound on first sign-in. Never answered. */
  @Column({ type: 'text', nullable: true, select: false })
  staffSubject: string | null;

  /** Personal calendar feed: the token is derived from this nonce and only its hash is stored. */
  @Column({ type: 'text', nullable: true, select: false })
  feedNonce: string | null;

  @Column({ type: 'text', nullable: true, select: false })
  feedTokenHash: string | null;
}
