import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { PageQuery } from '../http/list';
import { Problem } from '../http/problem';
import { AuditService } from './audit.service';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  personId?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The append-only trail of a meeting or of a person: who did what, when (never document content). */
  @Get()
  @Roles('COORDINATOR', 'MARAC_COORDINATOR')
  list(@Query() query: AuditQuery) {
    if (!query.meetingId && !query.personId) throw Problem.badRequest('meetingId', 'give a meetingId or a personId');
    return this.audit.list({ meetingId: query.meetingId, personId: query.personId, limit: query.limit });
  }
}
