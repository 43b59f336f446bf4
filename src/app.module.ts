import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MediaTypeInterceptor } from './http/media-type';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfig } from './config/app-config';
import { Clock } from './time/clock';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import type { Writable } from 'node:stream';
import { LoggingModule } from './logging/logging.module';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { AuditModule } from './audit/audit.module';
import { AccessModule } from './access/access.module';
import { DirectoryModule } from './directory/directory.module';
import { CasesModule } from './cases/cases.module';
import { MeetingTypesModule } from './meeting-types/meeting-types.module';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { MeetingsModule } from './meetings/meetings.module';
import { ParticipantLinksModule } from './participant-links/participant-links.module';
import { PrereadsModule } from './prereads/prereads.module';
import { MinutesModule } from './minutes/minutes.module';
import { ReportsModule } from './reports/reports.module';
import { InboundModule } from './inbound/inbound.module';
import { SmsModule } from './sms/sms.module';
import { AccountsModule } from './accounts/accounts.module';
import { WebModule } from './web/web.module';
import { StaffPagesModule } from './staff-pages/staff-pages.module';

/** What tests may replace: the clock, so that deadlines and sweeps can be driven. */
export interface AppOptions {
  clock?: Clock;
  /** Where the JSON logs go instead of standard output. */
  logDestination?: Writable;
  /** Where the one-time first-administrator link is printed (standard output unless a test reads it). */
  notices?: Writable;
}

@Module({})
export class AppModule {
  static register(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      providers: [
        { provide: APP_INTERCEPTOR, useClass: MediaTypeInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      imports: [
        ConfigModule.register(config),
        LoggingModule.register(options.logDestination),
        DatabaseModule,
        ScheduleModule.forRoot(),
        AuthModule,
        WebModule,
        AccountsModule.register(options.notices),
        HealthModule,
        AuditModule,
        AccessModule,
        DirectoryModule,
        CasesModule,
        MeetingTypesModule.register(options.clock),
        DeliveriesModule,
        MeetingsModule,
        PrereadsModule,
        MinutesModule,
        ReportsModule,
        ParticipantLinksModule,
        InboundModule,
        SmsModule,
        StaffPagesModule,
      ],
    };
  }
}
