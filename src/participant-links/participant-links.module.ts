import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { MulterModule } from '@nestjs/platform-express';
import { uploadLimits } from '../prereads/upload-limits';
import { LinkUploadGuard } from './link-upload.guard';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { LinkTokensModule } from '../link-tokens/link-tokens.module';
import { MeetingTypesModule } from '../meeting-types/meeting-types.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { TemplatesModule } from '../templates/templates.module';
import { PrereadsModule } from '../prereads/prereads.module';
import { MinutesModule } from '../minutes/minutes.module';
import { SmsModule } from '../sms/sms.module';
import { FeedsController } from './feeds.controller';
import { ParticipantLinksController } from './participant-links.controller';
import { ParticipantLinksService } from './participant-links.service';
import { ParticipantLinksRepository } from './participant-links.repository';
import { PersonalFeeds } from './personal-feeds';
import { PeopleFeedController } from './people-feed.controller';

@Module({
  imports: [
    MeetingsModule,
    PrereadsModule,
    MinutesModule,
    SmsModule,
    AccessModule,
    AuditModule,
    MeetingTypesModule,
    TemplatesModule,
    LinkTokensModule,
    // The same multipart limits as the staff upload route.
    MulterModule.registerAsync({ inject: [APP_CONFIG], useFactory: uploadLimits }),
    // Personal links are guessable only by brute force: limit how fast anyone can try. One budget per client across
    // every link and feed route (the default key is per handler, which multiplied the budget by the routes).
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ ttl: 60_000, limit: config.linkRateLimitPerMinute }],
        generateKey: (_context: unknown, tracker: string, throttler: string) => `links:${throttler}:${tracker}`,
      }),
    }),
  ],
  controllers: [ParticipantLinksController, FeedsController, PeopleFeedController],
  providers: [ParticipantLinksService, PersonalFeeds, LinkUploadGuard, ParticipantLinksRepository],
  exports: [ParticipantLinksService],
})
export class ParticipantLinksModule {}
