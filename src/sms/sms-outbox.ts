import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CALENDAR_KINDS, Delivery } from '../deliveries/delivery.entity';
import { Outbox } from '../deliveries/outbox';
import { Clock } from '../time/clock';
import { remindersFor } from './sms-reminders';

interface Texted {
  participant_id: string;
  session_id: string;
  starts_at: Date;
}

interface SmsRow {
  meetingId: string;
  participantId: string;
  sessionId: string;
  kind: string;
  sequence: number;
  notBefore: Date;
  payload: Record<string, unknown>;
}

/**
 * Who gets texts: a participant with a phone and no email address, or one who asked for texts. Exported for the
 * checklist and the chair's tasks, so that all three agree.
 */
export const TEXTED_PERSON_SQL = `pe.phone IS NOT NULL AND (pe.email IS NULL OR pe.prefers_texts)`;

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
  ) {}

  onModuleInit(): void {
    if (this.config.sms) this.outbox.follow((db, written) => this.follow(db, written));
  }

  async follow(db: EntityManager, written: Delivery[]): Promise<void> {
    const calendar = written.filter(
      (d) => (CALENDAR_KINDS as readonly string[]).includes(d.kind) && d.participantId && d.sessionId,
    );
    if (calendar.length === 0) return;
    const texted = await db.query<Texted[]>(
      `SELECT k.participant_id, k.session_id, s.starts_at
         FROM unnest($1::uuid[], $2::uuid[]) AS k(participant_id, session_id)
         JOIN participants p ON p.id = k.participant_id
         JOIN people pe ON pe.id = p.person_id
         JOIN meeting_sessions s ON s.id = k.session_id
        WHERE ${TEXTED_PERSON_SQL}`,
      [calendar.map((d) => d.participantId), calendar.map((d) => d.sessionId)],
    );
    if (texted.length === 0) return;
    const startOf = new Map(texted.map((t) => [`${t.participant_id}:${t.session_id}`, new Date(t.starts_at)]));
    const mine = calendar.filter((d) => startOf.has(`${d.participantId}:${d.sessionId}`));
    const unsentInvites = await this.supersedeUnsent(db, mine);
    const now = this.clock.now();
    const rows: SmsRow[] = [];
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
    await db.query(
      `INSERT INTO deliveries (id, channel, meeting_id, participant_id, session_id, kind, sequence, status, next_attempt_at, payload)
       SELECT u.id, 'sms', u.meeting_id, u.participant_id, u.session_id, u.kind, u.sequence, 'PENDING', u.not_before, u.payload
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::int[], $7::timestamptz[], $8::jsonb[])
           AS u(id, meeting_id, participant_id, session_id, kind, sequence, not_before, payload)`,
      [
        rows.map(() => randomUUID()),
        rows.map((r) => r.meetingId),
        rows.map((r) => r.participantId),
        rows.map((r) => r.sessionId),
        rows.map((r) => r.kind),
        rows.map((r) => r.sequence),
        rows.map((r) => r.notBefore),
        rows.map((r) => JSON.stringify(r.payload)),
      ],
    );
  }

  /** Returns the pairs whose unsent text was the invitation. */
  private async supersedeUnsent(db: EntityManager, deliveries: Delivery[]): Promise<Set<string>> {
    const rows = await db.query<[{ participant_id: string; session_id: string; kind: string }[], number]>(
      `UPDATE deliveries d SET status = 'SUPERSEDED', updated_at = $3
         FROM unnest($1::uuid[], $2::uuid[]) AS pair(participant_id, session_id)
        WHERE d.participant_id = pair.participant_id AND d.session_id = pair.session_id
          AND d.channel = 'sms' AND d.status = 'PENDING'
        RETURNING d.participant_id, d.session_id, d.kind`,
      [deliveries.map((d) => d.participantId), deliveries.map((d) => d.sessionId), this.clock.now()],
    );
    return new Set(rows[0].filter((r) => r.kind === 'SMS_INVITE').map((r) => `${r.participant_id}:${r.session_id}`));
  }
}
