import { Module } from '@nestjs/common';
import { resolveJwtSecret } from '../auth/jwt-secret';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { LinkTokens } from './link-tokens';

/**
 * Personal-link and feed tokens, under the server's secret: booking issues them (meetings), the links and feeds
 * check them (participant-links), the delivery worker re-creates them for an email. A module of their own so that
 * none of those features has to import another for them.
 */
@Module({
  providers: [
    {
      provide: LinkTokens,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LinkTokens(resolveJwtSecret(config)),
    },
  ],
  exports: [LinkTokens],
})
export class LinkTokensModule {}
