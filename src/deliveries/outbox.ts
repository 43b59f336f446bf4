import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared';
import { columnNames, UnnestColumn, unnestRows } from '../database/unnest';
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

/** What a follower is told of each message just written: enough to send the same news by another channel. */
export type FollowedDelivery = Pick<Delivery, 'id' | 'meetingId' | 'participantId' | 'sessionId' | 'kind' | 'sequence'>;

/** Runs in the enqueuing transaction with the rows just written: another channel's messages for the same change. */
export type OutboxFollower = (db: EntityManager, written: readonly FollowedDelivery[]) => Promise<void>;

/** A message as the outbox writes it. */
export interface DeliveryRow {
  id: string;
  meetingId: string;
  participantId: string | null;
  sessionId: string | null;
  kind: string;
  sequence: number;
  status: DeliveryStatus;
  nextAttemptAt: Date;
  dedupeKey: string | null;
  payload: Record<string, unknown>;
}

/** What every delivery row says, on either channel: which message, to whom, for which part, and its content. */
type DeliveryKey = Pick<
  DeliveryRow,
  'id' | 'meetingId' | 'participantId' | 'sessionId' | 'kind' | 'sequence' | 'payload'
>;

/** The columns every delivery insert writes (the email outbox's here, the texts' in sms.repository.ts). */
export function deliveryKeyColumns<Row extends DeliveryKey>(): UnnestColumn<Row>[] {
  return [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'meeting_id', type: 'uuid', value: (r) => r.meetingId },
    { name: 'participant_id', type: 'uuid', value: (r) => r.participantId },
    { name: 'session_id', type: 'uuid', value: (r) => r.sessionId },
    { name: 'kind', type: 'text', value: (r) => r.kind },
    { name: 'sequence', type: 'int', value: (r) => r.sequence },
    { name: 'payload', type: 'jsonb', value: (r) => JSON.stringify(r.payload) },
  ];
}

const DELIVERY_COLUMNS: readonly UnnestColumn<DeliveryRow>[] = [
  ...deliveryKeyColumns<DeliveryRow>(),
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'next_attempt_at', type: 'timestamptz', value: (r) => r.nextAttemptAt },
  { name: 'dedupe_key', type: 'text', value: (r) => r.dedupeKey },
];

/**
 * The outbox's INSERT, its parameters numbered from `first`: one statement, one array per column (a booking writes
 * 22 rows; the query builder's SQL for them cost more than the round trip). A row whose dedupe key is already taken
 * is skipped.
 */
export function deliveriesInsert(rows: DeliveryRow[], first: number): { sql: string; params: unknown[] } {
  const u = unnestRows(rows, DELIVERY_COLUMNS, first);
  return {
    sql: `INSERT INTO deliveries (${columnNames(DELIVERY_COLUMNS)}) SELECT * FROM ${u.sql} ON CONFLICT DO NOTHING`,
    params: u.params,
  };
}

const isCalendarKind = (kind: string) => (CALENDAR_KINDS as readonly string[]).includes(kind);

/**
 * The one way to send anything: rows written in the caller's transaction, so the change and the messages it
 * causes commit (or roll back) together. The delivery worker sends them later. Its SQL stays here, as the outbox's
 * own data access, rather than in deliveries.repository.ts: writing a message only ever happens through this class.
 */
@Injectable()
export class Outbox {
  constructor(private readonly clock: Clock) {}

  private readonly followers: OutboxFollower[] = [];

  /** Texts (src/sms) follow the calendar messages enqueued here, so every booking, change and cancellation sends both. */
  follow(follower: OutboxFollower): void {
    this.followers.push(follower);
  }

  /**
   * Returns the rows as written (for an answer built without reading them back).
   * `newRecipients`: every participant named was created in the caller's transaction, so nothing unsent can exist for
   * them and the supersede UPDATE is skipped (booking: 22 pairs that can never match).
   */
  async enqueue(
    db: EntityManager,
    deliveries: NewDelivery[],
    opts: { newRecipients?: boolean } = {},
  ): Promise<Delivery[]> {
    if (deliveries.length === 0) return [];
    const superseded = opts.newRecipients ? new Set<string>() : await this.supersedeUnsent(db, deliveries);
    const rows = this.rows(deliveries, superseded);
    const insert = deliveriesInsert(rows, 1);
    await db.query(insert.sql, insert.params);
    return this.written(db, rows);
  }

  /**
   * The rows `enqueue` writes, for a caller that writes them in a statement of its own with `deliveriesInsert` (a
   * booking: all its rows in one statement) and then hands them to `written`, in the same transaction.
   */
  rows(deliveries: NewDelivery[], superseded: Set<string> = new Set()): DeliveryRow[] {
    const now = this.clock.now();
    return deliveries.map((d) => {
      // Someone who never received the first invite gets an invitation, not an "update".
      const replacedInvite = superseded.has(`${d.participantId}:${d.sessionId}`);
      const kind = d.kind === 'UPDATE' && replacedInvite ? 'INVITE' : d.kind;
      const status: DeliveryStatus = d.hasAddress === false ? 'NO_EMAIL' : 'PENDING';
      return {
        id: randomUUID(),
        meetingId: d.meetingId,
        participantId: d.participantId ?? null,
        sessionId: d.sessionId ?? null,
        kind,
        sequence: d.sequence ?? 0,
        status,
        nextAttemptAt: d.notBefore ?? now,
        dedupeKey: d.dedupeKey ?? null,
        payload: d.payload ?? {},
      };
    });
  }

