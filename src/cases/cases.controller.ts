import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ANY_STAFF, BOOKERS, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { UuidPipe } from '../http/uuid.pipe';
import { CaseQuery, CreateCaseDto } from './cases.dto';
import { CasesService } from './cases.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @Roles(...BOOKERS, 'SOCIAL_WORKER')
  create(@CurrentUser() user: StaffUser, @Body() dto: CreateCaseDto) {
    return this.cases.create(user.id, dto);
  }

  @Get()
  @Roles(...ANY_STAFF)
  list(@Query() query: CaseQuery) {
    return this.cases.list(query);
  }

  @Get(':id')
  @Roles(...ANY_STAFF)
  one(@Param('id', UuidPipe) id: string) {
    return this.cases.one(id);
  }
}
