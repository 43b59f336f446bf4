import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AuditService } from '../audit/audit.service';
import { Problem } from '../http/problem';
import { AttendanceLogDto } from './safety.dto';
import { parseInstant } from '../http/dates';
import { MeetingsRepository } from './meetings.repository';
import { ParticipantsRepository } from './participants.repository';
import { AttendanceLogEntry, Exclusion, KeepApartRule } from './safety.entities';
import { SafetyRepository } from './safety.repository';
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
  /** Texts are on and this person gets them (a phone and no email, or asked for texts): the outbox reaches them. */
  | { kind: 'TEXTED'; participantId: string; personId: string; role: string; sessionIds: string[] }
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
    private readonly safety: SafetyRepository,
    private readonly meetings: MeetingsRepository,
    private readonly participants: ParticipantsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async keepApartRules(
    scope: { caseId: string } | { meetingId: string },
  ): Promise<{ items: KeepApartRule[]; total: number }> {
    const items = await this.safety.keepApartRules(scope);
    return { items, total: items.length };
  }

  /** The "before the meeting" checklist: people reached by the chair rather than by invite, access needs, reports owed, rules kept. */
  async checklist(meetingId: string): Promise<{ meetingId: string; items: ChecklistItem[]; total: number }> {
    const { meeting, participants, sessions, contacts, owed, rules } = await this.safety.checklistFacts(meetingId);
    if (!meeting) throw Problem.notFound('The meeting');
    const person = new Map(contacts.map((p) => [p.id, p]));
    const items: ChecklistItem[] = [];
    for (const p of participants) {
      const contact = person.get(p.personId);
      const texted = Boolean(this.config.sms && contact?.phone && (!contact.email || contact.prefers_texts));
      if (texted)
        items.push({
          kind: 'TEXTED',
          participantId: p.id,
          personId: p.personId,
          role: p.role,
          sessionIds: p.sessionIds,
        });
      else if (!contact?.email)
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

  /**
   * The chair's task list: everyone in their coming meetings who has no email and must be reached another way (with
   * texts on, someone with a phone is texted and is not on it).
   */
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
    const rows = await this.safety.unreached(chairId, days, visible, this.clock.now(), Boolean(this.config.sms));
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
    return this.safety.transaction(async (db) => {
      if (!(await this.meetings.sessionExists(db, meetingId, sessionId))) throw Problem.notFound('The session');
      const participant = await this.participants.find(db, meetingId, dto.participantId);
      if (!participant) throw Problem.unprocessable('participantId', 'is not a participant of this meeting');
      const entry = await this.safety.addAttendance(db, {
        meetingId,
        sessionId,
        participantId: participant.id,
        event: dto.event,
        at: parseInstant(dto.at),
        via: dto.via ?? null,
        recordedBy: actor,
      });
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
    const items = await this.safety.attendanceLog(meetingId);
    return { items, total: items.length };
  }

  async exclusions(meetingId: string): Promise<{ items: Exclusion[]; total: number }> {
    const items = await this.safety.exclusions(meetingId);
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
