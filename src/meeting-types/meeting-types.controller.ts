import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ANY_STAFF, Roles } from '../auth/roles.decorator';
import { meetingTypesDocument } from './labels';
import { MeetingRules } from './meeting-rules.service';

/** Each type's rules, roles, outcomes and the words for every code: what a client needs to build the booking forms. */
@ApiTags('meeting-types')
@ApiBearerAuth()
@Controller('api/meeting-types')
export class MeetingTypesController {
  constructor(private readonly rules: MeetingRules) {}

  @Get()
  @Roles(...ANY_STAFF)
  @ApiOkResponse({ description: 'The meeting-type table as this deployment configured it, with labels' })
  list() {
    return meetingTypesDocument(this.rules);
  }
}
