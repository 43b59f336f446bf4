import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { resolveJwtSecret } from './jwt-secret';
import { OidcTokens } from './oidc-tokens';
import { StaffPeople } from './staff-people';
import { StaffPeopleRepository } from './staff-people.repository';
import { StaffTokens } from './staff-tokens';

/**
 * Bearer tokens and the people they name. The guard (`StaffAuthGuard`) is registered by the app module, which also
 * imports the sign-in sessions it reads (src/accounts): auth itself depends on no feature.
 */
@Module({
  providers: [
    {
      provide: StaffTokens,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new StaffTokens(resolveJwtSecret(config), config.oidc ? new OidcTokens(config.oidc) : null),
    },
    StaffPeople,
    StaffPeopleRepository,
  ],
  exports: [StaffTokens, StaffPeople],
})
export class AuthModule {}
