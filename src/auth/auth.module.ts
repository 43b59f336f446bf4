import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { resolveJwtSecret } from './jwt-secret';
import { StaffAuthGuard } from './staff-auth.guard';
import { OidcTokens } from './oidc-tokens';
import { StaffPeople } from './staff-people';
import { StaffTokens } from './staff-tokens';

@Global()
@Module({
  providers: [
    {
      provide: StaffTokens,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new StaffTokens(resolveJwtSecret(config), config.oidc ? new OidcTokens(config.oidc) : null),
    },
    StaffPeople,
    { provide: APP_GUARD, useClass: StaffAuthGuard },
  ],
  exports: [StaffTokens, StaffPeople],
})
export class AuthModule {}
