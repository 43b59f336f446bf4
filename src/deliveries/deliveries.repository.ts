import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Delivery } from './delivery.entity';
import type { OutgoingMail } from './rendering/invite-email';

/**
 * The mail sender's SQL: claiming a batch of due email, and recording how each attempt went. Writing messages is the
 * outbox's own data access (outbox.ts), kept there so that every message goes in through the one `Outbox`.
 */
@Injectable()
export class DeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` messages of one channel (the email worker's, or the text worker's) due at `now`, and those
   * whose lease ran out, with FOR UPDATE SKIP LOCKED, leased for `leaseMs`, oldest first.
   */
  async claim(channel: 'email' | 'sms', limit: number, now: Date, leaseMs: number): Promise<Delivery[]> {
    // One statement: the claimed rows come back whole (RETURNING), not read again by id.
    const [rows] = await this.dataSource.query<[Delivery[], number]>(
      `WITH due AS (
         SELECT id FROM deliveries WHERE status = 'PENDING' AND next_attempt_at <= $2 AND channel = $3
          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
       ), abandoned AS (
         SELECT id FROM deliveries WHERE status = 'SENDING' AND lease_until < $2 AND channel = $3
          ORDER BY lease_until LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE deliveries d
          SET status = 'SENDING', lease_until = $2::timestamptz + interval '${leaseMs} milliseconds', attempts = d.attempts + 1, updated_at = $2
        WHERE d.id IN (SELECT id FROM due UNION ALL SELECT id FROM abandoned)
        RETURNING ${this.columns}`,
      [limit, now, channel],
    );
    return rows
      .map((row) => Object.assign(new Delivery(), row))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  /** Every column of a delivery `d`, named as the entity's properties. */
  private get columns(): string {
    return (this.cachedColumns ??= this.dataSource
      .getMetadata(Delivery)
      .columns.map((c) => `d.${c.databaseName} AS "${c.propertyName}"`)
      .join(', '));
  }

  private cachedColumns?: string;

  /** Nothing to send any more (the composer said so). */
  async markSkipped(id: string): Promise<void> {
    await this.dataSource
      .getRepository(Delivery)
      .update({ id, status: 'SENDING' }, { status: 'SKIPPED', leaseUntil: null });
  }

  /** A failed attempt: back to PENDING at `nextAttemptAt`, or FAILED; `rendered` kept when this attempt composed it. */
  async markAttemptFailed(
    id: string,
    failed: boolean,
    lastError: string,
    nextAttemptAt: Date,
    rendered: OutgoingMail | null,
  ): Promise<void> {
    await this.dataSource.getRepository(Delivery).update(
      { id, status: 'SENDING' },
      {
        status: failed ? 'FAILED' : 'PENDING',
        leaseUntil: null,
        lastError,
        nextAttemptAt,
        ...(rendered ? { rendered } : {}),
      },
    );
  }

  /** One UPDATE (one commit) for every message of a batch the relay accepted; `rendered` null where already kept. */
  async markSent(sent: { id: string; rendered: OutgoingMail | null }[], now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries d
          SET status = 'SENT', sent_at = $2, lease_until = NULL, last_error = NULL, updated_at = $2,
              rendered = coalesce(d.rendered, u.rendered)
         FROM unnest($1::uuid[], $3::jsonb[]) AS u(id, rendered)
        WHERE d.id = u.id AND d.status = 'SENDING'`,
      [sent.map((s) => s.id), now, sent.map((s) => (s.rendered ? JSON.stringify(s.rendered) : null))],
    );
  }
}
