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
import { BookingRepository } from './booking.repository';
import { BookingService } from './booking.service';
import { KeepApartRulesService } from './keep-apart-rules.service';
import { MeetingChangesService } from './meeting-changes.service';
import { MeetingReadsService } from './meeting-reads.service';
import { MeetingSteps } from './meeting-steps';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import { ParticipantChangesService } from './participant-changes.service';
import { ParticipantsRepository } from './participants.repository';
import { Timescales } from './case-history.repository';
import { SafetyController } from './safety.controller';
import { SafetyRepository } from './safety.repository';
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
  providers: [
    MeetingsRepository,
    ParticipantsRepository,
    MeetingSteps,
    BookingRepository,
    BookingService,
    MeetingChangesService,
    ParticipantChangesService,
    KeepApartRulesService,
    MeetingReadsService,
    MeetingsService,
    Timescales,
    InviteComposer,
    InviteFiles,
    SafetyService,
    SafetyRepository,
  ],
  exports: [
    MeetingsService,
    MeetingReadsService,
    MeetingsRepository,
    ParticipantsRepository,
    Timescales,
    InviteComposer,
    SafetyService,
  ],
})
export class MeetingsModule {}
