import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { AccessPolicy } from '../access/access-policy';
import { CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { PageQuery } from '../http/list';
import { Problem } from '../http/problem';
import { AuditService } from '../audit/audit.service';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  personId?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
  ) {}

  /** The append-only trail of a meeting or of a person: who did what, when (never document content). */
  @Get()
  @Roles('COORDINATOR', 'MARAC_COORDINATOR')
  async list(@CurrentUser() user: StaffUser, @Query() query: AuditQuery) {
    if (!query.meetingId && !query.personId) throw Problem.badRequest('meetingId', 'give a meetingId or a personId');
    if (query.meetingId) await this.access.meeting(user, query.meetingId, 'see', 'audit.read');
    if (query.personId) await this.access.personVisible(user, query.personId);
    // A person's trail holds only events about meetings the caller may see (a COORDINATOR does not learn of a MARAC).
    return this.audit.list(
      { meetingId: query.meetingId, personId: query.personId, limit: query.limit },
      this.access.visibleMeetings(user, 'vm', 1),
    );
  }
}
