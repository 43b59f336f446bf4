import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { DueReport } from '../reports/due-report';
import { ReportsService } from '../reports/reports.service';
import { RecordPagesModule } from './record-pages.module';
import { CoordinatorListsController } from './coordinator-lists.controller';
import { CoordinatorListsRepository } from './coordinator-lists.repository';
import { StaffPagesRepository } from './staff-pages.repository';

/** The coordinator's lists (issue 21): tasks, what falls due, the committee report, as staff pages. */
@Module({
  imports: [MeetingsModule, RecordPagesModule],
  controllers: [CoordinatorListsController],
  // The due report and the figures are the API's own services, over the same data: one rule, two readers.
  providers: [CoordinatorListsRepository, StaffPagesRepository, DueReport, ReportsService],
})
export class CoordinatorListsModule {}
