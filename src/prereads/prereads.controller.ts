import { Body, Controller, Get, Param, Post, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { MeetingPart } from '../access/meeting-part.decorator';
import { ANY_STAFF, BOOKERS, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { AcceptsBody } from '../http/body-types';
import { UuidPipe } from '../http/uuid.pipe';
import { DOCUMENT_AUDIENCES, DOCUMENT_KINDS, DocumentAudience, DocumentKind } from './document.entity';
import { IsCalendarDate } from '../http/dates';
import { PrereadsService } from './prereads.service';
import { sendDocument } from './send-document';
import { UploadBodyGuard } from './upload-body.guard';
import { requireFile, UploadedPart } from './uploaded-file';
import { IsSingleLine } from '../http/single-line';

export class UploadDocumentDto {
  @ApiProperty({ example: 'Police report' })
  @IsString()
  @Length(1, 200)
  @IsSingleLine()
  title: string;

  @ApiPropertyOptional({
    enum: DOCUMENT_AUDIENCES,
    description: "Absent: the meeting type's default (documentAudienceDefault)",
  })
  @IsOptional()
  @IsIn(DOCUMENT_AUDIENCES)
  audience?: DocumentAudience;

  @ApiPropertyOptional({
    enum: DOCUMENT_KINDS,
    description: 'REPORT (default), or WRITTEN_AGREEMENT: the signed PLO written agreement (a PLO meeting only)',
  })
  @IsOptional()
  @IsIn(DOCUMENT_KINDS)
  kind?: DocumentKind;

  @ApiPropertyOptional({ description: 'A written agreement: who signed it (e.g. "Both parents and the team manager")' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsSingleLine()
  signedBy?: string;

  @ApiPropertyOptional({ format: 'date', description: 'A written agreement: the day it was signed' })
  @IsOptional()
  @IsCalendarDate()
  signedOn?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The participant it is sent on behalf of' })
  @IsOptional()
  @IsUUID()
  participantId?: string;
}

@ApiTags('pre-reads')
@ApiBearerAuth()
@Controller('api/meetings/:id/documents')
export class PrereadsController {
  constructor(
    private readonly prereads: PrereadsService,
    private readonly access: AccessPolicy,
  ) {}

  @Post()
  @Roles(...BOOKERS, 'SOCIAL_WORKER')
  // Staff invited send their own reports; they need not be able to change the meeting.
  @MeetingPart('see')
  @ApiConsumes('multipart/form-data')
  @AcceptsBody('multipart')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        file: { type: 'string', format: 'binary' },
        title: { type: 'string' },
        audience: { enum: [...DOCUMENT_AUDIENCES] },
        participantId: { type: 'string' },
        kind: { enum: [...DOCUMENT_KINDS] },
        signedBy: { type: 'string' },
        signedOn: { type: 'string', format: 'date' },
      },
    },
  })
  @UseGuards(UploadBodyGuard)
  @UseInterceptors(FileInterceptor('file'))
  upload(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UploadDocumentDto,
    @UploadedFile() file: UploadedPart | undefined,
  ) {
    const part = requireFile(file);
    return this.prereads.upload(user.id, id, {
      title: dto.title,
      audience: dto.audience ?? null,
      participantId: dto.participantId ?? null,
      kind: dto.kind ?? 'REPORT',
      signedBy: dto.signedBy ?? null,
      signedOn: dto.signedOn ?? null,
      fileName: part.originalname,
      content: part.buffer,
    });
  }

  @Get()
  @Roles(...ANY_STAFF)
  @MeetingPart('see')
  list(@Param('id', UuidPipe) id: string) {
    return this.prereads.list(id);
  }

  @Get(':documentId/content')
  @Roles(...ANY_STAFF)
  @MeetingPart('see')
  async content(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Param('documentId', UuidPipe) documentId: string,
    @Res() response: Response,
  ) {
    const document = await this.prereads.content(id, documentId);
    await this.access.recordRead(user, {
      action: 'document.read',
      entity: 'document',
      entityId: documentId,
      meetingId: id,
    });
    sendDocument(response, document);
  }
}
