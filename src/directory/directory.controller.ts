import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { versionEtag } from '../http/etag';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessPolicy } from '../access/access-policy';
import { ANY_STAFF, BOOKERS, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { UuidPipe } from '../http/uuid.pipe';
import { AgencyQuery, CreateAgencyDto, CreatePersonDto, PersonQuery, UpdatePersonDto } from './directory.dto';
import { DirectoryService } from './directory.service';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('api/agencies')
export class AgenciesController {
  constructor(private readonly directory: DirectoryService) {}

  @Post()
  @Roles(...BOOKERS)
  create(@CurrentUser() user: StaffUser, @Body() dto: CreateAgencyDto) {
    return this.directory.createAgency(user.id, dto);
  }

  @Get()
  @Roles(...ANY_STAFF)
  list(@Query() query: AgencyQuery) {
    return this.directory.agencies(query);
  }

  @Get(':id')
  @Roles(...ANY_STAFF)
  one(@Param('id', UuidPipe) id: string) {
    return this.directory.agency(id);
  }
}

@ApiTags('people')
@ApiBearerAuth()
@Controller('api/people')
export class PeopleController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly access: AccessPolicy,
  ) {}

  @Post()
  @Roles(...BOOKERS, 'SOCIAL_WORKER')
  create(@CurrentUser() user: StaffUser, @Body() dto: CreatePersonDto) {
    return this.directory.createPerson(user.id, dto);
  }

  @Get()
  @Roles(...ANY_STAFF)
  list(@CurrentUser() user: StaffUser, @Query() query: PersonQuery) {
    return this.directory.people(query, this.access.visiblePeople(user, 'p', 1));
  }

  @Get(':id')
  @Roles(...ANY_STAFF)
  async one(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.access.personVisible(user, id);
    const person = await this.directory.person(id);
    response.setHeader('ETag', versionEtag(person));
    return person;
  }

  /** A parent's new email or phone: later invites and records go there. */
  @Patch(':id')
  @Roles(...BOOKERS, 'SOCIAL_WORKER')
  async update(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdatePersonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.access.personVisible(user, id);
    const person = await this.directory.updatePerson(
      { id: user.id, isAdmin: user.roles.includes('ADMIN') },
      id,
      dto,
      ifMatch,
    );
    response.setHeader('ETag', versionEtag(person));
    return person;
  }
}
