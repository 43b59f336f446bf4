import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Person } from '../directory/person.entity';
import type { MeetingType } from '../meeting-types/meeting-types';

/** One session of a person's calendar feed. */
export interface FeedRow {
  uid: string;
  starts_at: Date;
  ends_at: Date;
  position: number;
  session_count: number;
  video_url: string | null;
  dial_in_number: string | null;
  access_code: string | null;
  venue: string | null;
  type: MeetingType;
  status: string;
  sequence: number;
  references: string[];
  /** Whether its joining details may be shown now (not cancelled, not ended): part of the cache fingerprint. */
  joinable?: boolean;
}

/** Another participant of the meeting, as the personal page shows them: role and agency only. */
export interface OtherParticipantRow {
  session_ids: string[];
  role: string;
  is_chair: boolean;
  kind: string;
  agency: string | null;
  id: string;
}

/**
 * The personal links' and feeds' SQL: a person's feed token and their sessions, and what a participant's own page
 * shows of their meeting.
 */
@Injectable()
export class ParticipantLinksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The person with their feed nonce (not selected by default). */
  personWithFeedNonce(personId: string): Promise<Person | null> {
    return this.dataSource
      .getRepository(Person)
      .createQueryBuilder('p')
      .addSelect('p.feedNonce')
      .where('p.id = :personId', { personId })
      .getOne();
  }

  /** Sets the person's feed token; false when there is no such person. */
  async setFeedToken(personId: string, nonce: string, hash: string): Promise<boolean> {
    const [, updated] = await this.dataSource.query<[unknown, number]>(
      `UPDATE people SET feed_nonce = $2, feed_token_hash = $3 WHERE id = $1`,
      [personId, nonce, hash],
    );
    return Boolean(updated);
  }

  async withdrawFeedToken(personId: string): Promise<void> {
    await this.dataSource.query(`UPDATE people SET feed_nonce = NULL, feed_token_hash = NULL WHERE id = $1`, [
      personId,
    ]);
  }

  async personIdByFeedTokenHash(hash: string): Promise<string | undefined> {
    const [person] = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM people WHERE feed_token_hash = $1`, [
      hash,
    ]);
    return person?.id;
  }

  /** The person's sessions from a year before `now` on, by start. Served by participants_person_idx and the sessions' primary key. */
  feedSessions(personId: string, now: Date): Promise<FeedRow[]> {
    return this.dataSource.query<FeedRow[]>(
      `SELECT s.ical_uid AS uid, s.starts_at, s.ends_at, s.position, s.video_url, s.dial_in_number, s.access_code, s.venue,
              m.type, m.status, s.sequence,
              (SELECT count(*)::int FROM meeting_sessions x WHERE x.meeting_id = m.id) AS session_count,
              ARRAY(SELECT c.reference FROM meeting_cases mc JOIN cases c ON c.id = mc.case_id WHERE mc.meeting_id = m.id ORDER BY mc.position) AS references
         FROM participants p
         JOIN meetings m ON m.id = p.meeting_id
         JOIN meeting_sessions s ON s.id = ANY(p.session_ids)
        WHERE p.person_id = $1 AND p.removed_at IS NULL AND s.ends_at > $2::timestamptz - interval '1 year'
        ORDER BY s.starts_at`,
      [personId, now],
    );
  }

  /** The meeting's case references, in the meeting's order. */
  async caseReferences(meetingId: string, db: EntityManager = this.dataSource.manager): Promise<string[]> {
    const cases = await db.query<{ reference: string }[]>(
      `SELECT c.reference FROM meeting_cases mc JOIN cases c ON c.id = mc.case_id WHERE mc.meeting_id = $1 ORDER BY mc.position`,
      [meetingId],
    );
    return cases.map((c) => c.reference);
  }

  /** The meeting's other participants still invited, the chair first, then by role. */
  otherParticipants(
    meetingId: string,
    participantId: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<OtherParticipantRow[]> {
    return db.query<OtherParticipantRow[]>(
      `SELECT p.id, p.session_ids, p.role, p.is_chair, pe.kind, a.name AS agency
         FROM participants p JOIN people pe ON pe.id = p.person_id LEFT JOIN agencies a ON a.id = pe.agency_id
        WHERE p.meeting_id = $1 AND p.removed_at IS NULL AND p.id <> $2
        ORDER BY p.is_chair DESC, p.role`,
      [meetingId, participantId],
    );
  }
}
