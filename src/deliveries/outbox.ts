import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Clock } from '../time/clock';
import { CALENDAR_KINDS, Delivery, DeliveryStatus } from './delivery.entity';

export interface NewDelivery {
  meetingId: string;
  participantId?: string | null;
  sessionId?: string | null;
  kind: string;
  sequence?: number;
  /** Known at enqueue time: a participant without an email address is reached by the chair instead. */
  hasAddress?: boolean;
  dedupeKey?: string | null;
  payload?: Record<string, unknown>;
  notBefore?: Date;
}

const isCalendarKind = (kind: string) => (CALENDAR_KINDS as readonly string[]).includes(kind);

/**
 * The one way to send anything: rows written in the caller's transaction, so the change and the messages it
 * causes commit (or roll back) together. The delivery worker sends them later.
 */
@Injectable()
export class Outbox {
  constructor(private readonly clock: Clock) {}

  async enqueue(db: EntityManager, deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const now = this.clock.now();
    const rows: QueryDeepPartialEntity<Delivery>[] = [];
    for (const d of deliveries) {
      let kind = d.kind;
      if (isCalendarKind(kind) && d.participantId && d.sessionId) {
        // A newer calendar message for the same person and session makes an unsent older one pointless.
        const superseded: { kind: string }[] = await db.query(
          `UPDATE deliveries SET status = 'SUPERSEDED', updated_at = now()
            WHERE participant_id = $1 AND session_id = $2 AND status = 'PENDING' AND kind = ANY($3)
            RETURNING kind`,
          [d.participantId, d.sessionId, CALENDAR_KINDS],
        ).then(([result]) => result ?? []);
        // Someone who never received the first invite gets an invitation, not an "update".
        if (kind === 'UPDATE' && superseded.some((s) => s.kind === 'INVITE')) kind = 'INVITE';
      }
      const status: DeliveryStatus = d.hasAddress === false ? 'NO_EMAIL' : 'PENDING';
      rows.push({
        meetingId: d.meetingId,
        participantId: d.participantId ?? null,
        sessionId: d.sessionId ?? null,
        kind,
        sequence: d.sequence ?? 0,
        status,
        nextAttemptAt: d.notBefore ?? now,
        dedupeKey: d.dedupeKey ?? null,
        payload: (d.payload ?? {}) as QueryDeepPartialEntity<Record<string, unknown>>,
      });
    }
    await db.createQueryBuilder().insert().into(Delivery).values(rows).orIgnore().execute();
  }
}
