import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CasesModule } from '../cases/cases.module';
import { DirectoryModule } from '../directory/directory.module';
import { resolveJwtSecret } from '../auth/jwt-secret';
import { LinkTokens } from '../participant-links/link-tokens';
import { TemplateRenderer, TEMPLATES_DIR } from '../templates/template-renderer';
import { CaseTimescalesController } from './case-timescales.controller';
import { InviteComposer } from './invite-composer';
import { InviteFiles } from './invite-files';
import { MeetingsController } from './meetings.controller';
import { BookingService } from './booking.service';
import { KeepApartRulesService } from './keep-apart-rules.service';
import { MeetingChangesService } from './meeting-changes.service';
import { MeetingReadsService } from './meeting-reads.service';
import { MeetingSteps } from './meeting-steps';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import { ParticipantChangesService } from './participant-changes.service';
import { ParticipantsRepository } from './participants.repository';
import { Timescales } from './case-history';
import { SafetyController } from './safety.controller';
import { SafetyRepository } from './safety.repository';
import { SafetyService } from './safety.service';

@Module({
  imports: [DirectoryModule, CasesModule],
  controllers: [MeetingsController, CaseTimescalesController, SafetyController],
  providers: [
    MeetingsRepository,
    ParticipantsRepository,
    MeetingSteps,
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
    {
      provide: LinkTokens,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LinkTokens(resolveJwtSecret(config)),
    },
    { provide: TemplateRenderer, useFactory: () => new TemplateRenderer(TEMPLATES_DIR) },
  ],
  exports: [
    MeetingsService,
    MeetingReadsService,
    MeetingsRepository,
    ParticipantsRepository,
    Timescales,
    InviteComposer,
    LinkTokens,
    TemplateRenderer,
    SafetyService,
  ],
})
export class MeetingsModule {}
