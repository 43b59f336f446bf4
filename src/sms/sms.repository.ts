import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UnnestColumn, unnestRows } from '../database/unnest';
import { deliveryKeyColumns } from '../deliveries/outbox';
import type { MeetingType } from '../meeting-types/meeting-types';

/**
 * Who gets texts: a participant with a phone and no email address, or one who asked for texts. Exported for the
 * checklist and the chair's tasks, so that all three agree.
 */
export const TEXTED_PERSON_SQL = `pe.phone IS NOT NULL AND (pe.email IS NULL OR pe.prefers_texts)`;

/** A calendar message's participant and session whose person gets texts, with the session's start. */
export interface TextedRow {
  participant_id: string;
  session_id: string;
  starts_at: Date;
}

/** A text to enqueue: one row of deliveries on the `sms` channel. */
export interface NewSmsRow {
  id: string;
  meetingId: string;
  participantId: string;
  sessionId: string;
  kind: string;
  sequence: number;
  notBefore: Date;
  payload: Record<string, unknown>;
}

/** What a text is written from: the person's phone, their place in the meeting, and the session. */
export interface SmsSubjectRow {
  phone: string | null;
  session_ids: string[];
  removed_at: Date | null;
  type: MeetingType;
  status: string;
  starts_at: Date;
  dial_in_number: string | null;
  access_code: string | null;
  video_url: string | null;
  venue: string | null;
  position: number;
  session_count: number;
}

/** An unsettled text to read back from Notify. */
export interface UnsettledSmsRow {
  id: string;
  provider_id: string;
  provider_status: string | null;
}

const TEXT_COLUMNS: readonly UnnestColumn<NewSmsRow>[] = [
  ...deliveryKeyColumns<NewSmsRow>(),
  { name: 'not_before', type: 'timestamptz', value: (r) => r.notBefore },
];

/**
 * The texts' SQL: who gets texts, enqueueing and superseding them, what a text is written from, the sender's claim and
 * its outcomes, and the status read-back. Texts are rows of deliveries on the `sms` channel.
 */
