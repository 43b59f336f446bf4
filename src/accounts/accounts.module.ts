import { DynamicModule, Module } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuditService } from '../audit/audit.service';
import { AuthModule } from '../auth/auth.module';
import { SignInSessions } from '../auth/sign-in-sessions';
import { Clock } from '../time/clock';
import { WebModule } from '../web/web.module';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { FirstAdminNotice, NOTICES } from './first-admin-notice';
import { SessionCookies } from './session-cookies';
import { SignInController } from './sign-in.controller';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { StaffPeople } from '../auth/staff-people';
import { OidcController } from './oidc.controller';
import { OidcSignIn } from './oidc-sign-in';

/** Local accounts and sign-in sessions (the embedded default, no identity provider); the staff guard reads the sessions. */
@Module({})
export class AccountsModule {
  static register(notices: Writable = process.stdout): DynamicModule {
    return {
      module: AccountsModule,
      imports: [AuditModule, AuthModule, WebModule],
      controllers: [SignInController, OidcController],
      providers: [
        {
          provide: AccountsService,
          inject: [DataSource, AuditService, Clock],
          useFactory: (dataSource: DataSource, audit: AuditService, clock: Clock) =>
            new AccountsService(new AccountsRepository(dataSource), audit, clock),
        },
        {
          provide: OidcSignIn,
          inject: [APP_CONFIG, DataSource, StaffPeople, AuditService, Clock],
          useFactory: (
            config: AppConfig,
            dataSource: DataSource,
            people: StaffPeople,
            audit: AuditService,
            clock: Clock,
          ) =>
            config.oidcSignIn
              ? new OidcSignIn(
                  { ...config.oidcSignIn, redirectUri: `${config.publicUrl}/sign-in/callback` },
                  new AccountsRepository(dataSource),
                  people,
                  audit,
                  clock,
                )
              : null,
        },
        { provide: NOTICES, useValue: notices },
        FirstAdminNotice,
        { provide: SignInSessions, useClass: SessionCookies },
      ],
      exports: [AccountsService, SignInSessions],
    };
  }
}
