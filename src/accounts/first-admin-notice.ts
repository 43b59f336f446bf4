import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AccountsService } from './accounts.service';

export const NOTICES = Symbol('notices');

/**
 * A fresh DATA_DIR has no account and no default password, ever: Quorum prints, once, a link valid for 24 hours that
 * creates the first administrator. Only its hash is stored, so it cannot be printed again; when it expires unused,
 * the next start prints a new one.
 */
@Injectable()
export class FirstAdminNotice implements OnApplicationBootstrap {
  constructor(
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(NOTICES) private readonly notices: Writable,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // With an identity provider, administrators are whom it gives the ADMIN role: a password account could not sign in.
    if (this.config.oidcSignIn) return;
    const token = await this.accounts.firstAdminLink();
    if (token)
      this.notices.write(
        `\nNo staff account yet. Create the first administrator within 24 hours at:\n  ${this.config.publicUrl}/account-link/${token}\n\n`,
      );
  }
}
