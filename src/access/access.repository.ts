import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { MeetingType } from '../meeting-types/meeting-types';

/** A condition built by the policy (access-policy.ts `SqlCondition`), spelled here so the two files do not import each other. */
interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** What the policy needs to know of a meeting to decide for one caller. */
export interface MeetingFactsRow {
  type: MeetingType;
  chair_id: string;
  is_chair: boolean;
  is_booker: boolean;
  is_invited: boolean;
}

/**
 * The look-ups the access policy makes for one record. The conditions it builds for others' lists are the policy's
 * own (access-policy.ts); here they are only applied, to the one row asked about. Ids arrive checked as UUIDs.
 */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async meetingFacts(
    meetingId: string,
    personId: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<MeetingFactsRow | undefined> {
    const [row] = await db.query<MeetingFactsRow[]>(
      `SELECT m.type, m.chair_id, m.chair_id = $2 AS is_chair, m.booked_by = $2::text AS is_booker,
            m.minute_taker_id IS NOT DISTINCT FROM $2::uuid
              OR EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id AND p.person_id = $2 AND p.removed_at IS NULL) AS is_invited
       FROM meetings m WHERE m.id = $1`,
      [meetingId, personId],
    );
    return row;
  }

  /** Whether the case meets `condition` (its parameters numbered from $2, the case `c`); undefined: no such case. */
  async caseMeets(
    caseId: string,
    condition: SqlCondition,
    db: EntityManager = this.dataSource.manager,
  ): Promise<{ visible: boolean } | undefined> {
    const [row] = await db.query<{ visible: boolean }[]>(
      `SELECT (${condition.sql}) AS visible FROM cases c WHERE c.id = $1`,
      [caseId, ...condition.params],
    );
    return row;
  }

  /** Whether the person meets `condition` (its parameters numbered from $2, the person `p`); undefined: no such person. */
  async personMeets(
    personId: string,
    condition: SqlCondition,
    db: EntityManager = this.dataSource.manager,
  ): Promise<{ visible: boolean } | undefined> {
    const [row] = await db.query<{ visible: boolean }[]>(
      `SELECT (${condition.sql}) AS visible FROM people p WHERE p.id = $1`,
      [personId, ...condition.params],
    );
    return row;
  }

  /** Whether the reader is the person, or booked a meeting the person takes part in; undefined: no such person. */
  async mayReadFeed(
    personId: string,
    readerId: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<{ allowed: boolean } | undefined> {
    const [row] = await db.query<{ allowed: boolean }[]>(
      `SELECT $1::uuid = $2::uuid OR EXISTS (
                SELECT 1 FROM participants p JOIN meetings m ON m.id = p.meeting_id
                 WHERE p.person_id = $1 AND p.removed_at IS NULL AND m.booked_by = $2::text) AS allowed
         FROM people WHERE id = $1`,
      [personId, readerId],
    );
    return row;
  }
}
