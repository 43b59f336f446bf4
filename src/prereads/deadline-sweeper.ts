import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../time/clock';
import { runEvery } from '../scheduling/run-every';

/**
 * Reminders before the pre-read deadline and the pack at it. Everything goes through the outbox with a unique
 * key (participant, window, deadline), so each reminder and pack is enqueued once however many instances sweep,
 * and moving the meeting (a new deadline) arms them again.
 */
@Injectable()
export class DeadlineSweeper implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    runEvery(this.scheduler, this.config, 'deadline-sweeper', () => this.sweep());
  }

  /** One sweep; returns how many messages it enqueued. */
  async sweep(): Promise<number> {
    return this.dataSource.transaction(async (db) => {
      // One sweeper at a time across instances; the unique keys would make a second one harmless anyway.
      const [{ locked }] = await db.query(
        `SELECT pg_try_advisory_xact_lock(hashtext('quorum:deadline-sweeper')) AS locked`,
      );
      if (!locked) return 0;
      const now = this.clock.now();
      let enqueued = 0;
      const windows = [...this.config.reminderHours].sort((a, b) => b - a);
      for (const [i, hours] of windows.entries()) {
        const nextSmaller = windows[i + 1] ?? 0;
        enqueued += await this.enqueueReminders(db, now, hours, nextSmaller);
      }
      enqueued += await this.enqueuePacks(db, now);
      return enqueued;
    });
  }

  /** Served by meetings_pre_read_deadline_idx: a range scan over scheduled meetings whose deadline is near. */
  private async enqueueReminders(
    db: DataSource['manager'],
    now: Date,
    hours: number,
    nextSmallerHours: number,
  ): Promise<number> {
    const enqueued: unknown[] = await db.query(
      `INSERT INTO deliveries (meeting_id, participant_id, kind, status, next_attempt_at, dedupe_key, payload)
       SELECT m.id, p.id, 'REMINDER', CASE WHEN pe.email IS NULL THEN 'NO_EMAIL' ELSE 'PENDING' END, $1,
              'reminder:' || p.id || ':' || $2::int || ':' || to_char(m.pre_read_deadline AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS'),
              jsonb_build_object('deadline', m.pre_read_deadline, 'hoursBefore', $2::int)
         FROM meetings m
         JOIN participants p ON p.meeting_id = m.id AND p.report_required AND p.removed_at IS NULL
         JOIN people pe ON pe.id = p.person_id
        WHERE m.status = 'SCHEDULED'
          AND m.pre_read_deadline > $1
          AND m.pre_read_deadline <= $1 + make_interval(hours => $2::int)
          AND m.pre_read_deadline > $1 + make_interval(hours => $3::int)
          AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.meeting_id = m.id AND d.participant_id = p.id)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING 1`,
      [now, hours, nextSmallerHours],
    );
    return enqueued.length;
  }

  /** At the deadline, every participant gets the pack of what they may see (within a week, in case we were down). */
  private async enqueuePacks(db: DataSource['manager'], now: Date): Promise<number> {
    const enqueued: unknown[] = await db.query(
      `INSERT INTO deliveries (meeting_id, participant_id, kind, status, next_attempt_at, dedupe_key, payload)
       SELECT m.id, p.id, 'PACK', CASE WHEN pe.email IS NULL THEN 'NO_EMAIL' ELSE 'PENDING' END, $1,
              'pack:' || p.id || ':' || to_char(m.pre_read_deadline AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS'),
              jsonb_build_object('deadline', m.pre_read_deadline)
         FROM meetings m
         JOIN participants p ON p.meeting_id = m.id AND p.removed_at IS NULL
         JOIN people pe ON pe.id = p.person_id
        WHERE m.status = 'SCHEDULED'
          AND m.pre_read_deadline <= $1
          AND m.pre_read_deadline > $1 - interval '7 days'
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING 1`,
      [now],
    );
    return enqueued.length;
  }
}
