import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { MediaTypeInterceptor } from './http/media-type';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { IdempotencyRepository } from './http/idempotency.repository';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfig } from './config/app-config';
import { Clock } from './time/clock';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import type { Writable } from 'node:stream';
import { LoggingModule } from './logging/logging.module';
import { AuthModule } from './auth/auth.module';
import { StaffAuthGuard } from './auth/staff-auth.guard';
import { HealthModule } from './health/health.module';
import { AuditTrailModule } from './audit-trail/audit-trail.module';
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
import { TimeModule } from './time/time.module';
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
        IdempotencyRepository,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        // Deny by default, on every route. Registered here, where both the bearer tokens (auth) and the sign-in
        // sessions (accounts) are imported, so that neither module has to import the other.
        { provide: APP_GUARD, useClass: StaffAuthGuard },
      ],
      imports: [
        ConfigModule.register(config),
        TimeModule.register(options.clock),
        LoggingModule.register(options.logDestination),
        DatabaseModule,
        ScheduleModule.forRoot(),
        AuthModule,
        AccountsModule.register(options.notices),
        HealthModule,
        AuditTrailModule,
        DirectoryModule,
        CasesModule,
        MeetingTypesModule,
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
