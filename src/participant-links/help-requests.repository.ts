import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import { Problem } from '../http/problem';
import { Meeting } from '../meetings/meeting.entity';
import { Participant } from '../meetings/participant.entity';
import { HelpRequestInput, mergedNotes } from './help-requests';

export interface HelpRequestRow {
  id: string;
  meetingId: string;
  participantId: string;
  interpreterLanguage: string | null;
  phoneCall: boolean;
  accessNeeds: string | null;
  requestedAt: Date;
}

/**
 * Stores one "I need help to take part" in the caller's transaction: the request as sent, the participant's access
 * needs brought up to date (what the chair's checklist and the meeting page read), and the audit entry. The audit
 * says what kind of help, never the words: free text about a person's needs is theirs.
 */
export async function recordHelpRequest(
  db: EntityManager,
  audit: AuditService,
  participant: Participant,
  input: HelpRequestInput,
  now: Date,
): Promise<HelpRequestRow> {
  const meeting = await db.findOneByOrFail(Meeting, { id: participant.meetingId });
  if (meeting.status === 'CANCELLED') throw Problem.conflict('The meeting is cancelled');
  if (meeting.endsAt <= now) throw Problem.conflict('The meeting has ended');
  // Locked, so two requests sent together both reach the notes.
  const [current] = await db.query<
    { interpreter_language: string | null; phone_only: boolean; accessibility_notes: string | null }[]
  >(`SELECT interpreter_language, phone_only, accessibility_notes FROM participants WHERE id = $1 FOR UPDATE`, [
    participant.id,
  ]);
  await db.update(
    Participant,
    { id: participant.id },
    {
      interpreterLanguage: input.interpreterLanguage ?? current.interpreter_language,
      phoneOnly: current.phone_only || input.phoneCall,
      accessibilityNotes: mergedNotes(current.accessibility_notes, input.accessNeeds),
    },
  );
  const [row] = await db.query<HelpRequestRow[]>(
    `INSERT INTO help_requests (meeting_id, participant_id, interpreter_language, phone_call, access_needs, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING id, meeting_id AS "meetingId", participant_id AS "participantId", interpreter_language AS "interpreterLanguage",
               phone_call AS "phoneCall", access_needs AS "accessNeeds", requested_at AS "requestedAt"`,
    [meeting.id, participant.id, input.interpreterLanguage, input.phoneCall, input.accessNeeds, now],
  );
  await audit.record(db, {
    actor: `participant:${participant.id}`,
    action: 'participant.asked_for_help',
    entity: 'participant',
    entityId: participant.id,
    meetingId: meeting.id,
    personId: participant.personId,
    changes: {
      helpRequestId: row.id,
      interpreter: Boolean(input.interpreterLanguage),
      phoneCall: input.phoneCall,
      accessNeeds: Boolean(input.accessNeeds),
    },
  });
  return row;
}

/** Help asked for in meetings that have not ended, for the coordinator's tasks; `visible` numbers from $2. */
export function openHelpRequests(
  db: EntityManager,
  now: Date,
  visible: { sql: string; params: unknown[] },
): Promise<
  {
    meetingId: string;
    type: string;
    startsAt: Date;
    person: string | null;
    role: string | null;
    interpreterLanguage: string | null;
    phoneCall: boolean;
    accessNeeds: string | null;
    requestedAt: Date;
  }[]
> {
  return db.query(
    `SELECT m.id AS "meetingId", m.type, m.starts_at AS "startsAt", pe.name AS person, p.role,
            h.interpreter_language AS "interpreterLanguage", h.phone_call AS "phoneCall", h.access_needs AS "accessNeeds",
            h.requested_at AS "requestedAt"
       FROM help_requests h
       JOIN meetings m ON m.id = h.meeting_id
       JOIN participants p ON p.id = h.participant_id AND p.removed_at IS NULL
       JOIN people pe ON pe.id = p.person_id
      WHERE m.status = 'SCHEDULED' AND m.ends_at > $1 AND ${visible.sql}
      ORDER BY m.starts_at, h.requested_at LIMIT 200`,
    [now, ...visible.params],
  );
}

/** The help this participant has asked for, oldest first: their page shows it back to them, and to nobody else. */
export function helpRequestsOf(db: EntityManager, participantId: string): Promise<HelpRequestRow[]> {
  return db.query(
    `SELECT id, meeting_id AS "meetingId", participant_id AS "participantId", interpreter_language AS "interpreterLanguage",
            phone_call AS "phoneCall", access_needs AS "accessNeeds", requested_at AS "requestedAt"
       FROM help_requests WHERE participant_id = $1 ORDER BY requested_at, id`,
    [participantId],
  );
}
