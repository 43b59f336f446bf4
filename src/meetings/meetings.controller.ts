import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Patch, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessPolicy, namedCondition } from '../access/access-policy';
import { MeetingPart } from '../access/meeting-part.decorator';
import { ANY_STAFF, BOOKERS, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { Problem } from '../http/problem';
import { UuidPipe } from '../http/uuid.pipe';
import {
  AddParticipantDto,
  BookMeetingDto,
  CancelMeetingDto,
  MeetingQuery,
  RescheduleSessionDto,
} from './book-meeting.dto';
import { InviteFiles } from './invite-files';
import { BookingService } from './booking.service';
import { MeetingChangesService } from './meeting-changes.service';
import { MeetingReadsService } from './meeting-reads.service';
import { MeetingList, meetingEtag, MeetingView } from './meeting-view';
import { ParticipantChangesService } from './participant-changes.service';

/** Every answer carrying a meeting carries its ETag, for `If-Match` on the next change. */
function tagged(response: Response, meeting: MeetingView): MeetingView {
  response.setHeader('ETag', meetingEtag(meeting));
  return meeting;
}

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/meetings')
export class MeetingsController {
  constructor(
    private readonly booking: BookingService,
    private readonly changes: MeetingChangesService,
    private readonly participants: ParticipantChangesService,
    private readonly reads: MeetingReadsService,
    private readonly inviteFiles: InviteFiles,
    private readonly access: AccessPolicy,
  ) {}

  @Post()
  @Roles(...BOOKERS)
  @ApiCreatedResponse({ type: MeetingView })
  async book(
    @CurrentUser() user: StaffUser,
    @Body() dto: BookMeetingDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    this.access.assertMayBook(user, dto.type);
    // A related meeting the booker may not see is, for them, one that does not exist (API.md: 422 for an unknown id).
    if (dto.relatedMeetingId && !(await this.access.sees(user, dto.relatedMeetingId)))
      throw Problem.unprocessable('relatedMeetingId', 'no meeting has this id');
    return tagged(response, await this.booking.book(user.id, dto));
  }

  @Get()
  @Roles(...ANY_STAFF)
  @ApiOkResponse({ type: MeetingList })
  list(@CurrentUser() user: StaffUser, @Query() query: MeetingQuery) {
    return this.reads.list(query, namedCondition(this.access.visibleMeetings(user, 'm', 1), 1));
  }

  @Get(':id')
  @ApiOkResponse({ type: MeetingView })
  @Roles(...ANY_STAFF)
  @MeetingPart('see')
  async one(@Param('id', UuidPipe) id: string, @Res({ passthrough: true }) response: Response) {
    return tagged(response, await this.reads.view(id));
  }

  @Patch(':id/sessions/:sessionId')
  @MeetingPart('change')
  @ApiOkResponse({ type: MeetingView })
  @Roles(...BOOKERS)
  async reschedule(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Param('sessionId', UuidPipe) sessionId: string,
    @Body() dto: RescheduleSessionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return tagged(response, await this.changes.rescheduleSession(user.id, id, sessionId, dto, ifMatch));
  }

  @Post(':id/participants')
  @MeetingPart('change')
  @ApiCreatedResponse({ type: MeetingView })
  @Roles(...BOOKERS)
  async addParticipant(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: AddParticipantDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return tagged(response, await this.participants.addParticipant(user.id, id, dto, ifMatch));
  }

  @Delete(':id/participants/:participantId')
  @MeetingPart('change')
  @ApiOkResponse({ type: MeetingView })
  @Roles(...BOOKERS)
  async removeParticipant(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Param('participantId', UuidPipe) participantId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return tagged(response, await this.participants.removeParticipant(user.id, id, participantId, ifMatch));
  }

  @Post(':id/participants/:participantId/resend')
  @MeetingPart('change')
  @HttpCode(200)
  @Roles(...BOOKERS)
  resend(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Param('participantId', UuidPipe) participantId: string,
  ) {
    return this.participants.resendInvites(user.id, id, participantId);
  }

  @Post(':id/cancel')
  @MeetingPart('change')
  @ApiOkResponse({ type: MeetingView })
  @HttpCode(200)
  @Roles(...BOOKERS)
  async cancel(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CancelMeetingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return tagged(response, await this.changes.cancel(user.id, id, dto, ifMatch));
  }

  /** What that participant was sent (the latest calendar message for a session; `?session=` picks one). */
  @Get(':id/participants/:participantId/invite.ics')
  @Roles(...ANY_STAFF)
  @MeetingPart('see')
  async inviteIcs(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Param('participantId', UuidPipe) participantId: string,
    @Query('session') session: string | undefined,
    @Res() response: Response,
  ) {
    const file = await this.inviteFiles.forStaff(id, participantId, session);
    await this.access.recordRead(user, {
      action: 'invite.read',
      entity: 'participant',
      entityId: participantId,
      meetingId: id,
    });
    // attachment() sets the type from the file name, so it comes first and the type with its method= after it.
    response.attachment('invite.ics').type(`text/calendar; charset=utf-8; method=${file.method}`).send(file.content);
  }
}