  /** The rows as written, after the other channels' followers have enqueued theirs (texts). */
  async written(db: EntityManager, rows: DeliveryRow[]): Promise<Delivery[]> {
    const now = this.clock.now();
    // Assigned field by field (no spread copy in between): a booking hands over one row per person and session.
    const written = rows.map((row) => {
      const delivery = Object.assign(new Delivery(), row);
      delivery.attempts = 0;
      delivery.leaseUntil = null;
      delivery.sentAt = null;
      delivery.lastError = null;
      delivery.rendered = null;
      delivery.createdAt = now;
      delivery.updatedAt = now;
      return delivery;
    });
    for (const follower of this.followers) await follower(db, written);
    return written;
  }

  /**
   * Enqueues what a SELECT yields, in one INSERT … SELECT (a sweep's messages, found and written in one statement).
   * `select` gives the columns `meeting_id, participant_id, kind, has_address, dedupe_key, payload`; its parameters
   * number from $1. `gate`: a boolean SQL expression evaluated once before anything is read (e.g. an advisory lock):
   * false, nothing is read or written. A row whose dedupe key is taken is skipped (not even tried: a sweep finds the
   * same keys again every tick until its window passes). Returns what the followers were told of the rows written
   * (the whole rows would be parsed for nothing: 200 of them were a fifth of a sweep's tick).
   */
  async enqueueSelected(
    db: EntityManager,
    select: { sql: string; params: unknown[] },
    gate = 'true',
  ): Promise<FollowedDelivery[]> {
    const now = this.clock.now();
    const at = select.params.length + 1;
    // The same text every tick (its bounds are parameters): prepared, and planned once for any bounds.
    const written = await preparedQuery<FollowedDelivery>(
      db,
      `INSERT INTO deliveries (meeting_id, participant_id, kind, status, next_attempt_at, dedupe_key, payload)
       SELECT due.meeting_id, due.participant_id, due.kind, CASE WHEN due.has_address THEN 'PENDING' ELSE 'NO_EMAIL' END,
              $${at}::timestamptz, due.dedupe_key, due.payload
         FROM (${select.sql}) due
        WHERE (SELECT ${gate}) AND NOT EXISTS (SELECT 1 FROM deliveries x WHERE x.dedupe_key = due.dedupe_key)
       ON CONFLICT DO NOTHING
       RETURNING id, meeting_id AS "meetingId", participant_id AS "participantId", session_id AS "sessionId", kind, sequence`,
      [...select.params, now],
      { genericPlan: true },
    );
    for (const follower of this.followers) await follower(db, written);
    return written;
  }

  /**
   * Messages about the meeting not yet sent and no longer wanted: all of them (a cancellation), or, with
   * `deadlineOtherThan`, the reminders and packs armed for an earlier pre-read deadline (the sweep re-arms them).
   */
  async supersedePending(db: EntityManager, meetingId: string, opts: { deadlineOtherThan?: Date } = {}): Promise<void> {
    if (opts.deadlineOtherThan) {
      await db.query(
        `UPDATE deliveries SET status = 'SUPERSEDED', updated_at = $3
          WHERE meeting_id = $1 AND status = 'PENDING' AND payload ? 'deadline' AND (payload->>'deadline')::timestamptz <> $2`,
        [meetingId, opts.deadlineOtherThan, this.clock.now()],
      );
      return;
    }
    await db.query(
      `UPDATE deliveries SET status = 'SUPERSEDED', updated_at = $2 WHERE meeting_id = $1 AND status = 'PENDING'`,
      [meetingId, this.clock.now()],
    );
  }

  /**
   * A newer calendar message for the same person and session makes an unsent older one pointless: one set-based
   * UPDATE (served by deliveries_pending_recipient_idx). Returns the pairs whose unsent message was an INVITE.
   */
  private async supersedeUnsent(db: EntityManager, deliveries: NewDelivery[]): Promise<Set<string>> {
    const pairs = deliveries.filter((d) => isCalendarKind(d.kind) && d.participantId && d.sessionId);
    if (pairs.length === 0) return new Set();
    const [rows] = await db.query<[{ participant_id: string; session_id: string; kind: string }[], number]>(
      `UPDATE deliveries d SET status = 'SUPERSEDED', updated_at = $4
         FROM unnest($1::uuid[], $2::uuid[]) AS pair(participant_id, session_id)
        WHERE d.participant_id = pair.participant_id AND d.session_id = pair.session_id
          AND d.status = 'PENDING' AND d.kind = ANY($3)
        RETURNING d.participant_id, d.session_id, d.kind`,
      [pairs.map((d) => d.participantId), pairs.map((d) => d.sessionId), CALENDAR_KINDS, this.clock.now()],
    );
    return new Set(rows.filter((r) => r.kind === 'INVITE').map((r) => `${r.participant_id}:${r.session_id}`));
  }
}
