import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Meeting, MeetingCase } from './meeting.entity';
import { MeetingSession } from './meeting-session.entity';
import { Participant } from './participant.entity';
import { AttendanceLogEntry, Exclusion, KeepApartRule } from './safety.entities';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { DirectoryModule } from '../directory/directory.module';
import { LinkTokensModule } from '../link-tokens/link-tokens.module';
import { MeetingTypesModule } from '../meeting-types/meeting-types.module';
import { TemplatesModule } from '../templates/templates.module';
import { CaseTimescalesController } from './case-timescales.controller';
import { InviteComposer } from './invite-composer';
import { InviteFiles } from './invite-files';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { Timescales } from './timescales';
import { SafetyController } from './safety.controller';
import { SafetyService } from './safety.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Meeting,
      MeetingCase,
      MeetingSession,
      Participant,
      KeepApartRule,
      Exclusion,
      AttendanceLogEntry,
    ]),
    DirectoryModule,
    CasesModule,
    AccessModule,
    AuditModule,
    DeliveriesModule,
    MeetingTypesModule,
    TemplatesModule,
    LinkTokensModule,
  ],
  controllers: [MeetingsController, CaseTimescalesController, SafetyController],
  providers: [MeetingsService, Timescales, InviteComposer, InviteFiles, SafetyService],
  exports: [MeetingsService, Timescales, InviteComposer, SafetyService],
})
export class MeetingsModule {}
