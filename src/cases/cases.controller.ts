import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { versionEtag } from '../http/etag';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessPolicy } from '../access/access-policy';
import { ANY_STAFF, BOOKERS, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { UuidPipe } from '../http/uuid.pipe';
import { CaseQuery, CreateCaseDto } from './cases.dto';
import { CasesService } from './cases.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly access: AccessPolicy,
  ) {}

  @Post()
  @Roles(...BOOKERS, 'SOCIAL_WORKER')
  create(@CurrentUser() user: StaffUser, @Body() dto: CreateCaseDto) {
    return this.cases.create(user.id, dto);
  }

  @Get()
  @Roles(...ANY_STAFF)
  list(@CurrentUser() user: StaffUser, @Query() query: CaseQuery) {
    return this.cases.list(query, this.access.visibleCases(user, 'c', 1));
  }

  @Get(':id')
  @Roles(...ANY_STAFF)
  async one(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.access.caseVisible(user, id);
    const found = await this.cases.one(id);
    response.setHeader('ETag', versionEtag(found));
    return found;
  }
}
