import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CALENDAR_KINDS, Delivery, SMS_KINDS } from '../deliveries/delivery.entity';
import { isCalendarDate } from '../http/dates';
import { MeetingQuery } from './book-meeting.dto';
import { Meeting, MeetingCase } from './meeting.entity';
import { MeetingSession } from './meeting-session.entity';

/** A case as a meeting names it. */
export interface CaseReference {
  id: string;
  reference: string;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/** A scheduled meeting of the chair's that overlaps a slot being booked. */
export interface ChairClash {
  meetingId: string;
  type: string;
  startsAt: Date;
  endsAt: Date;
}

/** The chair's lock, held until the transaction ends: bookings of one chair check for clashes one at a time. */
export const chairLockKey = (chairId: string) => `chair:${chairId}`;

export interface ChairClashRow {
  meeting_id: string;
  type: string;
  starts_at: Date | string;
  ends_at: Date | string;
}

export const chairClashOf = (row: ChairClashRow | undefined | null): ChairClash | undefined =>
  row
    ? { meetingId: row.meeting_id, type: row.type, startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at) }
    : undefined;

/**
 * The clash scan of `chairClash` (below), its parameters numbered from `first`: run after the chair's lock is held,
 * in a statement that starts after it was taken (a booking embeds it in its one write).
 */
export function chairClashQuery(
  chairId: string,
  meetingId: string | null,
  slots: Slot[],
  ignoreSessionId: string | null,
  first: number,
): { sql: string; params: unknown[] } {
  const [chair, starts, ends, ignore, meeting] = [0, 1, 2, 3, 4].map((i) => `$${first + i}`);
  return {
    sql: `WITH nearby AS MATERIALIZED (
         SELECT s.id, s.meeting_id, s.starts_at, s.ends_at
           FROM unnest(${starts}::timestamptz[], ${ends}::timestamptz[]) AS slot(starts_at, ends_at)
           JOIN meeting_sessions s ON s.starts_at < slot.ends_at AND s.ends_at > slot.starts_at AND s.starts_at > slot.starts_at - interval '12 hours'
          WHERE (${ignore}::uuid IS NULL OR s.id <> ${ignore}::uuid) AND (${meeting}::uuid IS NULL OR s.meeting_id <> ${meeting}::uuid OR ${ignore}::uuid IS NOT NULL)
       )
       SELECT n.meeting_id, m.type, n.starts_at, n.ends_at
         FROM nearby n
         CROSS JOIN LATERAL (SELECT m.type FROM meetings m WHERE m.id = n.meeting_id AND m.status = 'SCHEDULED' LIMIT 1) m
         CROSS JOIN LATERAL (
           SELECT 1 FROM participants p
            WHERE p.meeting_id = n.meeting_id AND p.person_id = ${chair}::uuid AND p.removed_at IS NULL AND n.id = ANY(p.session_ids) LIMIT 1
         ) attends
        ORDER BY n.starts_at LIMIT 1`,
    params: [chairId, slots.map((s) => s.startsAt), slots.map((s) => s.endsAt), ignoreSessionId, meetingId],
  };
}

/** Groups rows by their meeting, keeping their order; every id asked for has an entry. */
function byMeeting<T>(ids: string[], rows: T[], meetingOf: (row: T) => string): Map<string, T[]> {
  const grouped = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) grouped.get(meetingOf(row))?.push(row);
  return grouped;
}

/**
 * The SQL of a meeting, its cases and its sessions. Every method takes the caller's EntityManager, so a command's
 * reads and writes stay in its transaction; the batch reads take many meetings at once, so a page costs the same
 * number of queries whatever its length.
 */
