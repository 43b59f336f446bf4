import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Minutes, MinutesAmendment } from './minutes.entity';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { MeetingTypesModule } from '../meeting-types/meeting-types.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { TemplatesModule } from '../templates/templates.module';
import { DecisionLetters } from './decision-letters.service';
import { FamilyRecordPage } from './family-record-page';
import { RecordLettersComposer } from './record-letters-composer';
import { RecordLettersRepository } from './record-letters.repository';
import { MinutesComposer } from './minutes-composer';
import { MinutesController } from './minutes.controller';
import { MinutesRecordPage } from './minutes-record-page';
import { RecordTimelinessSweeper } from './record-timeliness-sweeper';
import { AmendMinutes } from './amend-minutes.service';
import { ApproveMinutes } from './approve-minutes.service';
import { DistributeMinutes } from './distribute-minutes.service';
import { MinutesChecks } from './minutes-checks';
import { MinutesReader } from './minutes-reader';
import { MinutesRepository } from './minutes.repository';
import { MinutesTransition } from './minutes-transition';
import { SaveMinutes } from './save-minutes.service';
import { SubmitMinutes } from './submit-minutes.service';

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
  providers: [
    MinutesRepository,
    MinutesReader,
    MinutesChecks,
    MinutesTransition,
    SaveMinutes,
    SubmitMinutes,
    ApproveMinutes,
    DistributeMinutes,
    AmendMinutes,
    MinutesRecordPage,
    FamilyRecordPage,
    MinutesComposer,
    RecordTimelinessSweeper,
    RecordLettersRepository,
    DecisionLetters,
    RecordLettersComposer,
  ],
  exports: [
    MinutesReader,
    SaveMinutes,
    SubmitMinutes,
    ApproveMinutes,
    DistributeMinutes,
    AmendMinutes,
    MinutesRecordPage,
    FamilyRecordPage,
    RecordTimelinessSweeper,
  ],
})
export class MinutesModule {}
