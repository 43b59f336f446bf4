import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../time/clock';
import { runEvery } from '../scheduling/run-every';
import { Composers } from './composers';
import { DeliveriesRepository } from './deliveries.repository';
import { Delivery } from './delivery.entity';
import type { OutgoingMail } from './rendering/invite-email';
import { MailTransport } from './mail-transport';
import { hasPersonalLink, insertPersonalLink } from './personal-link-at-send';

/** How many times a message is tried before it is FAILED (visible on the meeting, re-sendable by staff). */
export const MAX_ATTEMPTS = 8;
const BATCH = 100;
const DRAIN_LOOPS = 2;
const LEASE_MS = 2 * 60_000;

/**
 * Sends the outbox. Any number of instances may run: a batch is claimed with FOR UPDATE SKIP LOCKED and leased,
 * so no two instances hold the same row; a sender that dies leaves a lease that expires and the row is retried.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: DeliveriesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transport: MailTransport,
    private readonly composers: Composers,
    private readonly clock: Clock,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    runEvery(this.scheduler, this.config, 'delivery-worker', () => this.tick());
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /** One pass, never overlapping itself; resolves with how many messages were handled. */
  tick(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    if (!this.running) {
      this.running = this.drain()
        .catch((error: Error) => {
          this.logger.error({ err: { message: error.message } }, 'delivery pass failed');
          return 0;
        })
        .finally(() => (this.running = null));
    }
    return this.running;
  }

  /**
   * Sends everything due now. Two claim loops run side by side (SKIP LOCKED keeps their batches apart), so one
   * composes while the other waits on the relay and its closing UPDATE instead of the process idling at each batch's end.
   */
  async drain(): Promise<number> {
    const handled = await Promise.all(Array.from({ length: DRAIN_LOOPS }, () => this.drainLoop()));
    return handled.reduce((a, b) => a + b, 0);
  }

  private async drainLoop(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = await this.claim(BATCH);
      if (batch.length === 0 || this.stopped) return handled;
      const sent = (await Promise.all(batch.map((delivery) => this.deliver(delivery)))).filter(
        (o): o is Sent => o !== null,
      );
      await this.markSent(sent);
      handled += batch.length;
    }
  }

  private claim(limit: number): Promise<Delivery[]> {
    return this.deliveries.claim('email', limit, this.clock.now(), LEASE_MS);
  }

  /**
   * Compose (or reuse what a failed attempt stored) and send. A success is returned for the batch's one UPDATE;
   * a skip or a failure is recorded at once.
   */
  private async deliver(delivery: Delivery): Promise<Sent | null> {
    let mail = delivery.rendered;
    const alreadyStored = mail !== null;
    try {
      if (!mail) {
        const composer = this.composers.for(delivery.kind);
        if (!composer) throw new Error(`no composer for ${delivery.kind}`);
        mail = await composer(delivery, this.dataSource.manager);
        if (!mail) {
          await this.deliveries.markSkipped(delivery.id);
          return null;
        }
      }
      await this.transport.send(
        await this.withPersonalLink(mail, delivery),
        `<${delivery.id}@${this.config.mailFrom.split('@')[1]}>`,
        mail,
      );
      return { id: delivery.id, rendered: alreadyStored ? null : mail };
    } catch (error) {
      const failed = delivery.attempts >= MAX_ATTEMPTS;
      const backoff = this.config.deliveryRetryBaseMs * 2 ** (delivery.attempts - 1);
      await this.deliveries.markAttemptFailed(
        delivery.id,
        failed,
        String((error as Error).message ?? error).slice(0, 500),
        new Date(this.clock.now().getTime() + Math.min(backoff, 3_600_000)),
        // Kept, so the retry sends the very same message: same DTSTAMP, same SEQUENCE (INVITES.md C3, J5).
        mail && !alreadyStored ? mail : null,
      );
      this.logger.warn(
        { delivery: delivery.id, kind: delivery.kind, attempt: delivery.attempts, failed },
        'delivery attempt failed',
      );
      return null;
    }
  }

  /** The copy for the relay: the stored message keeps the placeholder, this one has the working link. */
  private async withPersonalLink(mail: OutgoingMail, delivery: Delivery): Promise<OutgoingMail> {
    if (!hasPersonalLink(mail)) return mail;
    const token = delivery.participantId
      ? await this.composers.personalLinkToken(delivery.participantId, this.dataSource.manager)
      : null;
    if (!token) throw new Error('the personal link of this message cannot be re-created');
    return insertPersonalLink(mail, token);
  }

  /** One UPDATE (one commit) for every message of the batch the relay accepted. */
  private async markSent(sent: Sent[]): Promise<void> {
    if (sent.length === 0) return;
    await this.deliveries.markSent(sent, this.clock.now());
  }
}

interface Sent {
  id: string;
  /** Set when this attempt composed the message, to keep it with the row. */
  rendered: OutgoingMail | null;
}
