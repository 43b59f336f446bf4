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

  /** Returns the rows as written (for an answer built without reading them back). */
  async enqueue(db: EntityManager, deliveries: NewDelivery[]): Promise<Delivery[]> {
    if (deliveries.length === 0) return [];
    const now = this.clock.now();
    const superseded = await this.supersedeUnsent(db, deliveries);
    const rows: QueryDeepPartialEntity<Delivery>[] = deliveries.map((d) => {
      // Someone who never received the first invite gets an invitation, not an "update".
      const replacedInvite = superseded.has(`${d.participantId}:${d.sessionId}`);
      const kind = d.kind === 'UPDATE' && replacedInvite ? 'INVITE' : d.kind;
      const status: DeliveryStatus = d.hasAddress === false ? 'NO_EMAIL' : 'PENDING';
      return {
        meetingId: d.meetingId,
        participantId: d.participantId ?? null,
        sessionId: d.sessionId ?? null,
        kind,
        sequence: d.sequence ?? 0,
        status,
        nextAttemptAt: d.notBefore ?? now,
        dedupeKey: d.dedupeKey ?? null,
        payload: (d.payload ?? {}) as QueryDeepPartialEntity<Record<string, unknown>>,
      };
    });
    await db.createQueryBuilder().insert().into(Delivery).values(rows).orIgnore().execute();
    return rows.map((row) => db.create(Delivery, { ...(row as Partial<Delivery>), attempts: 0, sentAt: null, lastError: null, createdAt: now, updatedAt: now }));
  }

  /**
   * A newer calendar message for the same person and session makes an unsent older one pointless: one set-based
   * UPDATE (served by deliveries_pending_recipient_idx). Returns the pairs whose unsent message was an INVITE.
   */
  private async supersedeUnsent(db: EntityManager, deliveries: NewDelivery[]): Promise<Set<string>> {
    const pairs = deliveries.filter((d) => isCalendarKind(d.kind) && d.participantId && d.sessionId);
    if (pairs.length === 0) return new Set();
    const [rows] = (await db.query(
      `UPDATE deliveries d SET status = 'SUPERSEDED', updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[]) AS pair(participant_id, session_id)
        WHERE d.participant_id = pair.participant_id AND d.session_id = pair.session_id
          AND d.status = 'PENDING' AND d.kind = ANY($3)
        RETURNING d.participant_id, d.session_id, d.kind`,
      [pairs.map((d) => d.participantId), pairs.map((d) => d.sessionId), CALENDAR_KINDS],
    )) as [{ participant_id: string; session_id: string; kind: string }[], number];
    return new Set(rows.filter((r) => r.kind === 'INVITE').map((r) => `${r.participant_id}:${r.session_id}`));
  }
}
