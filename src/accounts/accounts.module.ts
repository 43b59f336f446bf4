import { DynamicModule, Module } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuditService } from '../audit/audit.service';
import { SignInSessions } from '../auth/sign-in-sessions';
import { Clock } from '../time/clock';
import { WebModule } from '../web/web.module';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { FirstAdminNotice, NOTICES } from './first-admin-notice';
import { SessionCookies } from './session-cookies';
import { SignInController } from './sign-in.controller';

/** Local accounts and sign-in sessions (the embedded default, no identity provider); the staff guard reads the sessions. */
@Module({})
export class AccountsModule {
  static register(notices: Writable = process.stdout): DynamicModule {
    return {
      module: AccountsModule,
      imports: [AuditModule, WebModule],
      controllers: [SignInController],
      providers: [
        {
          provide: AccountsService,
          inject: [DataSource, AuditService, Clock],
          useFactory: (dataSource: DataSource, audit: AuditService, clock: Clock) =>
            new AccountsService(new AccountsRepository(dataSource), audit, clock),
        },
        { provide: NOTICES, useValue: notices },
        FirstAdminNotice,
        { provide: SignInSessions, useClass: SessionCookies },
      ],
      exports: [AccountsService, SignInSessions],
    };
  }
}
