import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Minutes, MinutesAmendment } from './minutes.entity';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { MeetingTypesModule } from '../meeting-types/meeting-types.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { TemplatesModule } from '../templates/templates.module';
import { FamilyRecordPage } from './family-record-page';
import { MinutesComposer } from './minutes-composer';
import { MinutesController } from './minutes.controller';
import { MinutesRecordPage } from './minutes-record-page';
import { MinutesService } from './minutes.service';
import { RecordTimelinessSweeper } from './record-timeliness-sweeper';

@Module({
  imports: [
    TypeOrmModule.forFeature([Minutes, MinutesAmendment]),
    MeetingsModule,
    AccessModule,
    AuditModule,
    DeliveriesModule,
    MeetingTypesModule,
    TemplatesModule,
  ],
  controllers: [MinutesController],
  providers: [MinutesService, MinutesRecordPage, FamilyRecordPage, MinutesComposer, RecordTimelinessSweeper],
  exports: [MinutesService, MinutesRecordPage, FamilyRecordPage, RecordTimelinessSweeper],
})
export class MinutesModule {}
