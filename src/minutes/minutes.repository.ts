import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Agency } from '../directory/agency.entity';
import { Person } from '../directory/person.entity';
import { MeetingType } from '../meeting-types/meeting-types';
import { Meeting } from '../meetings/meeting.entity';
import { MeetingSession } from '../meetings/meeting-session.entity';
import { Participant } from '../meetings/participant.entity';
import { AttendanceLogEntry, Exclusion } from '../meetings/safety.entities';
import { MeetingDocument } from '../prereads/document.entity';
import { ReviewedChild } from './child-participation';
import { Minutes, MinutesAmendment } from './minutes.entity';

/** The meeting behind a record, as stored (the rules are added by the reader). */
export interface MeetingRows {
  meeting: Meeting;
  sessions: MeetingSession[];
  participants: Participant[];
  people: (Person & { agencyKind: string | null })[];
  cases: { case_id: string; kind: string; reference: string }[];
}

/**
 * The record's SQL. Each method takes the caller's EntityManager where it may run inside a transaction; `manager` is
 * the default outside one.
 */
@Injectable()
export class MinutesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  find(db: EntityManager, meetingId: string): Promise<Minutes | null> {
    return db.findOneBy(Minutes, { meetingId });
  }

  /** The record, locked for the rest of the transaction (one change at a time). */
  lock(db: EntityManager, meetingId: string): Promise<Minutes | null> {
    return db.findOne(Minutes, { where: { meetingId }, lock: { mode: 'pessimistic_write' } });
  }

  async save(db: EntityManager, minutes: Minutes): Promise<void> {
    await db.save(minutes);
  }

  async insert(db: EntityManager, minutes: Partial<Minutes>): Promise<void> {
    await db.insert(Minutes, minutes);
  }

  async insertAmendment(db: EntityManager, amendment: Partial<MinutesAmendment>): Promise<void> {
    await db.insert(MinutesAmendment, amendment);
  }

  amendments(db: EntityManager, minutesId: string): Promise<MinutesAmendment[]> {
    return db.find(MinutesAmendment, { where: { minutesId }, order: { createdAt: 'ASC' } });
  }

  async amenders(db: EntityManager, minutesId: string): Promise<string[]> {
    const rows = await db.find(MinutesAmendment, { where: { minutesId }, select: { amendedBy: true } });
    return rows.map((a) => a.amendedBy);
  }

  amendmentCount(db: EntityManager, minutesId: string): Promise<number> {
    return db.count(MinutesAmendment, { where: { minutesId } });
  }

  /** The meeting, its parts, its participants (with their agency's kind) and its cases in order; null if none. */
  async meeting(db: EntityManager, meetingId: string): Promise<MeetingRows | null> {
    const meeting = await db.findOneBy(Meeting, { id: meetingId });
    if (!meeting) return null;
    // One after another: inside a transaction they share one connection, which runs one query at a time anyway.
    const sessions = await db.find(MeetingSession, { where: { meetingId }, order: { position: 'ASC' } });
    const participants = await db.find(Participant, { where: { meetingId, removedAt: IsNull() } });
    const cases: MeetingRows['cases'] = await db.query(
      `SELECT mc.case_id, c.kind, c.reference FROM meeting_cases mc JOIN cases c ON c.id = mc.case_id WHERE mc.meeting_id = $1 ORDER BY mc.position`,
      [meetingId],
    );
    const people = participants.length
      ? await db
          .getRepository(Person)
          .createQueryBuilder('p')
          .leftJoin('agencies', 'a', 'a.id = p.agency_id')
          .addSelect('a.kind', 'agency_kind')
          .where({ id: In(participants.map((p) => p.personId)) })
          .getRawAndEntities()
          .then(({ entities, raw }) =>
            entities.map((e) => ({
              ...e,
              agencyKind:
                (raw as { p_id: string; agency_kind: string | null }[]).find((r) => r.p_id === e.id)?.agency_kind ??
                null,
            })),
          )
      : [];
    return { meeting, sessions, participants, people, cases };
  }

  lockMeeting(db: EntityManager, meetingId: string): Promise<Meeting | null> {
    return db.findOne(Meeting, { where: { id: meetingId }, lock: { mode: 'pessimistic_write' } });
  }

  isProfessional(db: EntityManager, personId: string): Promise<boolean> {
    return db.existsBy(Person, { id: personId, kind: 'PROFESSIONAL' });
  }

  async setMinuteTaker(db: EntityManager, meetingId: string, personId: string | null): Promise<void> {
    await db.update(Meeting, { id: meetingId }, { minuteTakerId: personId });
  }

  /** Which of these people and agencies exist. */
  async known(db: EntityManager, people: string[], agencies: string[]) {
    return {
      people: new Set(people.length ? (await db.findBy(Person, { id: In(people) })).map((p) => p.id) : []),
      agencies: new Set(agencies.length ? (await db.findBy(Agency, { id: In(agencies) })).map((a) => a.id) : []),
    };
  }

  /** The children of the meeting with their dates of birth, for the PN0 age check. */
  reviewedChildren(db: EntityManager, caseIds: string[]): Promise<ReviewedChild[]> {
    return db.query(
      `SELECT c.id AS "caseId", c.reference, to_char(c.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth" FROM cases c WHERE c.id = ANY($1::uuid[])`,
      [caseIds],
    );
  }

  attendanceLog(db: EntityManager, meetingId: string): Promise<AttendanceLogEntry[]> {
    return db.find(AttendanceLogEntry, { where: { meetingId } });
  }

  exclusions(db: EntityManager, meetingId: string): Promise<Exclusion[]> {
    return db.find(Exclusion, { where: { meetingId }, order: { createdAt: 'ASC' } });
  }

  /** Who sent which pre-read, and whether late (never the content). */
  documents(
    db: EntityManager,
    meetingId: string,
  ): Promise<Pick<MeetingDocument, 'participantId' | 'submittedAt' | 'late'>[]> {
    return db.find(MeetingDocument, {
      where: { meetingId, kind: 'REPORT' },
      select: { participantId: true, submittedAt: true, late: true },
    });
  }

  /** Earlier held meetings of this type about these cases (MARAC repeats), other than this one. */
  earlierOfType(
    db: EntityManager,
    caseIds: string[],
    type: MeetingType,
    meetingId: string,
    heldOn: string,
  ): Promise<{ caseId: string; heldOn: string }[]> {
    return db.query(
      `SELECT mc.case_id AS "caseId", to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn" FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id
        WHERE mc.case_id = ANY($1::uuid[]) AND m.type = $2 AND m.status = 'SCHEDULED' AND m.id <> $3 AND m.held_on < $4`,
      [caseIds, type, meetingId, heldOn],
    );
  }

  /** The references of those cases whose previous meeting of these types (before `startsAt`) was not quorate. */
  async previousInquorate(
    db: EntityManager,
    caseIds: string[],
    types: MeetingType[],
    meetingId: string,
    startsAt: Date,
  ): Promise<string[]> {
    const rows: { reference: string }[] = await db.query(
      `SELECT c.reference
         FROM cases c
         CROSS JOIN LATERAL (
           SELECT mi.quorate FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id JOIN minutes mi ON mi.meeting_id = m.id
            WHERE mc.case_id = c.id AND m.id <> $2 AND m.status = 'SCHEDULED' AND m.type = ANY($4::text[]) AND m.starts_at < $3
            ORDER BY m.starts_at DESC LIMIT 1
         ) previous
        WHERE c.id = ANY($1::uuid[]) AND previous.quorate = false
        ORDER BY c.reference`,
      [caseIds, meetingId, startsAt, types],
    );
    return rows.map((r) => r.reference);
  }

  /** The record is read through the personal link: keep these participants' links open until at least `until`. */
  async keepLinksOpen(db: EntityManager, participantIds: string[], until: Date): Promise<void> {
    await db.query(
      `UPDATE participants SET link_expires_at = GREATEST(link_expires_at, $2) WHERE id = ANY($1::uuid[])`,
      [participantIds, until],
    );
  }

  /** The meeting's cases with their references, in the meeting's order. */
  caseReferences(db: EntityManager, meetingId: string): Promise<{ id: string; reference: string }[]> {
    return db.query(
      `SELECT c.id, c.reference FROM meeting_cases mc JOIN cases c ON c.id = mc.case_id WHERE mc.meeting_id = $1 ORDER BY mc.position`,
      [meetingId],
    );
  }

  /** Names of these people and of these agencies, by id (the printed record names them). */
  async names(db: EntityManager, people: string[], agencies: string[]) {
    return {
      people: new Map((await db.findBy(Person, { id: In(people) })).map((p) => [p.id, p.name])),
      agencies: new Map((await db.findBy(Agency, { id: In(agencies) })).map((a) => [a.id, a.name])),
    };
  }

  /** These people's kind and agency name (the family's record says who owns an action by role and agency). */
  owners(db: EntityManager, personIds: string[]): Promise<{ id: string; kind: string; agency: string | null }[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return db.query(
      `SELECT p.id, p.kind, a.name AS agency FROM people p LEFT JOIN agencies a ON a.id = p.agency_id WHERE p.id = ANY($1::uuid[])`,
      [personIds],
    );
  }

  /** The groups this person is kept apart within, for the meeting or any of its cases. */
  async keptApartGroups(db: EntityManager, meetingId: string, personId: string): Promise<string[][]> {
    const rows: { person_ids: string[] }[] = await db.query(
      `SELECT person_ids FROM keep_apart_rules
        WHERE $2 = ANY(person_ids) AND (meeting_id = $1 OR case_id IN (SELECT case_id FROM meeting_cases WHERE meeting_id = $1))`,
      [meetingId, personId],
    );
    return rows.map((r) => r.person_ids);
  }

  /** The sessions a participant is invited to (removed or not: a record reminder still names the meeting). */
  async sessionIdsOf(db: EntityManager, participantId: string): Promise<string[] | null> {
    const rows: { session_ids: string[] }[] = await db.query(`SELECT session_ids FROM participants WHERE id = $1`, [
      participantId,
    ]);
    return rows[0]?.session_ids ?? null;
  }

  /**
   * Meetings held in the 60 days to `now` whose record is not yet approved, with their chair (served by
   * meetings_starts_at_idx).
   */
  heldAwaitingRecord(now: Date): Promise<
    {
      id: string;
      type: MeetingType;
      held_on: string;
      chair_participant: string;
      has_email: boolean;
      has_decisions: boolean;
    }[]
  > {
    return this.dataSource.query(
      `SELECT m.id, m.type, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, p.id AS chair_participant, (pe.email IS NOT NULL) AS has_email,
              (mi.decisions_shared_at IS NOT NULL) AS has_decisions
         FROM meetings m
         JOIN participants p ON p.meeting_id = m.id AND p.is_chair AND p.removed_at IS NULL
         JOIN people pe ON pe.id = p.person_id
         LEFT JOIN minutes mi ON mi.meeting_id = m.id
        WHERE m.status = 'SCHEDULED' AND m.starts_at > $1::timestamptz - interval '60 days' AND m.ends_at <= $1
          AND (mi.id IS NULL OR mi.status IN ('DRAFT','SUBMITTED'))`,
      [now],
    );
  }
}
