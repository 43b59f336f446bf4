import { Column, Entity } from 'typeorm';
import { Resource } from '../database/timestamps';
import { DOCUMENT_AUDIENCES, DOCUMENT_KINDS, type DocumentAudience, type DocumentKind } from '../meeting-types/codes';

// The codes are listed once, in the rules table's folder (meeting-types/codes.ts); exported here beside their column.
export { DOCUMENT_AUDIENCES, DOCUMENT_KINDS, type DocumentAudience, type DocumentKind };

/** A report or other pre-read for a meeting, stored in PostgreSQL. */
@Entity('documents')
export class MeetingDocument extends Resource {
  @Column({ type: 'uuid' })
  meetingId: string;

  /** The participant it came from (their own upload, or staff sending it on an agency's behalf). */
  @Column({ type: 'uuid', nullable: true })
  participantId: string | null;

  @Column({ type: 'text' })
  uploadedBy: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  audience: DocumentAudience;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  mediaType: string;

  @Column({ type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  /** REPORT (a pre-read) or WRITTEN_AGREEMENT (the signed PLO written agreement). */
  @Column({ type: 'text', default: 'REPORT' })
  kind: DocumentKind;

  /** A written agreement: who signed it (e.g. "Both parents and the team manager") and on what day. */
  @Column({ type: 'text', nullable: true })
  signedBy: string | null;

  @Column({ type: 'date', nullable: true })
  signedOn: string | null;

  /** Submitted after the meeting's pre-read deadline. */
  @Column({ type: 'boolean' })
  late: boolean;
}
