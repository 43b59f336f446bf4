import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { MinutesComposer } from './minutes-composer';
import { MinutesController } from './minutes.controller';
import { MinutesRecordPage } from './minutes-record-page';
import { MinutesService } from './minutes.service';

@Module({
  imports: [MeetingsModule],
  controllers: [MinutesController],
  providers: [MinutesService, MinutesRecordPage, MinutesComposer],
  exports: [MinutesService, MinutesRecordPage],
})
export class MinutesModule {}
