import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Problem } from '../http/problem';
import { AttendanceLogDto } from './safety.dto';
import { Meeting } from './meeting.entity';
import { MeetingSession } from './meeting-session.entity';
import { Participant } from './participant.entity';
import { AttendanceLogEntry, Exclusion, KeepApartRule } from './safety.entities';
import { keepApartBreaches } from './keep-apart';
import { Clock } from '../time/clock';

export type ChecklistItem =
  | {
      kind: 'CONTACT_WITHOUT_EMAIL';
      participantId: string;
      personId: string;
      role: string;
      phone: string | null;
      sessionIds: string[];
    }
  | { kind: 'BOOK_INTERPRETER'; participantId: string; role: string; language: string }
  | { kind: 'ASSISTED_VIDEO'; participantId: string; role: string }
  | { kind: 'PHONE_ONLY'; participantId: string; role: string; dialInAvailable: boolean }
  | { kind: 'ACCESSIBILITY'; participantId: string; role: string; notes: string }
  | { kind: 'REPORT_OWED'; participantId: string; role: string }
  | { kind: 'KEEP_APART'; ruleId: string; kept: boolean };

/** What the chair needs to know before the meeting, and who is in the room during it. */
@Injectable()
export class SafetyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async keepApartRules(
    scope: { caseId: string } | { meetingId: string },
  ): Promise<{ items: KeepApartRule[]; total: number }> {
    const items = await this.dataSource
      .getRepository(KeepApartRule)
      .find({ where: scope, order: { createdAt: 'ASC' } });
    return { items, total: items.length };
  }

  /** The "before the meeting" checklist: people reached by the chair rather than by invite, access needs, reports owed, rules kept. */
  async checklist(meetingId: string): Promise<{ meetingId: string; items: ChecklistItem[]; total: number }> {
    const meeting = await this.dataSource.getRepository(Meeting).findOneBy({ id: meetingId });
    if (!meeting) throw Problem.notFound('The meeting');
    const [participants, sessions, people, owed, rules] = await Promise.all([
      this.dataSource
        .getRepository(Participant)
        .find({ where: { meetingId, removedAt: IsNull() }, order: { createdAt: 'ASC' } }),
      this.dataSource.getRepository(MeetingSession).find({ where: { meetingId } }),
      this.dataSource.query<{ id: string; email: string | null; phone: string | null }[]>(
        `SELECT pe.id, pe.email, pe.phone FROM participants p JOIN people pe ON pe.id = p.person_id WHERE p.meeting_id = $1`,
        [meetingId],
      ),
      this.dataSource.query<{ id: string }[]>(
        `SELECT p.id FROM participants p WHERE p.meeting_id = $1 AND p.report_required AND p.removed_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.participant_id = p.id)`,
        [meetingId],
      ),
      this.dataSource.query<{ id: string; person_ids: string[] }[]>(
        `SELECT id, person_ids FROM keep_apart_rules WHERE meeting_id = $1 OR case_id IN (SELECT case_id FROM meeting_cases WHERE meeting_id = $1)`,
        [meetingId],
      ),
    ]);
    const person = new Map(people.map((p) => [p.id, p]));
    const items: ChecklistItem[] = [];
    for (const p of participants) {
      const contact = person.get(p.personId);
      if (!contact?.email)
        items.push({
          kind: 'CONTACT_WITHOUT_EMAIL',
          participantId: p.id,
          personId: p.personId,
          role: p.role,
          phone: contact?.phone ?? null,
          sessionIds: p.sessionIds,
        });
      if (p.interpreterLanguage)
        items.push({ kind: 'BOOK_INTERPRETER', participantId: p.id, role: p.role, language: p.interpreterLanguage });
      if (p.assistedVideo) items.push({ kind: 'ASSISTED_VIDEO', participantId: p.id, role: p.role });
      if (p.phoneOnly) {
        const dialInAvailable = sessions
          .filter((s) => p.sessionIds.includes(s.id))
          .every((s) => Boolean(s.dialInNumber) || Boolean(s.venue));
        items.push({ kind: 'PHONE_ONLY', participantId: p.id, role: p.role, dialInAvailable });
      }
      if (p.accessibilityNotes)
        items.push({ kind: 'ACCESSIBILITY', participantId: p.id, role: p.role, notes: p.accessibilityNotes });
    }
    for (const o of owed)
      items.push({
        kind: 'REPORT_OWED',
        participantId: o.id,
        role: participants.find((p) => p.id === o.id)?.role ?? '',
      });
    for (const rule of rules) {
      const kept =
        keepApartBreaches([{ id: rule.id, personIds: rule.person_ids }], participants, sessions).length === 0;
      items.push({ kind: 'KEEP_APART', ruleId: rule.id, kept });
    }
    return { meetingId, items, total: items.length };
  }

  /** The chair's task list: everyone in their coming meetings who has no email and must be reached another way. */
  /** `visible`: the access policy's condition on `m` (its parameters numbered from 3). */
  async tasks(
    chairId: string | undefined,
    days: number,
    visible: { sql: string; params: unknown[] },
  ): Promise<{
    items: {
      meetingId: string;
      type: string;
      startsAt: Date;
      participantId: string;
      personId: string;
      role: string;
      phone: string | null;
    }[];
    total: number;
  }> {
    const now = 3 + visible.params.length; // the Clock's now, after the access condition's parameters
    const rows: {
      meeting_id: string;
      type: string;
      starts_at: Date;
      participant_id: string;
      person_id: string;
      role: string;
      phone: string | null;
    }[] = await this.dataSource.query(
      `SELECT m.id AS meeting_id, m.type, m.starts_at, p.id AS participant_id, p.person_id, p.role, pe.phone
         FROM meetings m
         JOIN participants p ON p.meeting_id = m.id AND p.removed_at IS NULL
         JOIN people pe ON pe.id = p.person_id
        WHERE m.status = 'SCHEDULED' AND m.starts_at > $${now} AND m.starts_at < $${now}::timestamptz + make_interval(days => $2)
          AND ($1::uuid IS NULL OR m.chair_id = $1) AND pe.email IS NULL AND ${visible.sql}
        ORDER BY m.starts_at`,
      [chairId ?? null, days, ...visible.params, this.clock.now()],
    );
    const items = rows.map((r) => ({
      meetingId: r.meeting_id,
      type: r.type,
      startsAt: r.starts_at,
      participantId: r.participant_id,
      personId: r.person_id,
      role: r.role,
      phone: r.phone,
    }));
    return { items, total: items.length };
  }

  async logAttendance(
    actor: string,
    meetingId: string,
    sessionId: string,
    dto: AttendanceLogDto,
  ): Promise<AttendanceLogEntry> {
    return this.dataSource.transaction(async (db) => {
      if (!(await db.existsBy(MeetingSession, { id: sessionId, meetingId }))) throw Problem.notFound('The session');
      const participant = await db.findOneBy(Participant, { id: dto.participantId, meetingId });
      if (!participant) throw Problem.unprocessable('participantId', 'is not a participant of this meeting');
      const entry = await db.save(
        db.create(AttendanceLogEntry, {
          meetingId,
          sessionId,
          participantId: participant.id,
          event: dto.event,
          at: new Date(dto.at),
          via: dto.via ?? null,
          recordedBy: actor,
        }),
      );
      await this.audit.record(db, {
        actor,
        action: `attendance.${dto.event.toLowerCase()}`,
        entity: 'attendance-log',
        entityId: entry.id,
        meetingId,
        personId: participant.personId,
      });
      return entry;
    });
  }

  async attendanceLog(meetingId: string): Promise<{ items: AttendanceLogEntry[]; total: number }> {
    const items = await this.dataSource
      .getRepository(AttendanceLogEntry)
      .find({ where: { meetingId }, order: { at: 'ASC', createdAt: 'ASC' } });
    return { items, total: items.length };
  }

  async exclusions(meetingId: string): Promise<{ items: Exclusion[]; total: number }> {
    const items = await this.dataSource
      .getRepository(Exclusion)
      .find({ where: { meetingId }, order: { createdAt: 'ASC' } });
    return { items, total: items.length };
  }
}

/** Who was present at an instant, from the join/leave log: joined at or before it and not left since. */
export function presentAt(log: { participantId: string; event: 'JOINED' | 'LEFT'; at: Date }[], at: Date): string[] {
  const state = new Map<string, boolean>();
  for (const entry of [...log].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (entry.at.getTime() > at.getTime()) break;
    state.set(entry.participantId, entry.event === 'JOINED');
  }
  return [...state.entries()].filter(([, present]) => present).map(([id]) => id);
}
