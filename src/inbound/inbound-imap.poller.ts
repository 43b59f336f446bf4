import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { runEvery } from '../scheduling/run-every';
import { InboundService } from './inbound.service';

/** What one pass did: messages applied (or recorded), set aside as too large, and whether it stopped on an error. */
export interface ImapPass {
  received: number;
  tooLarge: number;
}

/**
 * Polls the organiser mailbox over IMAP (INBOUND_IMAP_URL), every INBOUND_IMAP_INTERVAL_MS unless
 * SCHEDULER_ENABLED=false: each unseen message goes to InboundService as one from the SMTP listener would (same size
 * limit, same checks, same classification), and is flagged \Seen only after what it changed has committed. A crash
 * in between leaves it unseen: read again, its Message-ID makes it a duplicate and it changes nothing twice. A
 * message it cannot apply now (the database away) stays unseen and the pass stops, to be tried next time.
 */
@Injectable()
export class InboundImapPoller implements OnApplicationBootstrap {
  private readonly logger = new Logger(InboundImapPoller.name);
  private running: Promise<ImapPass> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inbound: InboundService,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const settings = this.config.inboundImap;
    if (!settings) return;
    runEvery(this.scheduler, { ...this.config, schedulerIntervalMs: settings.intervalMs }, 'inbound-imap-poll', () =>
      this.poll(),
    );
  }

  /** One pass over the unseen messages; a pass already running is joined, never doubled. */
  poll(): Promise<ImapPass> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<ImapPass> {
    const settings = this.config.inboundImap;
    const done: ImapPass = { received: 0, tooLarge: 0 };
    if (!settings) return done;
    const client = new ImapFlow({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: { user: settings.user, pass: settings.password },
      logger: false,
      // The poll asks the server for nothing it does not need (no IDLE between passes).
      disableAutoIdle: true,
    });
    client.on('error', (error: Error) => this.logger.warn({ err: { message: error.message } }, 'IMAP connection'));
    await client.connect();
    try {
      const lock = await client.getMailboxLock(settings.mailbox);
      try {
        const uids = (await client.search({ seen: false }, { uid: true })) || [];
        for (const uid of uids) {
          const message = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
          if (!message) continue;
          if ((message.size ?? 0) > settings.maxBytes) {
            // Left in the mailbox for a person, marked read so that it is not fetched on every pass.
            this.logger.warn({ uid, size: message.size, max: settings.maxBytes }, 'inbound message too big, left');
            await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
            done.tooLarge += 1;
            continue;
          }
          // `source` is fetched with BODY.PEEK[]: reading it does not mark it seen.
          const full = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
          if (!full || !full.source) continue;
          const parsed = await simpleParser(full.source, {
            skipHtmlToText: true,
            skipTextToHtml: true,
            skipTextLinks: true,
          });
          await this.inbound.receive(parsed, full.source.toString('utf8'), { via: 'imap' });
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
          done.received += 1;
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    if (done.received || done.tooLarge) this.logger.log(done, 'inbound IMAP poll');
    return done;
  }
}
