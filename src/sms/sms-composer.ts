import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { Delivery, SmsKind } from '../deliveries/delivery.entity';
import { PERSONAL_LINK_PLACEHOLDER } from '../deliveries/personal-link-at-send';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { londonDateTime } from '../templates/london-format';
import { TemplateRenderer } from '../templates/template-renderer';
import { clip, toGsm } from './sms-text';
import { SmsRepository, SmsSubjectRow } from './sms.repository';

/** A text as composed: the number and the words, the personal link still a placeholder (stored and written so). */
export interface OutgoingSms {
  to: string;
  body: string;
}

const TEMPLATES: Record<SmsKind, string> = {
  SMS_INVITE: 'sms/invite.txt',
  SMS_REMINDER: 'sms/invite.txt',
  SMS_UPDATE: 'sms/update.txt',
  SMS_CANCEL: 'sms/cancel.txt',
  SMS_UNINVITE: 'sms/uninvite.txt',
};

/**
 * Writes a text from the meeting as it is now, like the invite composer: no child's or family member's name (a
 * text is read on a lock screen), the meeting type in words, the time in London, how to join by phone and the
 * personal link. Null: nothing to send any more (no phone, left the session, a reminder for a time that moved).
 */
@Injectable()
export class SmsComposer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rules: MeetingRules,
    private readonly renderer: TemplateRenderer,
    private readonly texts: SmsRepository,
  ) {}

  async compose(delivery: Delivery, db: EntityManager): Promise<OutgoingSms | null> {
    if (!delivery.participantId || !delivery.sessionId) return null;
    const row = await this.texts.subject(delivery.participantId, delivery.sessionId, db);
    if (!row?.phone) return null;
    const kind = delivery.kind as SmsKind;
    const stillInvited = !row.removed_at && row.status === 'SCHEDULED' && row.session_ids.includes(delivery.sessionId);
    if ((kind === 'SMS_INVITE' || kind === 'SMS_UPDATE' || kind === 'SMS_REMINDER') && !stillInvited) return null;
    if (kind === 'SMS_REMINDER' && !this.reminderStillDue(delivery, new Date(row.starts_at))) return null;
    return { to: row.phone, body: this.body(kind, row, delivery) };
  }

  /** A reminder armed for a start that has since moved is not sent: the change re-armed it for the new time. */
  private reminderStillDue(delivery: Delivery, startsAt: Date): boolean {
    const armedFor = delivery.payload.sessionStartsAt;
    return typeof armedFor === 'string' && new Date(armedFor).getTime() === startsAt.getTime();
  }

  private body(kind: SmsKind, row: SmsSubjectRow, delivery: Delivery): string {
    const hoursBefore = Number(delivery.payload.hoursBefore);
    const text = this.renderer.render(TEMPLATES[kind], {
      typeLabel: this.rules.of(row.type).label,
      part: row.session_count > 1 ? { index: row.position + 1, count: row.session_count } : null,
      when: londonDateTime(new Date(row.starts_at)),
      reminder: kind === 'SMS_REMINDER' ? (hoursBefore >= 24 ? 'tomorrow' : 'in 1 hour') : null,
      dialIn: row.dial_in_number,
      pin: row.access_code,
      venue: clip(row.venue, 80),
      videoUrl: clip(row.video_url, 100),
      personalUrl: `${this.config.publicUrl}/p/${PERSONAL_LINK_PLACEHOLDER}`,
    });
    return toGsm(text.trim().replace(/\n{2,}/g, '\n'));
  }
}
