import { Inject, Injectable } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { NotifyClient } from 'notifications-node-client';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** What Notify said about a text: its id and status, or why it was refused. */
export interface SentSms {
  providerId: string | null;
  providerStatus: string | null;
}

/** A refusal that a retry cannot change (Notify's 400 and 403: a bad number, a bad key): FAILED at once. */
export class PermanentSmsError extends Error {}

/** Notify's statuses that are final: no more polling (https://docs.notifications.service.gov.uk "Status - text"). */
export const SETTLED_STATUSES = ['delivered', 'sent', 'permanent-failure', 'temporary-failure', 'technical-failure'];
export const FAILED_STATUSES = ['permanent-failure', 'temporary-failure', 'technical-failure'];

interface NotifyErrorShape {
  response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } };
  message?: string;
}

/** A phone number never reaches a log or `last_error`, even when Notify's message quotes it. */
const scrub = (text: string) => text.replace(/\+?\d[\d ()-]{5,}\d/g, '[number]').slice(0, 300);

/**
 * Sends texts through GOV.UK Notify (`NOTIFY_API_KEY`), or, without a key, writes each to `DATA_DIR/sms/<id>.txt`
 * as mail goes to `.eml`. Every text goes through one Notify template whose whole body is `((body))`
 * (`NOTIFY_SMS_TEMPLATE_ID`), so the words live here (templates/sms) with the emails', not in Notify's web page.
 *
 * At least once, never twice: the delivery id is the text's `reference`, and a retry first asks Notify for a text with
 * that reference (the attempt before may have been taken though its answer was lost) before it sends.
 */
@Injectable()
export class NotifySender {
  private readonly client: NotifyClient | null;
  private readonly dir: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const notify = config.sms?.notify;
    // The client takes the key's service id and secret from the key itself (its last 73 characters).
    this.client = notify ? new NotifyClient(notify.baseUrl, notify.apiKey) : null;
    this.dir = path.join(config.dataDir, 'sms');
  }

  get writesFiles(): boolean {
    return this.client === null;
  }

  /** `atRest`: the text with the personal link as a placeholder, for the file; `body` has the working link. */
  async send(to: string, body: string, reference: string, atRest: string): Promise<SentSms> {
    if (!this.client) {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
      await fs.chmod(this.dir, 0o700);
      const file = path.join(this.dir, `${reference.replace(/[^A-Za-z0-9-]/g, '_')}.txt`);
      await fs.writeFile(file, `To: ${to}\nReference: ${reference}\n\n${atRest}\n`, { mode: 0o600 });
      return { providerId: null, providerStatus: null };
    }
    const response = await this.call(() =>
      this.client!.sendSms(this.config.sms!.notify!.templateId, to, { personalisation: { body }, reference }),
    );
    return { providerId: response.data.id, providerStatus: 'created' };
  }

  /** The text an earlier attempt sent with this reference, if Notify has one (GET /v2/notifications?reference=). */
  async findByReference(reference: string): Promise<SentSms | null> {
    if (!this.client) return null;
    const response = await this.call(() => this.client!.getNotifications('sms', undefined, reference));
    const found = response.data.notifications.find((n) => n.reference === reference);
    return found ? { providerId: found.id, providerStatus: found.status } : null;
  }

  /** Notify's status for one text (GET /v2/notifications/:id). */
  async status(providerId: string): Promise<string> {
    const response = await this.call(() => this.client!.getNotificationById(providerId));
    return response.data.status;
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const e = error as NotifyErrorShape;
      const status = e.response?.status;
      const first = e.response?.data?.errors?.[0];
      const message = scrub(
        `Notify ${status ?? 'unreachable'}: ${first?.error ?? ''} ${first?.message ?? e.message ?? ''}`,
      );
      throw status === 400 || status === 403 ? new PermanentSmsError(message) : new Error(message);
    }
  }
}
