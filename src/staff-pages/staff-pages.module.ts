import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { BookingGateway } from './booking-gateway';
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

/** The staff web pages (issue 20): server-rendered GOV.UK pages over the same services and policy as the API. */
@Module({
  imports: [MeetingsModule, CasesModule, CoordinatorListsModule, RecordPagesModule],
  controllers: [
    BookingPagesController,
    MeetingPagesController,
    MeetingChangePagesController,
    ParticipantPagesController,
    ParticipantRemovalPagesController,
  ],
  providers: [BookingGateway, StaffPagesRepository, StaffPagesService, MeetingTimelineRepository],
})
export class StaffPagesModule {}
