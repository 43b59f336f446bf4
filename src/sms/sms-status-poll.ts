import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { runEvery } from '../scheduling/run-every';
import { Clock } from '../time/clock';
import { FAILED_STATUSES, NotifySender } from './notify-sender';
import { SmsRepository } from './sms.repository';

const BATCH = 100;
/** Notify keeps a text's status for 7 days; after that there is nothing to read back. */
const WATCH_MS = 7 * 24 * 3_600_000;
/** Asked again no sooner than this: a text settles within minutes, and Notify's rate limit is shared. */
const RECHECK_MS = 60_000;

/**
 * Reads back from Notify (GET /v2/notifications/:id) how each unsettled text got on, so the meeting shows
 * "delivered" or the failure per participant. A text the phone network refused is BOUNCED, like a returned email.
 */
@Injectable()
export class SmsStatusPoll implements OnApplicationBootstrap {
  private readonly logger = new Logger(SmsStatusPoll.name);

  constructor(
    private readonly texts: SmsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sender: NotifySender,
    private readonly clock: Clock,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.sms?.notify) runEvery(this.scheduler, this.config, 'sms-status-poll', () => this.poll());
  }

  /** One pass; returns how many texts changed status. Served by deliveries_sms_unsettled_idx. */
  async poll(): Promise<number> {
    if (this.sender.writesFiles) return 0;
    const now = this.clock.now();
    const due = await this.texts.unsettled(
      new Date(now.getTime() - WATCH_MS),
      new Date(now.getTime() - RECHECK_MS),
      BATCH,
    );
    let changed = 0;
    for (const row of due) {
      let status: string;
      try {
        status = await this.sender.status(row.provider_id);
      } catch (error) {
        this.logger.warn({ delivery: row.id, err: { message: (error as Error).message } }, 'text status not read');
        continue;
      }
      const failed = FAILED_STATUSES.includes(status);
      await this.texts.recordProviderStatus(row.id, status, now, failed, `Notify: ${status}`);
      if (status !== row.provider_status) changed += 1;
    }
    return changed;
  }
}