@Injectable()
export class MeetingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  find(db: EntityManager, id: string): Promise<Meeting | null> {
    return db.findOneBy(Meeting, { id });
  }

  exists(db: EntityManager, id: string): Promise<boolean> {
    return db.existsBy(Meeting, { id });
  }

  /** The meeting, locked until the transaction ends. */
  lock(db: EntityManager, id: string): Promise<Meeting | null> {
    return db.findOne(Meeting, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(db: EntityManager, meeting: Meeting): Promise<Meeting> {
    return db.save(meeting);
  }

  create(db: EntityManager, fields: Partial<Meeting>): Promise<Meeting> {
    return db.save(db.create(Meeting, fields));
  }

  async addCases(db: EntityManager, meetingId: string, caseIds: string[]): Promise<void> {
    await db.insert(
      MeetingCase,
      caseIds.map((caseId, position) => ({ meetingId, caseId, position })),
    );
  }

  /** The meetings' case references, in the order the booking gave them: the one query for them. */
  async caseReferences(db: EntityManager, meetingIds: string[]): Promise<Map<string, CaseReference[]>> {
    if (meetingIds.length === 0) return new Map();
    const rows: (CaseReference & { meeting_id: string })[] = await db.query(
      `SELECT mc.meeting_id, c.id, c.reference FROM meeting_cases mc JOIN cases c ON c.id = mc.case_id
        WHERE mc.meeting_id = ANY($1::uuid[]) ORDER BY mc.meeting_id, mc.position`,
      [meetingIds],
    );
    const grouped = byMeeting(meetingIds, rows, (r) => r.meeting_id);
    return new Map([...grouped].map(([id, refs]) => [id, refs.map((r) => ({ id: r.id, reference: r.reference }))]));
  }

  async caseIdsOf(db: EntityManager, meetingId: string): Promise<string[]> {
    return ((await this.caseReferences(db, [meetingId])).get(meetingId) ?? []).map((c) => c.id);
  }

  /** Scheduled meetings about the case that have not yet ended. */
  async comingMeetingIdsOfCase(db: EntityManager, caseId: string, now: Date): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT m.id FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id
        WHERE mc.case_id = $1 AND m.status = 'SCHEDULED' AND m.ends_at > $2`,
      [caseId, now],
    );
    return rows.map((r) => r.id);
  }

  async sessions(db: EntityManager, meetingIds: string[]): Promise<Map<string, MeetingSession[]>> {
    if (meetingIds.length === 0) return new Map();
    const rows = await db.find(MeetingSession, {
      where: { meetingId: In(meetingIds) },
      order: { position: 'ASC' },
    });
    return byMeeting(meetingIds, rows, (s) => s.meetingId);
  }

  async sessionsOf(db: EntityManager, meetingId: string): Promise<MeetingSession[]> {
    return (await this.sessions(db, [meetingId])).get(meetingId) ?? [];
  }

  findSession(db: EntityManager, meetingId: string, sessionId: string): Promise<MeetingSession | null> {
    return db.findOneBy(MeetingSession, { id: sessionId, meetingId });
  }

  sessionExists(db: EntityManager, meetingId: string, sessionId: string): Promise<boolean> {
    return db.existsBy(MeetingSession, { id: sessionId, meetingId });
  }

  saveSessions(db: EntityManager, sessions: Partial<MeetingSession>[]): Promise<MeetingSession[]> {
    return db.save(sessions.map((s) => db.create(MeetingSession, s)));
  }

  saveSession(db: EntityManager, session: MeetingSession): Promise<MeetingSession> {
    return db.save(session);
  }

  /** Raises the SEQUENCE of the meeting's parts named (null: every part); returns their new numbers. */
  async raiseSessionSequences(
    db: EntityManager,
    meetingId: string,
    sessionIds: string[] | null,
    now: Date,
  ): Promise<Map<string, number>> {
    const [rows] = await db.query<[{ id: string; sequence: number }[], number]>(
      `UPDATE meeting_sessions SET sequence = sequence + 1, updated_at = $3
        WHERE meeting_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) RETURNING id, sequence`,
      [meetingId, sessionIds, now],
    );
    return new Map(rows.map((r) => [r.id, r.sequence]));
  }

  /**
   * The calendar messages and texts about the meetings, oldest first (the view shows the latest invite per person and
   * part, and every text).
   */
  async invitationMessages(db: EntityManager, meetingIds: string[]): Promise<Map<string, Delivery[]>> {
    if (meetingIds.length === 0) return new Map();
    const rows = await db.find(Delivery, {
      where: { meetingId: In(meetingIds), kind: In([...CALENDAR_KINDS, ...SMS_KINDS]) },
      order: { createdAt: 'ASC' },
    });
    return byMeeting(meetingIds, rows, (d) => d.meetingId);
  }

  /** The latest calendar message handed to the relay for the participant and part (being sent counts). */
  latestSent(db: EntityManager, participantId: string, sessionId: string): Promise<Delivery | null> {
    return db.findOne(Delivery, {
      where: [
        { participantId, sessionId, status: 'SENT', channel: 'email' },
        { participantId, sessionId, status: 'SENDING', channel: 'email' },
      ],
      order: { createdAt: 'DESC' },
    });
  }

  /**
   * The chair's first clash with the slots, serialised per chair so two bookings cannot both pass.
   * A range scan on meeting_sessions_time_idx: sessions last at most 12 hours, so only those starting in the
   * 12 hours before a slot can overlap it. Each of those sessions is then probed by primary key (its meeting) and by
   * (meeting_id, person_id) (the chair's place in it): the materialised CTE and the LIMIT 1 laterals keep the planner on
   * that order even when statistics are stale. Left to itself it started from the chair's every participation and
   * hash-joined all scheduled meetings, a cost that grows with history (1.2–2.3 ms against 0.2 ms at 3,000 meetings).
   */
  async chairClash(
    db: EntityManager,
    chairId: string,
    meetingId: string | null,
    slots: Slot[],
    ignoreSessionId?: string,
  ): Promise<ChairClash | undefined> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [chairLockKey(chairId)]);
    const scan = chairClashQuery(chairId, meetingId, slots, ignoreSessionId ?? null, 1);
    const clashes: ChairClashRow[] = await db.query(scan.sql, scan.params);
    return chairClashOf(clashes[0]);
  }

  /**
   * A page of the meetings `visible` (the access policy's condition on `m`) lets the caller see, with the total.
   * API.md: a date is a London date, compared with the day the meeting is held (inclusive); an instant is compared
   * with the start itself, to the millisecond.
   */
  page(query: MeetingQuery, visible: { sql: string; params: Record<string, unknown> }): Promise<[Meeting[], number]> {
    const q = this.dataSource.getRepository(Meeting).createQueryBuilder('m').where(visible.sql, visible.params);
    if (query.from)
      q.andWhere(isCalendarDate(query.from) ? 'm.held_on >= :from::date' : 'm.starts_at >= :from::timestamptz', {
        from: query.from,
      });
    if (query.to)
      q.andWhere(isCalendarDate(query.to) ? 'm.held_on <= :to::date' : 'm.starts_at <= :to::timestamptz', {
        to: query.to,
      });
    if (query.type) q.andWhere('m.type = :type', { type: query.type });
    if (query.chairId) q.andWhere('m.chair_id = :chairId', { chairId: query.chairId });
    if (query.status) q.andWhere('m.status = :status', { status: query.status });
    if (query.caseId)
      q.andWhere('EXISTS (SELECT 1 FROM meeting_cases mc WHERE mc.meeting_id = m.id AND mc.case_id = :caseId)', {
        caseId: query.caseId,
      });
    // The page and the count side by side, each on its own pooled connection (getManyAndCount runs them one after
    // the other): the list's time is the slower of the two, not their sum (issue 24: the staff list at 1M meetings).
    const page = q.clone().orderBy('m.starts_at', 'ASC').addOrderBy('m.id');
    return Promise.all([
      page
        .take(query.limit ?? 100)
        .skip(query.offset ?? 0)
        .getMany(),
      q.getCount(),
    ]);
  }
}
