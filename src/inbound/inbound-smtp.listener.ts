import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { InboundService } from './inbound.service';

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/**
 * An SMTP server that the council's mail system forwards the organiser mailbox (MAIL_FROM) to, started only when
 * INBOUND_SMTP_PORT is set. It accepts mail for that mailbox alone and never passes anything on: every message ends
 * in InboundService, and the sender is answered 250 only once what it changed has committed (451 otherwise, so the
 * sending server tries again).
 */
@Injectable()
export class InboundSmtpListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InboundSmtpListener.name);
  private server: SMTPServer | null = null;
  /** The port it listens on (INBOUND_SMTP_PORT=0 picks a free one), or null when off. */
  port: number | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inbound: InboundService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.config.inbound;
    if (!settings) return;
    const server = new SMTPServer({
      banner: 'Quorum inbound mail',
      size: settings.maxBytes,
      // Deliveries from the council's mail system: no sign-in, and no TLS on this hop (loopback or a private network).
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      maxClients: 20,
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (settings.recipients.includes(address.address.toLowerCase())) return callback();
        callback(smtpError(550, '5.7.1 Relaying denied: this server only receives the organiser mailbox'));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const tooLarge = (stream as typeof stream & { sizeExceeded?: boolean }).sizeExceeded;
          if (tooLarge)
            return callback(
              smtpError(552, `5.3.4 Message too big for this server (${settings.maxBytes} bytes at most)`),
            );
          const message = Buffer.concat(chunks);
          const raw = message.toString('utf8');
          simpleParser(message, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true })
            .then((parsed) =>
              this.inbound.receive(parsed, raw, {
                via: 'smtp',
                ip: session.remoteAddress,
                helo: session.hostNameAppearsAs ?? null,
                sender: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              }),
            )
            .then(() => callback())
            .catch((error: Error) => {
              this.logger.error({ err: { message: error.message } }, 'inbound message not processed');
              callback(smtpError(451, '4.3.0 Could not process the message now, try again later'));
            });
        });
      },
    });
    server.on('error', (error) => this.logger.error({ err: { message: error.message } }, 'inbound SMTP server error'));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(settings.smtpPort, settings.smtpHost, () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    this.logger.log({ host: settings.smtpHost, port: this.port }, 'inbound SMTP listening');
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
