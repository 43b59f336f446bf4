import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { MeetingTypesModule } from '../meeting-types/meeting-types.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { ReportsModule } from '../reports/reports.module';
import { WebModule } from '../web/web.module';
import { RecordPagesModule } from './record-pages.module';
import { CoordinatorListsController } from './coordinator-lists.controller';
import { CoordinatorListsRepository } from './coordinator-lists.repository';
import { StaffPagesRepository } from './staff-pages.repository';

/** The coordinator's lists (issue 21): tasks, what falls due, the committee report, as staff pages. */
@Module({
  imports: [MeetingsModule, ReportsModule, AccessModule, MeetingTypesModule, WebModule, RecordPagesModule],
  controllers: [CoordinatorListsController],
  // The due report and the figures are the API's own services (ReportsModule), over the same data: one rule, two readers.
  providers: [CoordinatorListsRepository, StaffPagesRepository],
})
export class CoordinatorListsModule {}
