import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Person } from '../directory/person.entity';
import { Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { Meeting } from '../meetings/meeting.entity';
import { Participant } from '../meetings/participant.entity';
import { Clock } from '../time/clock';
import { DocumentAudience, DocumentKind, MeetingDocument } from './document.entity';
import { londonDateOf } from '../time/london';
import type { FieldError } from '../http/problem';
import { PrereadsRepository } from './prereads.repository';
import { nameFitsType, sniffMediaType } from './sniff-media-type';

export interface Upload {
  title: string;
  /** null: the meeting type's default (documentAudienceDefault). */
  audience: DocumentAudience | null;
  participantId: string | null;
  /** Absent: REPORT. A WRITTEN_AGREEMENT (a PLO meeting's) says who signed it and when. */
  kind?: DocumentKind;
  signedBy?: string | null;
  signedOn?: string | null;
  fileName: string;
  content: Buffer;
}

/** Where each participant stands with their report, shown on the meeting. */
export interface ReportStatus {
  participantId: string;
  personId: string;
  role: string;
  reportRequired: boolean;
  received: boolean;
  receivedOnTime: boolean | null;
  documentIds: string[];
  remindedAt: Date[];
}

/** Pre-reads: uploads checked by content and size, who may see what, and who still owes a report. */
@Injectable()
export class PrereadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly rules: MeetingRules,
    private readonly repository: PrereadsRepository,
  ) {}

  async upload(actor: string, meetingId: string, upload: Upload): Promise<MeetingDocument> {
    if (upload.content.length > this.config.maxUploadBytes) {
      throw new Problem(HttpStatus.PAYLOAD_TOO_LARGE, `file: larger than ${this.config.maxUploadBytes} bytes`, [
        { field: 'file', message: 'is too large' },
      ]);
    }
    const mediaType = sniffMediaType(upload.content);
    if (!mediaType) {
      throw new Problem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'file: only PDF, Word (.docx), OpenDocument text or plain text is accepted',
        [{ field: 'file', message: 'is not a PDF, Word (.docx), ODT or plain-text document' }],
      );
    }
    // A name that says otherwise (a `.bat` or `.hta` that is text) is refused rather than quietly renamed.
    if (!nameFitsType(upload.fileName, mediaType)) {
      throw new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'file: the file name does not match its content', [
        { field: 'file', message: 'the name’s extension does not match its content (PDF, .docx, .odt or text)' },
      ]);
    }
    // Hashed off the event loop (WebCrypto runs in the thread pool): 10 MB take ~20 ms of CPU.
    const sha256 = Buffer.from(await crypto.subtle.digest('SHA-256', upload.content)).toString('hex');
    return this.dataSource.transaction(async (db) => {
      const meeting = await db.findOneBy(Meeting, { id: meetingId });
      if (!meeting) throw Problem.notFound('The meeting');
      if (meeting.status === 'CANCELLED') throw Problem.conflict('The meeting is cancelled');
      if (
        upload.participantId &&
        !(await db.existsBy(Participant, { id: upload.participantId, meetingId, removedAt: IsNull() }))
      ) {
        throw Problem.unprocessable('participantId', 'is not a participant of this meeting');
      }
      const submittedAt = this.clock.now();
      const kind = upload.kind ?? 'REPORT';
      const agreementErrors = writtenAgreementProblems(meeting.type, upload, londonDateOf(submittedAt));
      if (agreementErrors.length) throw Problem.invalid(agreementErrors);
      // The parents and their solicitors keep the agreement they signed: it is never for professionals only.
      const audience =
        kind === 'WRITTEN_AGREEMENT'
          ? 'ALL_PARTICIPANTS'
          : (upload.audience ?? this.rules.of(meeting.type).documentAudienceDefault);
      const document = db.create(MeetingDocument, {
        meetingId,
        participantId: upload.participantId,
        uploadedBy: actor,
        title: upload.title,
        audience,
        kind,
        signedBy: kind === 'WRITTEN_AGREEMENT' ? upload.signedBy : null,
        signedOn: kind === 'WRITTEN_AGREEMENT' ? upload.signedOn : null,
        fileName: upload.fileName.replace(/[^\w.\- ]+/g, '_').slice(0, 120) || 'document',
        mediaType,
        sizeBytes: upload.content.length,
        sha256,
        content: upload.content,
        submittedAt,
        late: submittedAt > meeting.preReadDeadline,
      });
      await db.insert(MeetingDocument, document);
      await this.audit.record(db, {
        actor,
        action: 'document.uploaded',
        entity: 'document',
        entityId: document.id,
        meetingId,
        changes: {
          participantId: upload.participantId,
          audience,
          kind,
          late: document.late,
          sizeBytes: document.sizeBytes,
          mediaType,
        },
      });
      const { content: _content, ...withoutContent } = document;
      return withoutContent as MeetingDocument;
    });
  }

  async list(meetingId: string): Promise<{ items: MeetingDocument[]; total: number; reports: ReportStatus[] }> {
    if (!(await this.dataSource.getRepository(Meeting).existsBy({ id: meetingId })))
      throw Problem.notFound('The meeting');
    const items = await this.dataSource
      .getRepository(MeetingDocument)
      .find({ where: { meetingId }, order: { submittedAt: 'ASC' } });
    return { items, total: items.length, reports: await this.reports(meetingId, items) };
  }

  /** Documents a participant may see: family members never see PROFESSIONALS documents. */
  async visibleTo(participant: Participant): Promise<MeetingDocument[]> {
    const person = await this.dataSource.getRepository(Person).findOneByOrFail({ id: participant.personId });
    const audiences: DocumentAudience[] =
      person.kind === 'PROFESSIONAL' ? ['PROFESSIONALS', 'ALL_PARTICIPANTS'] : ['ALL_PARTICIPANTS'];
    const all = await this.dataSource
      .getRepository(MeetingDocument)
      .find({ where: { meetingId: participant.meetingId }, order: { submittedAt: 'ASC' } });
    return all.filter((d) => audiences.includes(d.audience) || d.participantId === participant.id);
  }

  async content(meetingId: string, documentId: string): Promise<MeetingDocument> {
    const document = await this.repository.withContent(meetingId, documentId);
    if (!document) throw Problem.notFound('The document');
    return document;
  }

  private async reports(meetingId: string, documents: MeetingDocument[]): Promise<ReportStatus[]> {
    const [participants, reminders]: [Participant[], { participant_id: string; sent_at: Date }[]] = await Promise.all([
      this.dataSource
        .getRepository(Participant)
        .find({ where: { meetingId, removedAt: IsNull(), isChair: false }, order: { createdAt: 'ASC' } }),
      this.repository.remindersSent(meetingId),
    ]);
    return participants.map((p) => {
      // The written agreement is not anyone's report.
      const own = documents.filter((d) => d.participantId === p.id && d.kind !== 'WRITTEN_AGREEMENT');
      return {
        participantId: p.id,
        personId: p.personId,
        role: p.role,
        reportRequired: p.reportRequired,
        received: own.length > 0,
        receivedOnTime: own.length > 0 ? own.some((d) => !d.late) : null,
        documentIds: own.map((d) => d.id),
        remindedAt: reminders.filter((r) => r.participant_id === p.id).map((r) => r.sent_at),
      };
    });
  }
}

/** The signed PLO written agreement: on a PLO meeting, saying who signed it and on what day (not a day to come). */
function writtenAgreementProblems(type: string, upload: Upload, today: string): FieldError[] {
  if (upload.kind !== 'WRITTEN_AGREEMENT') return [];
  const errors: FieldError[] = [];
  if (type !== 'PLO') errors.push({ field: 'kind', message: 'a written agreement belongs to a PLO meeting' });
  if (!upload.signedBy) errors.push({ field: 'signedBy', message: 'say who signed the written agreement' });
  if (!upload.signedOn) errors.push({ field: 'signedOn', message: 'say the day the written agreement was signed' });
  else if (upload.signedOn > today) errors.push({ field: 'signedOn', message: 'is a day still to come' });
  if (upload.audience === 'PROFESSIONALS')
    errors.push({
      field: 'audience',
      message: 'the parents and their solicitors keep the agreement they signed: leave it out or ALL_PARTICIPANTS',
    });
  return errors;
}
