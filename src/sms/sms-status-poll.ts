import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { runEvery } from '../scheduling/run-every';
import { Clock } from '../time/clock';
import { FAILED_STATUSES, NotifySender } from './notify-sender';

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
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const due = await this.dataSource.query<{ id: string; provider_id: string; provider_status: string | null }[]>(
      `SELECT id, provider_id, provider_status FROM deliveries
        WHERE channel = 'sms' AND status = 'SENT' AND provider_id IS NOT NULL
          AND coalesce(provider_status, 'created') IN ('created', 'sending', 'pending', 'accepted')
          AND sent_at > $1 AND (provider_checked_at IS NULL OR provider_checked_at < $2)
        ORDER BY provider_checked_at NULLS FIRST LIMIT $3`,
      [new Date(now.getTime() - WATCH_MS), new Date(now.getTime() - RECHECK_MS), BATCH],
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
      await this.dataSource.query(
        `UPDATE deliveries SET provider_status = $2, provider_checked_at = $3, updated_at = $3,
                status = CASE WHEN $4 THEN 'BOUNCED' ELSE status END,
                last_error = CASE WHEN $4 THEN $5 ELSE last_error END
          WHERE id = $1`,
        [row.id, status, now, failed, `Notify: ${status}`],
      );
      if (status !== row.provider_status) changed += 1;
    }
    return changed;
  }
}
