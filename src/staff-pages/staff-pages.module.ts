import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { MeetingTypesModule } from '../meeting-types/meeting-types.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { CasesModule } from '../cases/cases.module';
import { DirectoryModule } from '../directory/directory.module';
import { WebModule } from '../web/web.module';
import { BookingGateway } from './booking-gateway';
import { BookingPeople } from './booking-people';
import { CoordinatorListsModule } from './coordinator-lists.module';
import { BookingPagesController } from './booking-pages.controller';
import { MeetingChangePagesController } from './meeting-change-pages.controller';
import { MeetingPagesController } from './meeting-pages.controller';
import { RecordPagesModule } from './record-pages.module';
import { ParticipantPagesController } from './participant-pages.controller';
import { ParticipantRemovalPagesController } from './participant-removal-pages.controller';
import { MeetingTimelineRepository } from './meeting-timeline.repository';
import { StaffPagesRepository } from './staff-pages.repository';
import { StaffPagesService } from './staff-pages.service';
import { PeoplePagesController } from './people-pages.controller';
import { CasePagesController } from './case-pages.controller';
import { PeopleAndCasesRepository } from './people-and-cases.repository';

/** The staff web pages (issue 20): server-rendered GOV.UK pages over the same services and policy as the API. */
@Module({
  imports: [
    MeetingsModule,
    CoordinatorListsModule,
    RecordPagesModule,
    DirectoryModule,
    CasesModule,
    AccessModule,
    MeetingTypesModule,
    WebModule,
  ],
  controllers: [
    BookingPagesController,
    MeetingPagesController,
    MeetingChangePagesController,
    ParticipantPagesController,
    ParticipantRemovalPagesController,
    PeoplePagesController,
    CasePagesController,
  ],
  providers: [
    BookingGateway,
    BookingPeople,
    StaffPagesRepository,
    StaffPagesService,
    MeetingTimelineRepository,
    PeopleAndCasesRepository,
  ],
})
export class StaffPagesModule {}
