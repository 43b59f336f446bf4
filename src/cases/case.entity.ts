import { Column, Entity } from 'typeorm';
import { Resource } from '../database/timestamps';

export const CASE_KINDS = ['CHILD', 'ADULT_VICTIM'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

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
}
