import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { AccessPolicy } from '../access/access-policy';
import { MeetingPart } from '../access/meeting-part.decorator';
import { ANY_STAFF, BOOKERS, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { UuidPipe } from '../http/uuid.pipe';
import { AttendanceLogDto, ExclusionDto, KeepApartDto } from './safety.dto';
import { KeepApartRulesService } from './keep-apart-rules.service';
import { ParticipantChangesService } from './participant-changes.service';
import { SafetyService } from './safety.service';

export class TasksQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  chairId?: string;

  @ApiPropertyOptional({ default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

/** Keep-apart rules, access needs, exclusions and who is in the room. */
@ApiTags('safety')
@ApiBearerAuth()
@Controller('api')
export class SafetyController {
  constructor(
    private readonly keepApart: KeepApartRulesService,
    private readonly participants: ParticipantChangesService,
    private readonly safety: SafetyService,
    private readonly access: AccessPolicy,
  ) {}

  @Post('cases/:id/keep-apart')
  @Roles(...BOOKERS, 'SOCIAL_WORKER')
  async keepApartOnCase(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) caseId: string,
    @Body() dto: KeepApartDto,
  ) {
    await this.access.caseVisible(user, caseId);
    return this.keepApart.add(user.id, { caseId }, dto);
  }

  @Get('cases/:id/keep-apart')
  @Roles(...ANY_STAFF)
  async keepApartRulesOfCase(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) caseId: string) {
    await this.access.caseVisible(user, caseId);
    return this.safety.keepApartRules({ caseId });
  }

  @Post('meetings/:id/keep-apart')
  @Roles(...BOOKERS, 'SOCIAL_WORKER')
  // A safety concern may come from anyone working on the meeting, not only from those who run it.
  @MeetingPart('see')
  keepApartOnMeeting(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) meetingId: string,
    @Body() dto: KeepApartDto,
  ) {
    return this.keepApart.add(user.id, { meetingId }, dto);
  }

  @Get('meetings/:id/checklist')
  @Roles(...ANY_STAFF)
  @MeetingPart('see')
  checklist(@Param('id', UuidPipe) id: string) {
    return this.safety.checklist(id);
  }

  @Get('tasks')
  @Roles(...ANY_STAFF)
  tasks(@CurrentUser() user: StaffUser, @Query() query: TasksQuery) {
    return this.safety.tasks(query.chairId, query.days ?? 30, this.access.visibleMeetings(user, 'm', 3));
  }

  @Post('meetings/:id/exclusions')
  @Roles('CHAIR', 'IRO', 'MARAC_COORDINATOR')
  @MeetingPart('change')
  exclude(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string, @Body() dto: ExclusionDto) {
    return this.participants.exclude(user.id, id, dto);
  }

  @Get('meetings/:id/exclusions')
  @Roles(...ANY_STAFF)
  @MeetingPart('see')
  exclusions(@Param('id', UuidPipe) id: string) {
    return this.safety.exclusions(id);
  }

  @Post('meetings/:id/sessions/:sessionId/attendance-log')
  @Roles('COORDINATOR', 'CHAIR', 'IRO', 'MARAC_COORDINATOR', 'SOCIAL_WORKER')
  @MeetingPart('change')
  log(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Param('sessionId', UuidPipe) sessionId: string,
    @Body() dto: AttendanceLogDto,
  ) {
    return this.safety.logAttendance(user.id, id, sessionId, dto);
  }

  @Get('meetings/:id/attendance-log')
  @Roles(...ANY_STAFF)
  @MeetingPart('see')
  attendanceLog(@Param('id', UuidPipe) id: string) {
    return this.safety.attendanceLog(id);
  }
}
