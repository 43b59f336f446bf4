import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CALENDAR_KINDS } from '../deliveries/delivery.entity';
import { FollowedDelivery, Outbox } from '../deliveries/outbox';
import { Clock } from '../time/clock';
import { remindersFor } from './sms-reminders';
import { NewSmsRow, SmsRepository } from './sms.repository';

export { TEXTED_PERSON_SQL } from './sms.repository';

/**
 * Every calendar message the outbox enqueues is followed, in the same transaction, by a text for those who get
 * texts: an invite, a change or a cancellation. An invite or a change also arms the two reminders for the session's
 * (new) time; anything unsent about the same person and session is superseded first, so a moved session is never
 * reminded at its old time and a cancelled one never at all.
 */
@Injectable()
export class SmsOutbox implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly texts: SmsRepository,
  ) {}

  onModuleInit(): void {
    if (this.config.sms) this.outbox.follow((db, written) => this.follow(db, written));
  }

  async follow(db: EntityManager, written: readonly FollowedDelivery[]): Promise<void> {
    const calendar = written.filter(
      (d) => (CALENDAR_KINDS as readonly string[]).includes(d.kind) && d.participantId && d.sessionId,
    );
    if (calendar.length === 0) return;
    const texted = await this.texts.texted(
      calendar.map((d) => d.participantId!),
      calendar.map((d) => d.sessionId!),
      db,
    );
    if (texted.length === 0) return;
    const startOf = new Map(texted.map((t) => [`${t.participant_id}:${t.session_id}`, new Date(t.starts_at)]));
    const mine = calendar.filter((d) => startOf.has(`${d.participantId}:${d.sessionId}`));
    const unsentInvites = await this.supersedeUnsent(db, mine);
    const now = this.clock.now();
    const rows: Omit<NewSmsRow, 'id'>[] = [];
    for (const d of mine) {
      const key = `${d.participantId}:${d.sessionId}`;
      // Someone whose first text never went gets an invitation, not "has changed".
      const kind = d.kind === 'UPDATE' && unsentInvites.has(key) ? 'INVITE' : d.kind;
      const base = {
        meetingId: d.meetingId,
        participantId: d.participantId!,
        sessionId: d.sessionId!,
        sequence: d.sequence,
      };
      rows.push({ ...base, kind: `SMS_${kind}`, notBefore: now, payload: {} });
      if (kind !== 'INVITE' && kind !== 'UPDATE') continue;
      const startsAt = startOf.get(key)!;
      for (const r of remindersFor(startsAt, now))
        rows.push({
          ...base,
          kind: 'SMS_REMINDER',
          notBefore: r.notBefore,
          payload: { sessionStartsAt: startsAt.toISOString(), hoursBefore: r.hoursBefore },
        });
    }
    await this.texts.insertTexts(
      rows.map((r) => ({ ...r, id: randomUUID() })),
      db,
    );
  }

  /**
   * A person chose texts on their page (or stopped them): for this participant's sessions still ahead, the invitation
   * by text and the reminders are armed, or what is unsent is superseded. Nothing when texts are off.
   */
  async choiceChanged(db: EntityManager, participantId: string, on: boolean): Promise<number> {
    if (!this.config.sms) return 0;
    const now = this.clock.now();
    const ahead = await this.texts.sessionsAhead(participantId, now, db);
    await this.texts.supersedeUnsent(
      ahead.map(() => participantId),
      ahead.map((s) => s.session_id),
      now,
      db,
    );
    if (!on) return 0;
    const rows: NewSmsRow[] = [];
    for (const s of ahead) {
      const base = { meetingId: s.meeting_id, participantId, sessionId: s.session_id, sequence: s.sequence };
      rows.push({ ...base, id: randomUUID(), kind: 'SMS_INVITE', notBefore: now, payload: {} });
      for (const r of remindersFor(new Date(s.starts_at), now))
        rows.push({
          ...base,
          id: randomUUID(),
          kind: 'SMS_REMINDER',
          notBefore: r.notBefore,
          payload: { sessionStartsAt: new Date(s.starts_at).toISOString(), hoursBefore: r.hoursBefore },
        });
    }
    await this.texts.insertTexts(rows, db);
    return rows.length;
  }

  /** Returns the pairs whose unsent text was the invitation. */
  private async supersedeUnsent(db: EntityManager, deliveries: readonly FollowedDelivery[]): Promise<Set<string>> {
    const rows = await this.texts.supersedeUnsent(
      deliveries.map((d) => d.participantId),
      deliveries.map((d) => d.sessionId),
      this.clock.now(),
      db,
    );
    return new Set(rows.filter((r) => r.kind === 'SMS_INVITE').map((r) => `${r.participant_id}:${r.session_id}`));
  }
}
