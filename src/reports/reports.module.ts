import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { MeetingTypesModule } from '../meeting-types/meeting-types.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { TemplatesModule } from '../templates/templates.module';
import { DueReport } from './due-report';
import { MaracReport } from './marac-report';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [MeetingsModule, AccessModule, MeetingTypesModule, TemplatesModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsRepository, DueReport, MaracReport],
  exports: [ReportsService, DueReport],
})
export class ReportsModule {}