@Injectable()
export class SmsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Of these (participant, session) pairs, those whose person gets texts, with the session's start. */
  texted(
    participantIds: string[],
    sessionIds: string[],
    db: EntityManager = this.dataSource.manager,
  ): Promise<TextedRow[]> {
    return db.query<TextedRow[]>(
      `SELECT k.participant_id, k.session_id, s.starts_at
         FROM unnest($1::uuid[], $2::uuid[]) AS k(participant_id, session_id)
         JOIN participants p ON p.id = k.participant_id
         JOIN people pe ON pe.id = p.person_id
         JOIN meeting_sessions s ON s.id = k.session_id
        WHERE ${TEXTED_PERSON_SQL}`,
      [participantIds, sessionIds],
    );
  }

  async insertTexts(rows: NewSmsRow[], db: EntityManager = this.dataSource.manager): Promise<void> {
    const u = unnestRows(rows, TEXT_COLUMNS, 1);
    await db.query(
      `INSERT INTO deliveries (id, channel, meeting_id, participant_id, session_id, kind, sequence, status, next_attempt_at, payload)
       SELECT u.id, 'sms', u.meeting_id, u.participant_id, u.session_id, u.kind, u.sequence, 'PENDING', u.not_before, u.payload
         FROM ${u.sql}`,
      u.params,
    );
  }

  /** The sessions of a scheduled meeting this participant (not removed) is invited to that have not started yet. */
  sessionsAhead(
    participantId: string,
    now: Date,
    db: EntityManager = this.dataSource.manager,
  ): Promise<{ meeting_id: string; session_id: string; sequence: number; starts_at: Date }[]> {
    return db.query(
      `SELECT m.id AS meeting_id, s.id AS session_id, s.sequence, s.starts_at
         FROM participants p JOIN meetings m ON m.id = p.meeting_id
         JOIN meeting_sessions s ON s.meeting_id = m.id AND s.id = ANY(p.session_ids)
        WHERE p.id = $1 AND p.removed_at IS NULL AND m.status = 'SCHEDULED' AND s.starts_at > $2
        ORDER BY s.position`,
      [participantId, now],
    );
  }

  /** Supersedes the unsent texts of these (participant, session) pairs; returns what they were. */
  async supersedeUnsent(
    participantIds: (string | null)[],
    sessionIds: (string | null)[],
    now: Date,
    db: EntityManager = this.dataSource.manager,
  ): Promise<{ participant_id: string; session_id: string; kind: string }[]> {
    const rows = await db.query<[{ participant_id: string; session_id: string; kind: string }[], number]>(
      `UPDATE deliveries d SET status = 'SUPERSEDED', updated_at = $3
         FROM unnest($1::uuid[], $2::uuid[]) AS pair(participant_id, session_id)
        WHERE d.participant_id = pair.participant_id AND d.session_id = pair.session_id
          AND d.channel = 'sms' AND d.status = 'PENDING'
        RETURNING d.participant_id, d.session_id, d.kind`,
      [participantIds, sessionIds, now],
    );
    return rows[0];
  }

  async subject(
    participantId: string,
    sessionId: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<SmsSubjectRow | undefined> {
    const [row] = await db.query<SmsSubjectRow[]>(
      `SELECT pe.phone, p.session_ids, p.removed_at, m.type, m.status, s.starts_at, s.dial_in_number, s.access_code,
              s.video_url, s.venue, s.position,
              (SELECT count(*)::int FROM meeting_sessions x WHERE x.meeting_id = m.id) AS session_count
         FROM participants p
         JOIN people pe ON pe.id = p.person_id
         JOIN meetings m ON m.id = p.meeting_id
         JOIN meeting_sessions s ON s.meeting_id = m.id AND s.id = $2
        WHERE p.id = $1`,
      [participantId, sessionId],
    );
    return row;
  }

  /** A failed attempt: back to PENDING at `nextAttemptAt`, or FAILED; the composed text kept if it was not yet. */
  async markAttemptFailed(
    id: string,
    status: 'FAILED' | 'PENDING',
    error: string,
    nextAttemptAt: Date,
    now: Date,
    rendered: string | null,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = $2, lease_until = NULL, last_error = $3, next_attempt_at = $4, updated_at = $5,
              rendered = coalesce(rendered, $6::jsonb)
        WHERE id = $1 AND status = 'SENDING'`,
      [id, status, error, nextAttemptAt, now, rendered],
    );
  }

  async markSent(
    id: string,
    now: Date,
    providerId: string | null,
    providerStatus: string | null,
    rendered: string | null,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'SENT', sent_at = $2, lease_until = NULL, last_error = NULL, updated_at = $2,
              provider_id = $3, provider_status = $4, rendered = coalesce(rendered, $5::jsonb)
        WHERE id = $1 AND status = 'SENDING'`,
      [id, now, providerId, providerStatus, rendered],
    );
  }

  /** Sent texts still unsettled, sent after `sentAfter` and not checked since `checkedBefore`. Served by deliveries_sms_unsettled_idx. */
  unsettled(sentAfter: Date, checkedBefore: Date, batch: number): Promise<UnsettledSmsRow[]> {
    return this.dataSource.query<UnsettledSmsRow[]>(
      `SELECT id, provider_id, provider_status FROM deliveries
        WHERE channel = 'sms' AND status = 'SENT' AND provider_id IS NOT NULL
          AND coalesce(provider_status, 'created') IN ('created', 'sending', 'pending', 'accepted')
          AND sent_at > $1 AND (provider_checked_at IS NULL OR provider_checked_at < $2)
        ORDER BY provider_checked_at NULLS FIRST LIMIT $3`,
      [sentAfter, checkedBefore, batch],
    );
  }

  async recordProviderStatus(id: string, status: string, now: Date, failed: boolean, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET provider_status = $2, provider_checked_at = $3, updated_at = $3,
              status = CASE WHEN $4 THEN 'BOUNCED' ELSE status END,
              last_error = CASE WHEN $4 THEN $5 ELSE last_error END
        WHERE id = $1`,
      [id, status, now, failed, error],
    );
  }
}
