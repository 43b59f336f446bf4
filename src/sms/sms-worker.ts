import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Composers } from '../deliveries/composers';
import { MAX_ATTEMPTS } from '../deliveries/delivery-worker';
import { Delivery } from '../deliveries/delivery.entity';
import { PERSONAL_LINK_PLACEHOLDER } from '../deliveries/personal-link-at-send';
import { runEvery } from '../scheduling/run-every';
import { Clock } from '../time/clock';
import { NotifySender, PermanentSmsError, SentSms } from './notify-sender';
import { OutgoingSms, SmsComposer } from './sms-composer';
import { DeliveriesRepository } from '../deliveries/deliveries.repository';
import { SmsRepository } from './sms.repository';

const BATCH = 50;
const LEASE_MS = 2 * 60_000;

/**
 * Sends the outbox's texts (channel `sms`) as the delivery worker sends its mail: claimed with FOR UPDATE SKIP LOCKED
 * and leased, composed once and kept (`rendered`), retried with back-off. The delivery id is the text's Notify
 * `reference`, and a retry asks Notify for it before sending, so a lost answer does not become a second text.
 */
@Injectable()
export class SmsWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SmsWorker.name);
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly texts: SmsRepository,
    private readonly deliveries: DeliveriesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sender: NotifySender,
    private readonly composer: SmsComposer,
    private readonly composers: Composers,
    private readonly clock: Clock,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.sms) runEvery(this.scheduler, this.config, 'sms-worker', () => this.drain());
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /** Sends every text due now; never overlapping itself. Resolves with how many were handled. */
  drain(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.running ??= this.drainAll()
      .catch((error: Error) => {
        this.logger.error({ err: { message: error.message } }, 'text pass failed');
        return 0;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  private async drainAll(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = await this.claim();
      if (batch.length === 0 || this.stopped) return handled;
      for (const delivery of batch) await this.deliver(delivery);
      handled += batch.length;
    }
  }

  private claim(): Promise<Delivery[]> {
    return this.deliveries.claim('sms', BATCH, this.clock.now(), LEASE_MS);
  }

  private async deliver(delivery: Delivery): Promise<void> {
    let sms = delivery.rendered as unknown as OutgoingSms | null;
    const alreadyStored = sms !== null;
    try {
      sms ??= await this.composer.compose(delivery, this.dataSource.manager);
      if (!sms) {
        await this.deliveries.markSkipped(delivery.id);
        return;
      }
      const earlier = delivery.attempts > 1 ? await this.sender.findByReference(delivery.id) : null;
      const sent = earlier ?? (await this.send(sms, delivery));
      await this.markSent(delivery, sent, alreadyStored ? null : sms);
    } catch (error) {
      const failed = delivery.attempts >= MAX_ATTEMPTS || error instanceof PermanentSmsError;
      const backoff = this.config.deliveryRetryBaseMs * 2 ** (delivery.attempts - 1);
      await this.texts.markAttemptFailed(
        delivery.id,
        failed ? 'FAILED' : 'PENDING',
        String((error as Error).message ?? error).slice(0, 500),
        new Date(this.clock.now().getTime() + Math.min(backoff, 3_600_000)),
        this.clock.now(),
        sms && !alreadyStored ? JSON.stringify(sms) : null,
      );
      this.logger.warn(
        { delivery: delivery.id, kind: delivery.kind, attempt: delivery.attempts, failed },
        'text attempt failed',
      );
    }
  }

  /** The copy for Notify has the working personal link; the file and the stored copy keep the placeholder. */
  private async send(sms: OutgoingSms, delivery: Delivery): Promise<SentSms> {
    let body = sms.body;
    if (body.includes(PERSONAL_LINK_PLACEHOLDER) && !this.sender.writesFiles) {
      const token = await this.composers.personalLinkToken(delivery.participantId!, this.dataSource.manager);
      if (!token) throw new Error('the personal link of this text cannot be re-created');
      body = body.split(PERSONAL_LINK_PLACEHOLDER).join(token);
    }
    return this.sender.send(sms.to, body, delivery.id, sms.body);
  }

  private async markSent(delivery: Delivery, sent: SentSms, rendered: OutgoingSms | null): Promise<void> {
    const stored = rendered ? JSON.stringify(rendered) : null;
    await this.texts.markSent(delivery.id, this.clock.now(), sent.providerId, sent.providerStatus, stored);
  }
}
