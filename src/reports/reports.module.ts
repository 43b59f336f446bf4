import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { DueReport } from './due-report';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({ imports: [MeetingsModule], controllers: [ReportsController], providers: [ReportsService, DueReport] })
export class ReportsModule {}
