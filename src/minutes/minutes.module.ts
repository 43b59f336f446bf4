import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { FamilyRecordPage } from './family-record-page';
import { MinutesComposer } from './minutes-composer';
import { MinutesController } from './minutes.controller';
import { MinutesRecordPage } from './minutes-record-page';
import { MinutesService } from './minutes.service';
import { RecordTimelinessSweeper } from './record-timeliness-sweeper';

@Module({
  imports: [MeetingsModule],
  controllers: [MinutesController],
  providers: [MinutesService, MinutesRecordPage, FamilyRecordPage, MinutesComposer, RecordTimelinessSweeper],
  exports: [MinutesService, MinutesRecordPage, FamilyRecordPage, RecordTimelinessSweeper],
})
export class MinutesModule {}
