import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InboundMessage, InboundOutcome } from './inbound-message.entity';

/** The participant a calendar answer's attendee address is, with the address on file. */
export interface AnsweringParticipantRow {
  id: string;
  person_id: string;
  email: string;
}

export interface InboundListFilter {
  outcome?: InboundOutcome;
  meetingId?: string;
  limit?: number;
  offset?: number;
}

/** The incoming mail's SQL: whose answer a calendar reply is, and the list of what needs a person with its counts. */
@Injectable()
export class InboundRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The participant of this session of the meeting, still invited, whose email is `address` (lower case). */
  async answeringParticipant(
    meetingId: string,
    sessionId: string,
    address: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<AnsweringParticipantRow | undefined> {
    const [match] = await db.query<AnsweringParticipantRow[]>(
      `SELECT p.id, p.person_id, pe.email FROM participants p JOIN people pe ON pe.id = p.person_id
        WHERE p.meeting_id = $1 AND p.removed_at IS NULL AND $2 = ANY(p.session_ids) AND lower(pe.email) = $3
        LIMIT 1`,
      [meetingId, sessionId, address],
    );
    return match;
  }

  /**
   * A page of the messages `filter` asks for (by default replies to review, bounces and rejected forgeries), newest first, with the total.
   * `visible`: the access policy's condition on a meeting aliased `vm`; `unmatched`: whether to list what matched none.
   */
  page(
    filter: InboundListFilter,
    visible: { sql: string; params: Record<string, unknown> },
    unmatched: boolean,
  ): Promise<[InboundMessage[], number]> {
    const query = this.dataSource
      .getRepository(InboundMessage)
      .createQueryBuilder('i')
      .orderBy('i.received_at', 'DESC')
      .addOrderBy('i.id', 'DESC');
    query.andWhere(
      `(${unmatched ? 'i.meeting_id IS NULL OR ' : ''}EXISTS (SELECT 1 FROM meetings vm WHERE vm.id = i.meeting_id AND ${visible.sql}))`,
      visible.params,
    );
    if (filter.outcome) query.andWhere('i.outcome = :outcome', { outcome: filter.outcome });
    else query.andWhere(`i.outcome IN ('REVIEW', 'BOUNCE', 'REJECTED')`);
    if (filter.meetingId) query.andWhere('i.meeting_id = :meetingId', { meetingId: filter.meetingId });
    return query
      .take(filter.limit ?? 100)
      .skip(filter.offset ?? 0)
      .getManyAndCount();
  }

  /** How many messages came in with each outcome. */
  countsByOutcome(): Promise<{ outcome: InboundOutcome; n: number }[]> {
    return this.dataSource.query<{ outcome: InboundOutcome; n: number }[]>(
      `SELECT outcome, count(*)::int AS n FROM inbound_messages GROUP BY outcome`,
    );
  }
}
