import { Column, Entity } from 'typeorm';
import { Resource } from '../database/timestamps';
import type { MinutesRecord } from './minutes.dto';

export const MINUTES_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'DISTRIBUTED'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/** The chair's or IRO's record of a meeting. Approved records are read-only; corrections are amendments. */
@Entity('minutes')
export class Minutes extends Resource {
  @Column({ type: 'uuid', unique: true })
  meetingId: string;

  @Column({ type: 'text', default: 'DRAFT' })
  status: MinutesStatus;

  @Column({ type: 'jsonb' })
  record: MinutesRecord;

  /** Whether the meeting was quorate when it decided (null where the type has no quorum rule). */
  @Column({ type: 'boolean', nullable: true })
  quorate: boolean | null;

  @Column({ type: 'date' })
  decisionsDueOn: string;

  @Column({ type: 'date' })
  recordDueOn: string;

  /** When the decisions were made known (section marked final, or the record sent): what "decisions on time" measures. */
  @Column({ type: 'timestamptz', nullable: true })
  decisionsSharedAt: Date | null;

  /** The next meeting's statutory latest date, proposed from the timescale rules. */
  @Column({ type: 'date', nullable: true })
  nextDueOn: string | null;

  @Column({ type: 'text' })
  author: string;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  submittedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  approvedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  distributedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  distributedBy: string | null;
}

@Entity('minute_amendments')
export class MinutesAmendment extends Resource {
  @Column({ type: 'uuid' })
  minutesId: string;

  @Column({ type: 'text' })
  amendedBy: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', array: true })
  changedFields: string[];

  @Column({ type: 'jsonb' })
  before: Partial<MinutesRecord>;
}
