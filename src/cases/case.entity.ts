import { Column, Entity } from 'typeorm';
import { Resource } from '../database/timestamps';
import { CASE_KINDS, type CaseKind } from '../meeting-types/codes';

// The codes are listed once, in the rules table's folder (meeting-types/codes.ts); exported here beside their column.
export { CASE_KINDS, type CaseKind };

/** The subject of meetings: a child, or an adult victim heard at MARAC. `reference` is the case-management system's number. */
@Entity('cases')
export class Case extends Resource {
  @Column({ type: 'text', unique: true })
  reference: string;

  @Column({ type: 'text', nullable: true })
  subjectInitials: string | null;

  @Column({ type: 'text' })
  kind: CaseKind;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'date', nullable: true })
  enteredCareOn: string | null;

  @Column({ type: 'date', nullable: true })
  cpPlanStartedOn: string | null;

  /** The child ceased to be looked after: LAC reviews stop falling due (until a later enteredCareOn). */
  @Column({ type: 'date', nullable: true })
  ceasedLookedAfterOn: string | null;

  /** The child protection plan ended (outside a conference Quorum holds): review conferences and core groups stop. */
  @Column({ type: 'date', nullable: true })
  cpPlanEndedOn: string | null;

  /** The letter before proceedings was sent: pre-proceedings should normally end within 16 weeks of it (PLO). */
  @Column({ type: 'date', nullable: true })
  ploLetterOn: string | null;

  /** Optimistic concurrency: the ETag a PATCH names in If-Match. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
