import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: who did what, when, to which record. Never document content, never personal details. */
@Entity('audit_events')
@Index(['meetingId', 'at'])
@Index(['personId', 'at'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  /** The acting staff member's person id, or `participant:<id>` for a personal link. */
  @Column({ type: 'text' })
  actor: string;

  /** The acting person's name as it was when they acted (a later change of name does not rewrite the trail). */
  @Column({ type: 'text', nullable: true })
  actorName: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  entity: string;

  @Column({ type: 'uuid' })
  entityId: string;

  @Column({ type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  changes: object;

  /** Where the request came from (`{ ip, userAgent }`); null for what the service did by itself (sweeps). */
  @Column({ type: 'jsonb', nullable: true })
  origin: object | null;
}
