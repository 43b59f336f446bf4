import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { MeetingPart } from '../access/meeting-part.decorator';
import { ANY_STAFF, CurrentUser, Roles, STAFF_WHO_WRITE } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { UuidPipe } from '../http/uuid.pipe';
import { AmendMinutesDto, MinutesDto, MinuteTakerDto } from './minutes.dto';
import { MinutesRecordPage } from './minutes-record-page';
import { AmendMinutes } from './amend-minutes.service';
import { ApproveMinutes } from './approve-minutes.service';
import { DistributeMinutes } from './distribute-minutes.service';
import { MinutesReader } from './minutes-reader';
import { SaveMinutes } from './save-minutes.service';
import { SubmitMinutes } from './submit-minutes.service';

@ApiTags('minutes')
@ApiBearerAuth()
// Only those who see the meeting learn that its record exists; who may write, approve and amend it is the service's.
@MeetingPart('see')
@Controller('api/meetings/:id/minutes')
export class MinutesController {
  constructor(
    private readonly reader: MinutesReader,
    private readonly saving: SaveMinutes,
    private readonly submitting: SubmitMinutes,
    private readonly approving: ApproveMinutes,
    private readonly distributing: DistributeMinutes,
    private readonly amending: AmendMinutes,
    private readonly recordPage: MinutesRecordPage,
    private readonly access: AccessPolicy,
  ) {}

  @Get()
  @Roles(...ANY_STAFF)
  async read(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string) {
    const minutes = await this.reader.view(id);
    await this.access.recordRead(user, {
      action: 'minutes.read',
      entity: 'minutes',
      entityId: minutes.id,
      meetingId: id,
    });
    return minutes;
  }

  @Put()
  @Roles(...STAFF_WHO_WRITE)
  save(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string, @Body() dto: MinutesDto) {
    return this.saving.save(user, id, dto);
  }

  @Post('submit')
  @HttpCode(200)
  @Roles(...STAFF_WHO_WRITE)
  submit(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string) {
    return this.submitting.submit(user, id);
  }

  @Post('approve')
  @HttpCode(200)
  @Roles(...STAFF_WHO_WRITE)
  approve(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string) {
    return this.approving.approve(user, id);
  }

  @Post('distribute')
  @HttpCode(200)
  @Roles(...STAFF_WHO_WRITE)
  // Sending the record out is running the meeting: its chair, booker or a coordinator of its type.
  @MeetingPart('change')
  distribute(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string) {
    return this.distributing.distribute(user, id);
  }

  /** The chair names who writes the record with them (`personId: null` unnames them). */
  @Put('taker')
  @Roles(...STAFF_WHO_WRITE)
  nameTaker(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string, @Body() dto: MinuteTakerDto) {
    return this.saving.nameMinuteTaker(user, id, dto.personId);
  }

  @Post('amendments')
  @Roles(...STAFF_WHO_WRITE)
  amend(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string, @Body() dto: AmendMinutesDto) {
    return this.amending.amend(user, id, dto);
  }

  /** The readable, printable record for the case file. */
  @Get('record.html')
  @Roles(...ANY_STAFF)
  async record(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string, @Res() response: Response) {
    const page = await this.recordPage.render(id);
    await this.access.recordRead(user, {
      action: 'minutes.record-read',
      entity: 'meeting',
      entityId: id,
      meetingId: id,
    });
    response.type('html').send(page);
  }

  /** The decision letter: decisions, outcomes and the plan, separate from the full record (out within a working day at a conference). */
  @Get('decision-letter.html')
  @Roles(...ANY_STAFF)
  async decisionLetter(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string, @Res() response: Response) {
    const page = await this.recordPage.renderDecisionLetter(id);
    await this.access.recordRead(user, {
      action: 'minutes.decision-letter-read',
      entity: 'meeting',
      entityId: id,
      meetingId: id,
    });
    response.type('html').send(page);
  }
}
