import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ANY_STAFF, CurrentUser, Roles, STAFF_WHO_WRITE } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { UuidPipe } from '../http/uuid.pipe';
import { AmendMinutesDto, MinutesDto } from './minutes.dto';
import { MinutesRecordPage } from './minutes-record-page';
import { MinutesService } from './minutes.service';

@ApiTags('minutes')
@ApiBearerAuth()
@Controller('api/meetings/:id/minutes')
export class MinutesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly recordPage: MinutesRecordPage,
  ) {}

  @Get()
  @Roles(...ANY_STAFF)
  read(@Param('id', UuidPipe) id: string) {
    return this.minutes.view(id);
  }

  @Put()
  @Roles(...STAFF_WHO_WRITE)
  save(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string, @Body() dto: MinutesDto) {
    return this.minutes.save(user, id, dto);
  }

  @Post('submit')
  @HttpCode(200)
  @Roles(...STAFF_WHO_WRITE)
  submit(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string) {
    return this.minutes.submit(user, id);
  }

  @Post('approve')
  @HttpCode(200)
  @Roles(...STAFF_WHO_WRITE)
  approve(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string) {
    return this.minutes.approve(user, id);
  }

  @Post('distribute')
  @HttpCode(200)
  @Roles(...STAFF_WHO_WRITE)
  distribute(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string) {
    return this.minutes.distribute(user, id);
  }

  @Post('amendments')
  @Roles(...STAFF_WHO_WRITE)
  amend(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string, @Body() dto: AmendMinutesDto) {
    return this.minutes.amend(user, id, dto);
  }

  /** The readable, printable record for the case file. */
  @Get('record.html')
  @Roles(...ANY_STAFF)
  async record(@Param('id', UuidPipe) id: string, @Res() response: Response) {
    response.type('html').send(await this.recordPage.render(id));
  }
}
