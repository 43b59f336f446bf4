import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { DueReport } from './due-report';
import { MaracReport } from './marac-report';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [MeetingsModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsRepository, DueReport, MaracReport],
  exports: [ReportsService, DueReport],
})
export class ReportsModule {}
