import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import nodemailer, { Transporter, TransportOptions } from 'nodemailer';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { OutgoingMail } from './rendering/invite-email';

/** Sends a composed message: over SMTP when `SMTP_URL` is set, otherwise as an `.eml` file in `DATA_DIR/mail`. */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter;
  private readonly mailDir: string | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.smtpUrl) {
      this.mailDir = null;
      this.transporter = nodemailer.createTransport({
        url: config.smtpUrl,
        pool: true,
        maxConnections: 4,
        maxMessages: 500,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
        ignoreTLS: config.smtpUrl.startsWith('smtp://') && /(127\.0\.0\.1|localhost)/.test(config.smtpUrl),
      } as TransportOptions);
    } else {
      this.mailDir = path.join(config.dataDir, 'mail');
      this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    }
  }

  /**
   * `messageId` is stable per delivery, so a message that is ever sent twice can be recognised as one.
   * Without a relay the message is only written to disk, which is "at rest": the file holds `atRest` (the
   * personal link as a placeholder), in a folder only this user can read (0700, files 0600).
   */
  async send(mail: OutgoingMail, messageId: string, atRest: OutgoingMail = mail): Promise<void> {
    if (!this.mailDir) {
      await this.transporter.sendMail({ ...mail, messageId });
      return;
    }
    const info = await this.transporter.sendMail({ ...atRest, messageId });
    await fs.mkdir(this.mailDir, { recursive: true, mode: 0o700 });
    await fs.chmod(this.mailDir, 0o700);
    const name = messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9@._-]/g, '_');
    // Written under a temporary name and renamed (as maildir delivers): whoever lists the folder sees a whole message
    // or none, never one half written.
    const file = path.join(this.mailDir, `${name}.eml`);
    await fs.writeFile(`${file}.tmp`, (info as unknown as { message: Buffer }).message, { mode: 0o600 });
    await fs.rename(`${file}.tmp`, file);
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
