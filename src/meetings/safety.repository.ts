import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Meeting } from './meeting.entity';
import { MeetingSession } from './meeting-session.entity';
import { Participant } from './participant.entity';
import { AttendanceLogEntry, Exclusion, KeepApartRule } from './safety.entities';

/** What the checklist is made from: one meeting's participants, parts, contacts, reports owed and rules. */
export interface ChecklistFacts {
  meeting: Meeting | null;
  participants: Participant[];
  sessions: MeetingSession[];
  contacts: { id: string; email: string | null; phone: string | null; prefers_texts: boolean }[];
  owed: { id: string }[];
  rules: { id: string; person_ids: string[] }[];
}

/** With texts on, a person with a phone is reached by text, unless their latest invitation text failed or came back. */
const TEXT_FAILED_SQL = `(SELECT d.status FROM deliveries d WHERE d.participant_id = p.id AND d.channel = 'sms'
    AND d.kind IN ('SMS_INVITE', 'SMS_UPDATE') ORDER BY d.created_at DESC LIMIT 1) IN ('FAILED', 'BOUNCED')`;

/** A participant of a coming meeting who has no email address. */
export interface UnreachedRow {
  meeting_id: string;
  type: string;
  starts_at: Date;
  participant_id: string;
  person_id: string;
  role: string;
  phone: string | null;
}

/** The SQL of the safety reads and the attendance log. */
@Injectable()
export class SafetyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  keepApartRules(scope: { caseId: string } | { meetingId: string }): Promise<KeepApartRule[]> {
    return this.dataSource.getRepository(KeepApartRule).find({ where: scope, order: { createdAt: 'ASC' } });
  }

  async checklistFacts(meetingId: string): Promise<ChecklistFacts> {
    const meeting = await this.dataSource.getRepository(Meeting).findOneBy({ id: meetingId });
    if (!meeting) return { meeting, participants: [], sessions: [], contacts: [], owed: [], rules: [] };
    const [participants, sessions, contacts, owed, rules] = await Promise.all([
      this.dataSource
        .getRepository(Participant)
        .find({ where: { meetingId, removedAt: IsNull() }, order: { createdAt: 'ASC' } }),
      this.dataSource.getRepository(MeetingSession).find({ where: { meetingId } }),
      this.dataSource.query<ChecklistFacts['contacts']>(
        `SELECT pe.id, pe.email, pe.phone, pe.prefers_texts FROM participants p JOIN people pe ON pe.id = p.person_id WHERE p.meeting_id = $1`,
        [meetingId],
      ),
      this.dataSource.query<ChecklistFacts['owed']>(
        `SELECT p.id FROM participants p WHERE p.meeting_id = $1 AND p.report_required AND p.removed_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.participant_id = p.id)`,
        [meetingId],
      ),
      this.dataSource.query<ChecklistFacts['rules']>(
        `SELECT id, person_ids FROM keep_apart_rules WHERE meeting_id = $1 OR case_id IN (SELECT case_id FROM meeting_cases WHERE meeting_id = $1)`,
        [meetingId],
      ),
    ]);
    return { meeting, participants, sessions, contacts, owed, rules };
  }

  /** `visible`: the access policy's condition on `m`, its parameters numbered from 3. */
  unreached(
    chairId: string | undefined,
    days: number,
    visible: { sql: string; params: unknown[] },
    now: Date,
    textsOn: boolean,
  ): Promise<UnreachedRow[]> {
    const at = 3 + visible.params.length; // now, after the access condition's parameters
    return this.dataSource.query<UnreachedRow[]>(
      `SELECT m.id AS meeting_id, m.type, m.starts_at, p.id AS participant_id, p.person_id, p.role, pe.phone
         FROM meetings m
         JOIN participants p ON p.meeting_id = m.id AND p.removed_at IS NULL
         JOIN people pe ON pe.id = p.person_id
        WHERE m.status = 'SCHEDULED' AND m.starts_at > $${at} AND m.starts_at < $${at}::timestamptz + make_interval(days => $2)
          AND ($1::uuid IS NULL OR m.chair_id = $1) AND pe.email IS NULL AND ${visible.sql}${textsOn ? ` AND (pe.phone IS NULL OR ${TEXT_FAILED_SQL})` : ''}
        ORDER BY m.starts_at`,
      [chairId ?? null, days, ...visible.params, now],
    );
  }

  addAttendance(db: EntityManager, entry: Partial<AttendanceLogEntry>): Promise<AttendanceLogEntry> {
    return db.save(db.create(AttendanceLogEntry, entry));
  }

  attendanceLog(meetingId: string): Promise<AttendanceLogEntry[]> {
    return this.dataSource
      .getRepository(AttendanceLogEntry)
      .find({ where: { meetingId }, order: { at: 'ASC', createdAt: 'ASC' } });
  }

  exclusions(meetingId: string): Promise<Exclusion[]> {
    return this.dataSource.getRepository(Exclusion).find({ where: { meetingId }, order: { createdAt: 'ASC' } });
  }
}
